"""A clean build's reading, shared with the machine's other processors.

Reading is most of a clean build: each .md file is rendered by
Python-Markdown, checked on its HTML and cleaned, one after the other, while
the other processors wait. No file's reading needs another's, so when a
build is about to read many files (PRERENDER_MIN_FILES, none in Pelican's
content cache), worker processes read them too: they take the files from the
end of the list while the build takes them from the start, and a file no
worker has started is read by the build itself, so neither waits for the
other until they meet. What a worker makes (reader.Rendered) is what the
build would have made; the build turns it into the post as always.

Workers are started afresh ("spawn"), not forked: a fork would copy the
build's threads' locks (its console, its log handlers) in whatever state
they are in. They are stopped when the reading is done.
"""

import functools
import json
import logging
import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from pelican import signals

from uplift.content.markdown import markdown_converter

from . import state
from .reader import render_file

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=4)
def _converter(markdown):
    """One converter per worker process and Markdown settings (JSON), made at its first file."""
    return markdown_converter({"MARKDOWN": json.loads(markdown)})


def _render(path, root, markdown):
    return render_file(path, root, _converter(markdown))


class Prerender:
    """The files of one build being read by worker processes."""

    def __init__(self, paths, root, markdown, workers):
        self.executor = ProcessPoolExecutor(workers, mp_context=get_context("spawn"))
        # Submitted last file first: the workers start at the end of the build's order.
        self.futures = {path: self.executor.submit(_render, path, root, markdown)
                        for path in reversed(paths)}

    def take(self, path):
        """The Rendered of `path` if a worker has read it or is reading it; None when the build
        should read it itself (no worker started it, or reading it failed: the build's own reading
        then reports what is wrong)."""
        future = self.futures.pop(str(path), None)
        if future is None or future.cancel():
            return None
        try:
            return future.result()
        except Exception:  # read again by the build, which reports what is wrong
            return None

    def stop(self):
        self.executor.shutdown(wait=False, cancel_futures=True)


# The build itself still turns every file into a post (its metadata, Pelican's signals, the
# rules across fields): a few workers keep ahead of it, more would wait, each with its memory.
MAX_WORKERS = 3


def _workers():
    """Worker processes to start: the processors this build may use but its own, at most MAX_WORKERS."""
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        available = os.cpu_count() or 1
    return min(available - 1, MAX_WORKERS)


def start(generator):
    """Before the articles are read: hand the files no cache holds to workers, if many."""
    settings = generator.settings
    build = state.of(settings)
    workers = _workers()
    if build.prerender is not None or workers < 1:
        return
    readers = generator.readers
    paths = []
    for folders, excludes in ((settings["ARTICLE_PATHS"], settings["ARTICLE_EXCLUDES"]),
                              (settings["PAGE_PATHS"], settings["PAGE_EXCLUDES"])):
        for relative in generator.get_files(folders, exclude=excludes, extensions=["md"]):
            path = os.path.abspath(os.path.join(generator.path, relative))
            if readers.get_cached_data(path, (None, None))[0] is None:  # what Pelican reads, not loads
                paths.append(path)
    if len(paths) < settings["PRERENDER_MIN_FILES"]:
        return
    try:
        build.prerender = Prerender(paths, str(Path(settings["PATH"])), json.dumps(settings["MARKDOWN"]),
                                    workers)
    except (OSError, TypeError, ValueError):
        build.prerender = None  # no workers here (or settings they cannot take): the build reads alone
        return
    logger.info("Reading %d files with %d worker process(es) beside the build", len(paths), workers)


def stop(generators):
    build = state.of(generators[0].settings)
    if build.prerender:
        build.prerender.stop()


def register():
    signals.article_generator_init.connect(start)
    signals.all_generators_finalized.connect(stop)
