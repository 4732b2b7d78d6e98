"""PreviewBuilder: quick passes in the preview's own process, complete builds beside it."""

import json
import logging
import subprocess
import sys
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

logger = logging.getLogger(__name__)


class PreviewBuilder:
    """Builds for the live preview: quick passes in-process, complete builds alongside."""

    def __init__(self, settings_file, content=None, output="output", cache="cache", origin=None,
                 settings=None):
        self.settings_file = str(settings_file)
        self.overrides = {"OUTPUT_PATH": str(Path(output).resolve()),
                          "CACHE_PATH": str(Path(cache).resolve()),
                          "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,
                          "STRICT_BUILD": False}  # a problem is shown, the preview keeps serving
        if origin:  # absolute links (feeds, canonical URLs) point at the preview itself
            self.overrides.update(SITE_ORIGIN=origin, FEED_DOMAIN=origin)
        # The browser editor's preview pane shows what the checker found in each file.
        self.overrides["EDITOR_CHECKS"] = True
        self.overrides.update(settings or {})
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
        settings = read_settings(self.settings_file, override={
            **self.overrides, "SEARCH_INDEX": False,
            "PREVIEW_WRITE_ONLY": [str(Path(p).resolve()) for p in changed_paths]})
        # The selective writer (uplift.preview's own plugin) for this pass only.
        settings["PLUGINS"] = [*settings["PLUGINS"], "uplift.preview"]
        try:
            Pelican(settings).run()
        except SystemExit:
            pass  # problems were reported; the preview keeps serving the last good pages
        except Exception as error:  # the preview must survive whatever a save brings
            logger.error("The preview could not rebuild: %s", error)

    def warm_up(self):
        """Load Pelican and its content cache in this process now, so the first save is as
        quick as the rest."""
        self.quick_build([])

    def content_folder(self):
        return read_settings(self.settings_file, override=self.overrides)["PATH"]

    def stop_background(self):
        if self.background and self.background.poll() is None:
            self.background.terminate()
            self.background.wait()
        self.background = None
