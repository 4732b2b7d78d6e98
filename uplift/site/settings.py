"""The site plugin's settings and their defaults: the one place they are declared.

pelicanconf.py sets what differs from these; every part of uplift.site reads
settings[NAME] once `apply_defaults` has run (when a build starts).
"""

from uplift.checks.facts import DEFAULT_FILE as PRACTICE_FILE
from uplift.checks.team import DEFAULTS as TEAM_DEFAULTS

DEFAULTS = {
    # The build and its checks (checking.py, strict.py)
    "STRICT_BUILD": True,  # exit non-zero when problems were found; the live preview sets False
    "CHECK_ONLY": False,  # report and stop before writing (`invoke check`)
    # Worker processes read the files beside the build when at least this many are to be read
    # (prerender.py): for fewer, starting them costs more than it saves.
    "PRERENDER_MIN_FILES": 200,
    # Make every page's folder on a second thread before the pages are written (output_folders.py);
    # off for a pass that writes only some pages (the live preview's).
    "OUTPUT_FOLDERS_AHEAD": True,
    "CHECK_REPORT": None,  # with CHECK_ONLY: also write {file: [problem]} as JSON here (the editor's checks)
    "SUMMARY_LENGTH": (70, 160),  # allowed length of a Summary, in characters
    "CONTENT_DATA_FILES": [],  # other files under PATH the site reads (facts.py adds the facts file)
    # Content folders inside PATH (topics.py, team.py, facts.py)
    "TOPICS_PATH": "topics",
    "PRACTICE_FILE": PRACTICE_FILE,
    **TEAM_DEFAULTS,
    # Reading aids and navigation
    "READING_WORDS_PER_MINUTE": 220,  # an unhurried adult reading pace
    "RELATED_ARTICLES_LIMIT": 3,
    "RELATED_TOPICS_LIMIT": 4,
    # Search (search_index.py): Pagefind over the files matching the glob
    "SEARCH_INDEX": True,
    "SEARCH_INDEX_GLOB": "**/*.html",
    # Production assets (assets.py)
    "FINGERPRINT_ASSETS": False,  # content-hashed names for theme files
    "MINIFY_OUTPUT": False,  # minified HTML and CSS
    "FINGERPRINTED_FILES": [],  # theme static files, relative to theme/static/
    # Responsive images (images.py)
    "RESPONSIVE_IMAGE_WIDTHS": [400, 672, 1008, 1344],
    "RESPONSIVE_IMAGE_SIZES": "100vw",
    "RESPONSIVE_IMAGE_DISPLAY_WIDTH": 672,
    # Static hosts (host_headers.py): write `_headers` (production)
    "WRITE_HOST_HEADERS": False,
    # The browser editor at /admin/ (editor.py)
    "EDITOR": True,  # write the editor
    "EDITOR_PATH": "admin",  # where, in the output
    "EDITOR_BUNDLE": None,  # the folder of Decap CMS's decap-cms.js (pelicanconf.py names it)
    "EDITOR_YAML": None,  # the folder of the yaml package's browser build (pelicanconf.py names it)
    "EDITOR_REQUIRED": False,  # a missing bundle fails the build (production) rather than a note
    "EDITOR_CONTENT_FOLDER": "content",  # the content folder as the editor's proxy names it
    "EDITOR_LOCAL_BACKEND": None,  # the local proxy's API (set by `invoke edit`)
    "EDITOR_BACKEND": None,  # the production git backend (see README, "Editing in the browser")
    "EDITOR_CHECKS": False,  # write checks.json, the checker's findings per file (the live preview)
    # The site index (site_index.py): what the build published, for `invoke report`
    "SITE_INDEX_SAVE_AS": "site-index.json",
}


def apply_defaults(settings):
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
