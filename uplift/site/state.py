"""Everything the site's plugin learns during one build, in one object.

A BuildState is made when a build starts (`initialized`) and kept in that
build's settings under STATE, so every handler of the build finds the same
object whatever Pelican hands it (the Pelican object, a generator, a content
object, the readers), and a second build in the same process (the live
preview builds many) starts afresh. No module of the site keeps build state
of its own.
"""

from dataclasses import dataclass, field
from pathlib import Path

STATE = "UPLIFT_BUILD_STATE"


@dataclass
class Entry:
    """What the build learned about one content file."""
    path: str  # as shown
    draft: bool = False
    scheduled: object = None  # the date a published post waits for, or None
    problems: list = field(default_factory=list)


@dataclass
class BuildState:
    settings: dict
    entries: dict = field(default_factory=dict)  # shown path -> Entry
    other_problems: list = field(default_factory=list)  # topics, team, facts, files the site does not read
    logged: list = field(default_factory=list)  # [Problem] from log records at warning or above
    root: Path | None = None  # the content folder, once everything is checked
    # What the build publishes (for the sitemap and the site index): articles, pages, topics, team.
    published: dict = field(default_factory=dict)
    context: dict = field(default_factory=dict)  # the generators' shared context, once all have run
    image_copies: dict = field(default_factory=dict)  # output-relative path -> cached image variant
    # Slugs a post refused for its own problems would have had: a link or Start_here naming one
    # is not a second problem.
    refused_slugs: set = field(default_factory=set)
    refused_sources: set = field(default_factory=set)  # their files, resolved
    # What links where, for the editor's warning before a delete: content-relative path of a post
    # or page -> [{"path": content-relative path, "title": ...}] of the files that link to it.
    inbound: dict = field(default_factory=dict)
    generators: list = field(default_factory=list)  # kept by the live preview, to render one file again
    folder_maker: object = None  # output_folders: the thread making the pages' folders
    prerender: object = None  # prerender.Prerender: files being read by worker processes
    indexing: object = None  # search_index: Pagefind, running (a Popen)
    indexed_pages: str = ""  # search_index: the digest of the pages it indexes

    # Pelican's content cache pickles the settings (every Tag keeps them), this state with them:
    # the threads and worker processes of a running build are left out.
    _RUNNING = ("folder_maker", "prerender", "indexing")

    def __getstate__(self):
        return {name: (None if name in self._RUNNING else value) for name, value in vars(self).items()}

    def link(self, target, source, title):
        """`source` (content-relative, titled `title`) links to `target`: named before a delete."""
        found = self.inbound.setdefault(target, [])
        if not any(entry["path"] == source for entry in found):
            found.append({"path": source, "title": title})

    def record(self, path, problems, draft=False, scheduled=None):
        """A file as it is read: its problems so far, and whether it is a draft or scheduled."""
        entry = self.entries.setdefault(path, Entry(path))
        entry.draft, entry.scheduled = draft, scheduled
        self.add(path, problems)

    def add(self, path, problems):
        """More problems of a file (checks across files, other parts of the site), each once."""
        entry = self.entries.setdefault(path, Entry(path))
        entry.problems = list(dict.fromkeys([*entry.problems, *problems]))

    def problems_by_file(self):
        """{content-relative path: [Problem]} found by this build (the editor shows them)."""
        root = self.root.resolve() if self.root else None
        found = {}
        for entry in self.entries.values():
            absolute = Path(entry.path).resolve()
            if root and absolute.is_relative_to(root):
                found[absolute.relative_to(root).as_posix()] = sorted(entry.problems, key=lambda p: p.line)
        return found


def start(settings):
    """A new BuildState for the build these settings belong to."""
    settings[STATE] = BuildState(settings)
    return settings[STATE]


def of(settings):
    """The BuildState of the build these settings belong to."""
    return settings[STATE]
