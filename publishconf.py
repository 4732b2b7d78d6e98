"""Production settings: overrides of pelicanconf.py only."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# The site's public address is a practice fact (content/practice.yml, site_url):
# None here tells uplift.site.facts to set SITE_ORIGIN, SITEURL and FEED_DOMAIN
# from it. A local production build (`invoke nginx`) passes its own address instead.
SITE_ORIGIN = None
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

# Drafts and scheduled posts are never written for readers.
SHOW_DRAFTS = False
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""

# Assets: content-hashed names (cached for a year), minified HTML and CSS, and
# .gz and .br siblings of every text file for the web server to send as they are.
FINGERPRINT_ASSETS = True
MINIFY_OUTPUT = True
PLUGINS = PLUGINS + ["pelican.plugins.precompress"]  # noqa: F405 (last: after minification)
PRECOMPRESS_GZIP = True
PRECOMPRESS_BROTLI = True
PRECOMPRESS_ZOPFLI = False
PRECOMPRESS_OVERWRITE = True
PRECOMPRESS_TEXT_EXTENSIONS = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".ico"}
WRITE_HOST_HEADERS = True  # `_headers` for Netlify / Cloudflare Pages

# The browser editor at /admin/ logs in to the practice's own git server (Forgejo,
# PKCE: an OAuth application registered there, no secret) and saves through it; the
# site's CI then checks, tests and publishes. See README, "Editing in the browser".
EDITOR_REQUIRED = True
EDITOR_BACKEND = {
    "name": "forgejo",
    "repo": "uplift/site",  # placeholder until the practice's git server is set up
    "branch": "main",
    "api_root": "https://git.example.org/api/v1",  # placeholder
    "app_id": "REPLACE-WITH-THE-OAUTH-APPLICATION-ID",  # placeholder
}
