"""Development settings for the Uplift site.

Grouped by purpose. The practice's facts (name, phone, email, booking link,
crisis line) live in PRACTICE and nowhere else: templates and pages read them
from there. Production overrides live in publishconf.py.
"""

# --- The practice's facts: the one place --------------------------------------
# Values marked PLACEHOLDER are not yet known; `invoke publish` refuses to run
# while any remains (see tasks.py).
PRACTICE = {
    "name": "Uplift",
    "tagline": "Couples therapy for reconnecting, repairing trust and rebuilding intimacy.",
}

# --- Site identity ------------------------------------------------------------
SITENAME = PRACTICE["name"]
AUTHOR = "The Uplift team"
SITEURL = ""  # development: links are relative to the preview server
TIMEZONE = "America/New_York"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%B %-d, %Y"

# --- Content ------------------------------------------------------------------
PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]
DEFAULT_CATEGORY = "Articles"  # every article needs one, even with category pages off
MARKDOWN = {
    # Setting MARKDOWN replaces Pelican's defaults, so they are repeated here.
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight"},
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
    },
    "output_format": "html5",
}

# --- URLs: clean, one folder per page -------------------------------------------
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
TAG_URL = "topics/{slug}/"
TAG_SAVE_AS = "topics/{slug}/index.html"
TAGS_URL = "topics/"
TAGS_SAVE_AS = "topics/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"

# Pages the site does not write: categories and authors add nothing for a
# single-practice site, and dated archives duplicate the archive page.
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""

# --- Feeds: off in development, on in production (publishconf.py) ---------------
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# --- Theme --------------------------------------------------------------------
THEME = "simple"
DEFAULT_PAGINATION = 10

# --- Plugins: always an explicit list (an installed plugin must not load itself) -
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["strict_build"]
# strict_build: fail the build, listing every problem, when anything is logged
# at warning level or above. The live preview turns this off so it keeps serving.
STRICT_BUILD = True
