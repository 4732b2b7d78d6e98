"""Writes the browser editor (uplift.editor) into the output after each build.

The Decap CMS bundle and the yaml package's browser build come from the pinned npm
packages (EDITOR_BUNDLE, EDITOR_YAML, named by pelicanconf.py). When either is
missing the editor is left out with a note, or, with EDITOR_REQUIRED (production),
the build fails.
"""

import logging
from pathlib import Path

from pelican import signals

from uplift.editor.admin import bundle_files, library_files, write_admin, write_checks

from . import state
from .assets import asset_url

logger = logging.getLogger(__name__)


def remember(generators):
    state.of(generators[0].settings).context = dict(generators[0].context)


def write_editor(pelican):
    settings = pelican.settings
    if not settings["EDITOR"]:
        return
    bundle, library = bundle_files(settings["EDITOR_BUNDLE"]), library_files(settings["EDITOR_YAML"])
    if not bundle or not library:
        message = ("The browser editor (Decap CMS) is not installed, so /admin/ is left out. "
                   "`invoke edit` installs it; so does `npm ci`.")
        if settings["EDITOR_REQUIRED"]:
            logger.error(message)
        else:
            logger.info(message)
        return
    build = state.of(settings)
    context = build.context
    write_admin(Path(pelican.output_path) / settings["EDITOR_PATH"], bundle, library, settings,
                context.get("topic_vocabulary", []), context.get("team", []),
                asset_url(settings, "css/main.css"),
                build.problems_by_file() if settings["EDITOR_CHECKS"] else None,
                build.inbound if settings["EDITOR_CHECKS"] else None)


def write_editor_checks(settings, output_path, problems_by_file):
    """Only checks.json again: the live preview after a save it rendered alone."""
    if settings["EDITOR"] and settings["EDITOR_CHECKS"]:
        write_checks(Path(output_path) / settings["EDITOR_PATH"], settings, problems_by_file)


def register():
    signals.all_generators_finalized.connect(remember)
    signals.finalized.connect(write_editor)
