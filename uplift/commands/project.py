"""The project as the tasks see it: its folders, its settings files, one Pelican build."""

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from pelican.settings import read_settings

from uplift.site.settings import apply_defaults

PREVIEW_HOST, PREVIEW_PORT = "127.0.0.1", 8000


@dataclass(frozen=True)
class Project:
    """The project's folder (where tasks.py and pelicanconf.py are) and what is in it."""
    root: Path

    @property
    def output(self):
        return self.root / "output"

    @property
    def cache(self):
        return self.root / "cache"

    @property
    def dev_settings(self):
        return self.root / "pelicanconf.py"

    @property
    def publish_settings(self):
        return self.root / "publishconf.py"

    @property
    def content(self):
        return self.root / "content"

    def design_files(self):
        """What a complete rebuild follows in the preview: the theme, the site's code, the settings."""
        return [self.root / "theme" / "**" / "*", self.root / "uplift" / "**" / "*.py", self.dev_settings]

    def pelican(self, settings, output=None, *extra, content=None):
        """Run one Pelican build in a subprocess (each build starts clean); its exit status.

        `content` is the content folder (default: the settings' PATH)."""
        source = [str(Path(content).resolve())] if content else []
        command = [sys.executable, "-m", "pelican", *source, "-s", str(settings), "-o",
                   str(output or self.output), *extra]
        return subprocess.run(command, cwd=self.root).returncode

    def build_or_exit(self, settings, *extra):
        status = self.pelican(settings, self.output, *extra)
        if status:
            sys.exit(status)

    def settings(self, path=None, content=None):
        """The settings of a settings file (default: pelicanconf.py), as a build reads them."""
        override = {"PATH": str(Path(content).resolve())} if content else None
        settings = read_settings(str(path or self.dev_settings), override=override)
        apply_defaults(settings)
        return settings
