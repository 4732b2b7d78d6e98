"""live_preview: the writing loop. A saved article is on screen in about a second.

Pelican rewrites every page on every build. In the live preview that is
wasted: the writer is looking at one page. `PreviewBuilder.quick_build` runs
Pelican in the preview's own process (no start-up cost), reads unchanged files
from the content cache, and writes only the pages of the changed files plus
the home page, the archive and their topics' pages (PREVIEW_WRITE_ONLY, via
the selective writer below). The browser refreshes then; a complete build
(every page, feeds, the search index) follows in the background.

Settings:
    PREVIEW_WRITE_ONLY (list of source paths, default None): when set, write
        only what those files affect. Set by PreviewBuilder, never by hand.
"""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from pelican import Pelican, signals
from pelican.log import LimitFilter
from pelican.settings import read_settings
from pelican.writers import Writer

from .selection import affected

__all__ = ["register", "PreviewBuilder", "SelectiveWriter", "affected"]

logger = logging.getLogger(__name__)


class SelectiveWriter(Writer):
    """Writes only the pages `affected` by the changed sources; no feeds."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.changed = {os.path.abspath(path) for path in settings["PREVIEW_WRITE_ONLY"]}
        self.changed_topics = None

    def write_feed(self, *args, **kwargs):
        return None

    def write_file(self, name, template, context, *args, **kwargs):
        if self.changed_topics is None:
            self.changed_topics = {tag.slug for item in context.get("articles", []) + context.get(
                "drafts", []) if item.source_path in self.changed for tag in getattr(item, "tags", [])}
        if affected(name, kwargs, self.changed, self.changed_topics):
            return super().write_file(name, template, context, *args, **kwargs)
        return None


def selective_writer(pelican):
    return SelectiveWriter if pelican.settings.get("PREVIEW_WRITE_ONLY") else None


def register():
    signals.get_writer.connect(selective_writer)


class PreviewBuilder:
    """Builds for the live preview: quick passes in-process, complete builds alongside."""

    def __init__(self, settings_file, content=None, output="output", cache="cache"):
        self.settings_file = str(settings_file)
        self.overrides = {"OUTPUT_PATH": str(Path(output).resolve()),
                          "CACHE_PATH": str(Path(cache).resolve()),
                          "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,
                          "STRICT_BUILD": False}  # a problem is shown, the preview keeps serving
        if content:
            self.overrides["PATH"] = str(Path(content).resolve())
        self.background = None

    def full_build(self, index=True, wait=True):
        """Every page, feeds and (unless index=False) the search index, in a subprocess."""
        self.stop_background()
        command = [sys.executable, "-m", "pelican", "-s", self.settings_file, "-e",
                   *(f"{key}={json.dumps(value)}" for key, value in self.overrides.items()),
                   f"SEARCH_INDEX={json.dumps(index)}"]
        if wait:
            return subprocess.run(command).returncode
        self.background = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        return None

    def quick_build(self, changed_paths):
        """Write the pages of the changed sources now, in this process."""
        self.stop_background()  # an older complete build must not overwrite newer pages
        LimitFilter._raised_messages.clear()  # show repeated problems again on every save
        settings = read_settings(self.settings_file, override={
            **self.overrides, "SEARCH_INDEX": False,
            "PREVIEW_WRITE_ONLY": [str(Path(p).resolve()) for p in changed_paths]})
        try:
            Pelican(settings).run()
        except SystemExit:
            pass  # problems were reported; the preview keeps serving the last good pages
        except Exception as error:  # the preview must survive whatever a save brings
            logger.error("The preview could not rebuild: %s", error)

    def warm_up(self):
        """Read and check every file once now, so the first save is as quick as the rest."""
        from content_checks import check_site

        check_site(read_settings(self.settings_file, override=self.overrides))

    def stop_background(self):
        if self.background and self.background.poll() is None:
            self.background.terminate()
            self.background.wait()
        self.background = None
