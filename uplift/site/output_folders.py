"""The output folders, made on a second thread while the pages render.

Every article, page, profile and topic is written as <slug>/index.html, so
the writer makes a folder before each page. On the virtual disks the site is
built on, making a folder waits about 0.3 ms on the file system (0.3 to 0.4 s
for 1,000 articles) while the interpreter does nothing. Once the checks have
passed (all_generators_finalized, after checking.py), every page's folder is
known, so a thread makes them beside the rendering: the wait releases the
interpreter, and the other processor does it. Pelican's writer still makes
any folder it needs, so one the thread has not reached yet costs only time,
and a folder that cannot be made is reported by the writer, as always.
"""

import contextlib
import os
import threading
from pathlib import Path

from pelican import signals

from . import state

# Lists of content objects (each with a save_as) in Pelican's generators and the site's own.
_CONTENT = ("articles", "translations", "hidden_articles", "hidden_translations", "drafts",
            "drafts_translations", "pages", "hidden_pages", "draft_pages", "draft_translations", "members")
_LISTINGS = ("tags", "categories", "authors")  # {listing object (with a save_as): articles}


def page_folders(generators, output):
    """The folder of every page the generators will write, in the order they write them."""
    folders = {}
    for generator in generators:
        items = [item for name in _CONTENT for item in getattr(generator, name, None) or []]
        items += [item for name in _LISTINGS for item in (getattr(generator, name, None) or {})]
        for item in items:
            save_as = getattr(item, "save_as", "")
            if save_as and "/" in save_as:
                folders[Path(output, save_as).parent] = None
    return list(folders)


def _make(folders):
    for folder in folders:
        with contextlib.suppress(OSError):  # the writer meets the same problem and reports it
            os.makedirs(folder, exist_ok=True)


def start_making(generators):
    settings = generators[0].settings
    if not settings["OUTPUT_FOLDERS_AHEAD"]:
        return
    folders = page_folders(generators, settings["OUTPUT_PATH"])
    maker = threading.Thread(target=_make, args=(folders,), name="output folders", daemon=True)
    state.of(settings).folder_maker = maker
    maker.start()


def finish(pelican):
    maker = state.of(pelican.settings).folder_maker
    if maker is not None:
        maker.join()


def register():
    signals.all_generators_finalized.connect(start_making)
    signals.finalized.connect(finish)
