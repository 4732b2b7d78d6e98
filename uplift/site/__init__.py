"""The site as one Pelican plugin: `PLUGINS = ["uplift.site"]`.

register() connects every part, in the order their handlers must run:

    strict         a warning or error fails the build, every problem listed at once
    prerender      a clean build's reading shared with worker processes
    checking       the site's own reader and the content rules, before anything is written
    urls           each post's address worked out once, when the checks have settled it
    output_folders the pages' folders made on a second thread while pages render
    facts          the practice's facts file, for every template (PRACTICE)
    topics         tags matched to the topic files; the topic hubs
    team           the clinicians: the team page, profiles, bylines
    reading_aids   reading time and the outline of each article and page
    navigation     related articles, previous and next
    search_engines canonical URLs, link previews, JSON-LD, feeds, sitemap.xml, robots.txt
    site_index     what was published, for `invoke report`
    redirects      addresses that moved (Former_slugs): a page at each, and server redirects
    assets         production: content-hashed names, minified HTML and CSS
    search_index   Pagefind over the written pages, once final
    host_headers   production: `_headers` for static hosts
    booking        booking links, counted by the web server
    images         responsive images
    editor         the browser editor at /admin/

Every build starts with a fresh state (state.py) and the defaults of settings.py, and
loads the theme's templates compiled once (templates.py).
"""

from pelican import signals

from . import (
    assets,
    booking,
    checking,
    editor,
    facts,
    host_headers,
    images,
    navigation,
    output_folders,
    prerender,
    reading_aids,
    redirects,
    search_engines,
    search_index,
    site_index,
    state,
    strict,
    team,
    topics,
    urls,
)
from .settings import apply_defaults
from .template_cache import use_template_cache

PARTS = (strict, prerender, checking, urls, output_folders, facts, topics, team, reading_aids, navigation,
         search_engines, site_index, redirects, assets, search_index, host_headers, booking, images, editor)


def start_build(pelican):
    apply_defaults(pelican.settings)
    state.start(pelican.settings)
    use_template_cache(pelican.settings)


def register():
    signals.initialized.connect(start_build)  # first: every part's handlers find the state
    for part in PARTS:
        part.register()
    # Last: Pagefind, started by search_index, indexes while the parts after it write theirs.
    signals.finalized.connect(search_index.finish_index)
