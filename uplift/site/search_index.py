"""A Pagefind index of the built site, for the search page.

Pagefind (PyPI `pagefind[bin]`, which ships its binary, so it runs offline)
reads the written HTML after every build and writes output/pagefind/. Only the
regions marked `data-pagefind-body` (article and page bodies with their titles)
are indexed, not navigation or listing pages.

Settings: SEARCH_INDEX (build it; the live preview's quick passes do not) and
SEARCH_INDEX_GLOB (the files Pagefind reads: only articles and pages carry
data-pagefind-body, and pointing Pagefind at them alone spares it parsing every
listing page).

Pagefind reads every page each time (it has no incremental mode), so a build
whose written HTML is byte for byte what the last index was made from, with
that index still in place, keeps it: the digests of both are kept in
CACHE_PATH/search-index.json.

The pages are digested, and Pagefind started if they changed, as soon as they
are final (after minifying; `start_index`); it runs on another processor
while the editor, images and headers are written, and the build waits for it
last (`finish_index`). Pagefind writes its index in place: over a slow disk,
a fresh folder of a thousand files and the removal of the old one would cost
more than the whole wait.
"""

import hashlib
import json
import logging
import os
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from pelican import signals

from . import state

logger = logging.getLogger(__name__)
INDEX_FOLDER = "pagefind"
STAMP = "search-index.json"
BODY = b"data-pagefind-body"  # of a site with such pages, Pagefind indexes nothing else


def pagefind_command(output_path, glob="**/*.html"):
    return [sys.executable, "-m", "pagefind", "--site", str(output_path), "--glob", glob, "--silent"]


def _pagefind_version():
    try:
        return version("pagefind")
    except PackageNotFoundError:
        return ""


def _files(folder, suffix="", skip=()):
    """The paths (relative to `folder`, with "/") of the files under it ending in `suffix`, sorted;
    the folders named in `skip` at its top are not entered."""
    found = []
    for root, folders, names in os.walk(folder):
        inside = os.path.relpath(root, folder)
        if inside == ".":
            folders[:] = [name for name in folders if name not in skip]
            prefix = ""
        else:
            prefix = inside.replace(os.sep, "/") + "/"
        found += [prefix + name for name in names if name.endswith(suffix)]
    return sorted(found)


def pages_digest(output, glob):
    """A digest of the pages Pagefind indexes (those with a searchable body, or every page of a site
    with none) and of how it indexes them."""
    pages = {}
    for relative in _files(output, ".html", skip={INDEX_FOLDER}):
        with open(os.path.join(output, relative), "rb") as page:
            pages[relative] = page.read()
    searchable = {relative: html for relative, html in pages.items() if BODY in html} or pages
    digest = hashlib.blake2b(f"{glob}\0{_pagefind_version()}".encode())
    for relative, html in searchable.items():
        digest.update(relative.encode() + b"\0" + html)
    return digest.hexdigest()


def index_digest(output):
    """A digest of the index as written: every file's name, size and modification time."""
    digest = hashlib.blake2b()
    folder = os.path.join(output, INDEX_FOLDER)
    for relative in _files(folder):
        stat = os.stat(os.path.join(folder, relative))
        digest.update(f"{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def start_index(pelican):
    """Once the pages are final: keep the index if they are those it was made from, else start
    Pagefind on them."""
    settings = pelican.settings
    if not settings["SEARCH_INDEX"]:
        return
    output = Path(pelican.output_path)
    glob = settings["SEARCH_INDEX_GLOB"]
    stamp = Path(settings["CACHE_PATH"]) / STAMP
    try:
        last = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        last = None
    indexing = None
    if last is None or not (output / INDEX_FOLDER).is_dir():
        # Nothing to keep: Pagefind starts now, the pages are digested while it runs.
        indexing = subprocess.Popen(pagefind_command(output, glob), stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True)
    pages = pages_digest(output, glob)
    if indexing is None:
        if last == {"pages": pages, "index": index_digest(output)}:
            return  # the same pages, the same index: Pagefind would write it again as it is
        indexing = subprocess.Popen(pagefind_command(output, glob), stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True)
    stamp.unlink(missing_ok=True)
    build = state.of(settings)
    build.indexing, build.indexed_pages = indexing, pages


def finish_index(pelican):
    """Wait for Pagefind (started by start_index), then note what its index was made from."""
    build = state.of(pelican.settings)
    indexing = build.indexing
    if indexing is None:
        return
    said, complaint = indexing.communicate()
    if indexing.returncode != 0:
        logger.error("The search index could not be built (Pagefind said: %s)", (complaint or said).strip())
        return
    output = Path(pelican.output_path)
    stamp = Path(pelican.settings["CACHE_PATH"]) / STAMP
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps({"pages": build.indexed_pages, "index": index_digest(output)}),
                     encoding="utf-8")


def register():
    # finish_index is connected by uplift.site after every part's own handlers.
    signals.finalized.connect(start_index)
