"""search_index: a Pagefind index of the built site, for the search page.

Pagefind (PyPI `pagefind[bin]`, which ships its binary, so it runs offline)
reads the written HTML after every build and writes output/pagefind/. Only the
regions marked `data-pagefind-body` (article and page bodies with their titles)
are indexed, not navigation or listing pages.

Settings:
    SEARCH_INDEX (bool, default True): build the index. The live preview may
        turn it off to refresh faster.
    SEARCH_INDEX_GLOB (str, default "**/*.html"): the files Pagefind reads.
        Only articles and pages carry data-pagefind-body; pointing Pagefind
        at them alone spares it parsing every listing page.
"""

import logging
import subprocess
import sys

from pelican import signals

logger = logging.getLogger(__name__)


def pagefind_command(output_path, glob="**/*.html"):
    return [sys.executable, "-m", "pagefind", "--site", str(output_path), "--glob", glob, "--silent"]


def build_index(pelican):
    if not pelican.settings.get("SEARCH_INDEX", True):
        return
    glob = pelican.settings.get("SEARCH_INDEX_GLOB", "**/*.html")
    result = subprocess.run(pagefind_command(pelican.output_path, glob), capture_output=True, text=True)
    if result.returncode != 0:
        logger.error("The search index could not be built (Pagefind said: %s)",
                     (result.stderr or result.stdout).strip())


def register():
    # Connected after search_engines' own finalized handler, by PLUGINS order.
    signals.finalized.connect(build_index)
