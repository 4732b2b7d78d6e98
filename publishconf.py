"""Production settings: overrides of pelicanconf.py only."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITE_ORIGIN = "https://www.example.com"  # placeholder until the domain is known
SITEURL = SITE_ORIGIN
FEED_DOMAIN = SITE_ORIGIN
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

# Drafts and scheduled posts are never written for readers.
SHOW_DRAFTS = False
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
