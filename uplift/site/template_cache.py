"""Compiled templates are kept and shared, within a build and between builds.

Pelican gives each of its generators a Jinja environment of its own, and each
compiles the theme's templates again (the base template, partials, macros); the
live preview makes new ones on every save. A bytecode cache in
CACHE_PATH/templates lets them all load the compiled code instead (Jinja checks
it against each template's source, so an edited template is compiled again).
Templates do not change while a build runs: Jinja is told not to look at their
files again each time a page includes one (auto_reload).
"""

from pathlib import Path

from jinja2 import FileSystemBytecodeCache

FOLDER = "templates"


def use_template_cache(settings):
    folder = Path(settings["CACHE_PATH"]) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"], "auto_reload": False,
                                     "bytecode_cache": FileSystemBytecodeCache(str(folder))}
