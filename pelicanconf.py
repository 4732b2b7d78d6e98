"""Development settings for the Uplift site: settings only.

Grouped by purpose. The practice's facts (name, phone, email, booking link,
hours, crisis lines, the site's public address) are content, not settings: they
live in content/practice.yml, which staff edit, and reach every template as
PRACTICE (uplift.site.facts). Production overrides live in publishconf.py.
Defaults of the site's own settings are in uplift/site/settings.py.
"""

from pathlib import Path

# The project's folder: where the npm packages (the browser editor's bundle) are.
PROJECT = Path(__file__).resolve().parent

# --- Site identity ------------------------------------------------------------
# SITENAME is the practice's name, from content/practice.yml (uplift.site.facts).
AUTHOR = "The Uplift team"
# Links inside the site are root-relative ("/topics/") so the build works on any
# host and port; SITE_ORIGIN is for what must be absolute (feeds, canonical URLs).
SITEURL = ""
SITE_ORIGIN = "http://127.0.0.1:8000"  # the preview address (tasks.py serves here)
TIMEZONE = "America/New_York"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%B %-d, %Y"

# --- Content ------------------------------------------------------------------
PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
TOPICS_PATH = "topics"  # the topic vocabulary (uplift.site.topics); not articles or pages
TEAM_PATH = "team"  # one file per clinician (uplift.site.team): the team page and profiles
STATIC_PATHS = ["images", "extra"]
# Files in content/extra/ are served from the site root.
EXTRA_PATH_METADATA = {
    "extra/favicon.ico": {"path": "favicon.ico"},
    "extra/icon.svg": {"path": "icon.svg"},
    "extra/apple-touch-icon.png": {"path": "apple-touch-icon.png"},
}
DEFAULT_CATEGORY = "Articles"  # every article needs one, even with category pages off
MARKDOWN = {
    # Setting MARKDOWN replaces Pelican's defaults, so they are repeated here.
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight"},
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        # Section headings get their ids as each post is read (uplift.content.markdown),
        # for the table of contents.
    },
    "output_format": "html5",
}
# One language: no translations, so posts sharing a slug are a mistake, reported once
# by the checks (Pelican would otherwise try to pair them as translations).
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
# Fields at the top of a post are plain text, shown escaped (the checks refuse
# markup in them): the Summary is not run through Markdown.
FORMATTED_FIELDS = []

# --- Drafts and scheduling ----------------------------------------------------
# Status: draft posts are written to drafts/ and listed on the home page of the
# development build and the preview only. Posts dated in the future wait for
# their date (Pelican keeps them as drafts until then).
WITH_FUTURE_DATES = False
SHOW_DRAFTS = True
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
DRAFT_PAGE_URL = "drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = "drafts/pages/{slug}/index.html"

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

DIRECT_TEMPLATES = ["index", "tags", "archives", "search", "book"]
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
# Booking links go to BOOK_URL?from=<where the reader is>: the web server counts
# them in its log and redirects to PRACTICE["booking_url"] (uplift.server).
# This page, a plain link, answers where no such server does (the preview).
BOOK_URL = "book/"
BOOK_SAVE_AS = "book/index.html"
# Pages the site does not write: categories and authors add nothing for a
# single-practice site, and dated archives duplicate the archive page.
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""

# --- Feeds: Atom for the whole site and for each topic ------------------------
FEED_DOMAIN = SITE_ORIGIN
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_MAX_ITEMS = 20  # the newest posts, in full: what feed readers show anyway
TAG_FEED_ATOM = "feeds/topics/{slug}.atom.xml"
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# --- Search engines and link previews (uplift.site.search_engines) --------------
SHARE_IMAGE = "theme/images/share.png"  # 1200x630, drawn by `invoke images`
# Search: Pagefind indexes article and page bodies after every build.
SEARCH_INDEX = True
# Articles and pages are written as <slug>/index.html, one folder deep, and team
# profiles as team/<slug>/index.html; listing pages (topics/<slug>/, page/2/...)
# carry nothing to index.
SEARCH_INDEX_GLOB = "{*,team/*}/index.html"

# Assets: hashed names and minification are for production (publishconf.py).
FINGERPRINT_ASSETS = False
MINIFY_OUTPUT = False
FINGERPRINTED_FILES = ["css/main.css", "css/search.css", "js/search.js"]

# Responsive images: photographs in posts, at the widths the column needs. The
# text column is 42rem (672 px) wide at most; 1344 serves it on 2x screens.
RESPONSIVE_IMAGE_WIDTHS = [400, 672, 1008, 1344]
RESPONSIVE_IMAGE_DISPLAY_WIDTH = 672
RESPONSIVE_IMAGE_SIZES = "(min-width: 45rem) 42rem, calc(100vw - 2.5rem)"

# --- Theme --------------------------------------------------------------------
THEME = "theme"
# Every value a template prints is escaped unless marked |safe (post bodies, which
# the checks have checked and cleaned): a title is text, never markup.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [], "autoescape": True}
# Only topic pages are paginated; home shows the latest few, archives show all.
DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"tag": 10}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
HOME_LATEST_ARTICLES = 6
# Main navigation: (label, URL relative to the site root).
MENU = [
    ("Services", "services/"),
    ("Fees", "fees/"),
    ("Articles", "archives/"),
    ("Topics", "topics/"),
    ("About", "about/"),
    ("Team", "team/"),
    ("Contact", "contact/"),
    ("Search", "search/"),
]
DISPLAY_PAGES_ON_MENU = False
DISPLAY_CATEGORIES_ON_MENU = False
# A table of contents is shown on articles with at least this many sections.
TOC_MIN_SECTIONS = 4

# --- Plugins: always an explicit list (an installed plugin must not load itself) -
# The site's code is one plugin, the installed package uplift (uplift/site/__init__.py
# says what it does, in order).
PLUGINS = ["uplift.site"]
WRITE_HOST_HEADERS = False  # `_headers` for static hosts (production)
# Fail the build, listing every problem, when anything is logged at warning level or
# above. The live preview turns this off so it keeps serving.
STRICT_BUILD = True
# A Summary must suit a search result's description.
SUMMARY_LENGTH = (70, 160)
# The browser editor's bundle: the pinned npm package decap-cms (`invoke edit` installs it).
EDITOR_BUNDLE = str(PROJECT / "node_modules" / "decap-cms" / "dist")
# The YAML reader and writer the editor's facts-file format uses: the pinned npm package
# yaml, its browser build (ES modules).
EDITOR_YAML = str(PROJECT / "node_modules" / "yaml" / "browser" / "dist")
