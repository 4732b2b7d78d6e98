"""Releases of the site on a target, and the choices made about them.

Layout of a target (a local folder, or user@host:path over SSH):

    T/releases/20261121T153000123456Z/           the files of one release
    T/releases/20261121T153000123456Z.manifest   written last: the release is complete
    T/current -> releases/20261121T153000123456Z  what readers see
    T/history                                     every switch of `current`, oldest first
    T/publish.lock                                held by the one publish or rollback at work

`current` is replaced in one rename, so readers see the old site or the new
one, never half of each. Only complete releases (files and manifest, the
files matching it) are ever switched to, rolled back to or counted when
pruning; a folder without a manifest is what an interrupted publish left, and
the next publish removes it. This module decides; targets.py reads and
writes the target, publishing.py puts the two together.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

KEEP = 5  # complete releases kept for rollback
# Hashed assets of releases live within this period are linked into the next
# release, so pages loaded just before a switch still find their stylesheet.
ASSET_GRACE = timedelta(days=1)
NAME = re.compile(r"^\d{8}T\d{12}Z$")
MANIFEST_SUFFIX = ".manifest"
# Files whose names carry a hash of their content: asset_pipeline's theme files
# (css/main.<10 hex>.css) and Pagefind's index chunks. A page refers to the
# exact names of its release, so they are what vanishes under readers at a switch.
HASHED_ASSET = re.compile(r"^(theme/.+\.[0-9a-f]{10}\.(css|js)"
                          r"|pagefind/(pagefind\.[^/]+\.pf_meta|(index|fragment|filter)/[^/]+))"
                          r"(\.gz|\.br)?$")


class DeployError(Exception):
    """A failure explained in one plain sentence, shown to the person publishing."""


def release_name(now=None, taken=()):
    """A new release's name: the UTC time, unique among `taken`."""
    now = now or datetime.now(UTC)
    while (name := now.strftime("%Y%m%dT%H%M%S%fZ")) in taken:
        now += timedelta(microseconds=1)
    return name


def is_remote(target):
    """user@host:path (or host:path) is published over SSH; anything else is a folder."""
    head, colon, _ = str(target).partition(":")
    return bool(colon) and "/" not in head and not Path(target).exists()


@dataclass
class TargetState:
    """What a target holds, read in one go."""

    current: str | None  # the release `current` points at
    folders: set  # release names with a folder in releases/
    manifests: set  # release names with a manifest in releases/
    strays: list  # other entries of releases/ (temporary files an interrupted run left)
    history: str  # the text of T/history ("" when there is none)

    @property
    def complete(self):
        return self.folders & self.manifests

    @property
    def incomplete(self):
        """Leftovers of interrupted runs; the live release is never among them."""
        return sorted((self.folders ^ self.manifests) - {self.current})


def classify(entries):
    """Split the names in releases/ into (folders, manifests, strays). Folders must be
    given with a trailing "/"."""
    folders, manifests, strays = set(), set(), []
    for entry in entries:
        if entry.endswith("/") and NAME.match(entry[:-1]):
            folders.add(entry[:-1])
        elif entry.endswith(MANIFEST_SUFFIX) and NAME.match(entry[: -len(MANIFEST_SUFFIX)]):
            manifests.add(entry[: -len(MANIFEST_SUFFIX)])
        else:
            strays.append(entry.rstrip("/"))
    return folders, manifests, strays


# --- History: every switch of `current` --------------------------------------------

@dataclass(frozen=True)
class Switch:
    time: datetime
    action: str  # "publish" or "rollback"
    release: str


def parse_history(text):
    switches = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in ("publish", "rollback") and NAME.match(parts[2]):
            try:
                time = datetime.strptime(parts[0], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
            except ValueError:
                continue
            switches.append(Switch(time, parts[1], parts[2]))
    return switches


def history_text(switches, limit=500):
    return "".join(f"{s.time.strftime('%Y-%m-%dT%H:%M:%SZ')} {s.action} {s.release}\n"
                   for s in switches[-limit:])


def live_stack(switches, current):
    """The releases that were live, oldest first, as rollback sees them: a publish
    adds one, a rollback removes those it rolled away from."""
    stack = []
    for switch in switches:
        if switch.action == "rollback" and switch.release in stack:
            del stack[stack.index(switch.release) + 1:]
        elif switch.action == "rollback":
            stack = [switch.release]
        else:
            stack.append(switch.release)
    # A run killed between the switch and writing the history: trust `current`.
    if current in stack:
        del stack[len(stack) - 1 - stack[::-1].index(current) + 1:]
    elif current:
        stack.append(current)
    return stack


def rollback_candidates(stack, complete, current):
    """Where a rollback may go, the most recent first: what was live before, complete."""
    candidates = []
    for name in reversed(stack[:-1]):
        if name in complete and name != current and name not in candidates:
            candidates.append(name)
    return candidates


def releases_to_prune(complete, current, stack, keep=KEEP):
    """Complete releases beyond the `keep` to keep: the live one first, then the ones
    rollback would return to, then the newest."""
    ranked = []
    for name in [current, *reversed(stack), *sorted(complete, reverse=True)]:
        if name in complete and name not in ranked:
            ranked.append(name)
    return sorted(set(complete) - set(ranked[:keep]))


def asset_sources(switches, current, now, grace=ASSET_GRACE):
    """Releases whose hashed assets a new live release must keep serving: the one
    live until now, and those that stopped being live within `grace`."""
    sources = [current] if current else []
    for before, after in zip(switches, switches[1:], strict=False):
        if now - after.time <= grace and before.release not in sources:
            sources.append(before.release)
    return sources


def own_hashed_assets(files, carried):
    """The hashed assets a release was built with (not those it carries for others)."""
    return {path: entry for path, entry in files.items()
            if HASHED_ASSET.match(path) and path not in carried}


def space_needed(files, block_size):
    """(bytes, inodes) that writing `files` takes: each a copy of its own."""
    folders = {path.rpartition("/")[0] for path in files}
    blocks = sum(-(-size // block_size) for size, _ in files.values()) + len(folders)
    margin = 1 << 20  # the manifest, the history, and filesystem bookkeeping
    return blocks * block_size + margin, len(files) + len(folders)


def megabytes(size):
    return f"{size / 1e6:.1f} MB"
