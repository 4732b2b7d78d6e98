"""A Pagefind index of the built site, for the search page.

Pagefind (PyPI `pagefind[bin]`, which ships its binary, so it runs offline)
reads the written HTML after every build and writes output/pagefind/. Only the
regions marked `data-pagefind-body` (article and page bodies with their titles)
are indexed, not navigation or listing pages.

Settings: SEARCH_INDEX (build it; the live preview's quick passes do not) and
SEARCH_INDEX_GLOB (the files Pagefind reads: only articles and pages carry
data-pagefind-body, and pointing Pagefind at them alone spares it parsing every
listing page).
"""

import logging
import subprocess
import sys

from pelican import signals

logger = logging.getLogger(__name__)


def pagefind_command(output_path, glob="**/*.html"):
    return [sys.executable, "-m", "pagefind", "--site", str(output_path), "--glob", glob, "--silent"]


def build_index(pelican):
    if not pelican.settings["SEARCH_INDEX"]:
        return
    glob = pelican.settings["SEARCH_INDEX_GLOB"]
    result = subprocess.run(pagefind_command(pelican.output_path, glob), capture_output=True, text=True)
    if result.returncode != 0:
        logger.error("The search index could not be built (Pagefind said: %s)",
                     (result.stderr or result.stdout).strip())


def register():
    signals.finalized.connect(build_index)
