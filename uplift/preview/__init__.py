"""The writing loop. A saved article is on screen in a fifth of a second, however large the site.

Pelican rewrites every page on every build. In the live preview that is
wasted: the writer is looking at one page. The preview keeps the site's state
(Pelican's generators and their shared context, from its last pass) warm in
its own process; on a save, `PreviewBuilder.render_saved` reads the saved file
alone, checks it, puts it in place of its old version and writes its page and
checks.json, and the browser refreshes then (server.py). A complete build
(every page, feeds, the search index) follows in the background.

When a save changes more than its own page (a new file, another status,
address or topics, a topic or team file, the facts), `quick_build` runs
Pelican in the preview's own process (no start-up cost), reads unchanged files
from the content cache, and writes only the pages of the changed files plus
the home page and their topics' pages (PREVIEW_WRITE_ONLY, via the selective
writer below); that pass is also what the warm state is taken from.

The selective writer is a Pelican plugin of its own, `uplift.preview`, which
PreviewBuilder adds to its quick passes only, with PREVIEW_WRITE_ONLY (the
source paths whose pages to write).
"""

import os

from pelican import signals
from pelican.writers import Writer

from uplift.site import state

from .builder import PreviewBuilder
from .selection import affected
from .server import AlreadyRunning, EditorApi, claim, claim_port, private_port, serve, stop_on_sigterm

__all__ = ["register", "PreviewBuilder", "SelectiveWriter", "affected", "serve", "AlreadyRunning", "claim",
           "claim_port", "stop_on_sigterm", "EditorApi", "private_port"]
PLUGIN = __name__


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
    return SelectiveWriter if pelican.settings.get("PREVIEW_WRITE_ONLY") is not None else None


def keep_generators(generators):
    """The generators of a quick pass stay in its state: the next save renders one file with them."""
    if generators[0].settings.get("PREVIEW_WRITE_ONLY") is not None:
        state.of(generators[0].settings).generators = list(generators)


def register():
    signals.get_writer.connect(selective_writer)
    signals.all_generators_finalized.connect(keep_generators)
