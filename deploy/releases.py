"""Atomic releases: build into a fresh folder, verify it, switch `current` to it.

Layout of a target (a local folder, or user@host:path over SSH):

    T/releases/20261121T153000123456Z/   one complete build each
    T/current -> releases/20261121T153000123456Z

`current` is replaced in one rename, so readers see the old site or the new
one, never half of each. The newest KEEP releases are kept for rollback.
"""

import os
import posixpath
import shlex
import shutil
import subprocess
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

KEEP = 5


def release_name(now=None):
    now = now or datetime.now(timezone.utc)
    return now.strftime("%Y%m%dT%H%M%S%fZ")


def is_remote(target):
    """user@host:path (or host:path) is published over SSH; anything else is a folder."""
    head, colon, _ = str(target).partition(":")
    return bool(colon) and "/" not in head and not Path(target).exists()


# --- Verification ----------------------------------------------------------------

class _LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def internal_links(html, origin):
    """Site-relative paths of the links and resources on a page."""
    collector = _LinkCollector()
    collector.feed(html)
    paths = []
    for link in collector.links:
        parsed = urlparse(link)
        if parsed.scheme in ("mailto", "tel") or link.startswith("#"):
            continue
        if parsed.netloc and f"{parsed.scheme}://{parsed.netloc}" != origin:
            continue  # another site: not ours to check
        if parsed.path:
            paths.append(unquote(parsed.path))
    return paths


def resolves(folder, page, path):
    """Does `path`, linked from `page` (relative to folder), name a file of the build?"""
    if not path.startswith("/"):
        path = posixpath.join("/" + posixpath.dirname(page), path)
    path = posixpath.normpath(path)
    target = Path(folder) / path.lstrip("/")
    return target.is_file() or (target / "index.html").is_file()


def verify_release(folder, origin, placeholders=(), allow_placeholders=False):
    """Everything that must be true before readers see a build; [] when it is."""
    folder = Path(folder)
    problems = []
    if not (folder / "index.html").is_file():
        problems.append("the build has no home page (index.html)")
    if (folder / "drafts").exists():
        problems.append("the build contains drafts/ (drafts must never be published)")
    if placeholders and not allow_placeholders:
        problems.append(f"practice facts are still placeholders: {', '.join(placeholders)}")
    for page in sorted(folder.rglob("*.html")):
        relative = page.relative_to(folder).as_posix()
        html = page.read_text(encoding="utf-8")
        if 'class="status-banner' in html or "class=status-banner" in html:
            problems.append(f"{relative}: carries a draft or problem banner")
        for path in internal_links(html, origin):
            if not resolves(folder, relative, path):
                problems.append(f"{relative}: the link to {path} leads nowhere")
    return problems


# --- Local targets --------------------------------------------------------------------

def releases(target):
    folder = Path(target) / "releases"
    return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.exists() else []


def current_release(target):
    link = Path(target) / "current"
    return (Path(target) / os.readlink(link)).resolve() if link.is_symlink() else None


def switch_current(target, release):
    """Point T/current at `release` in one atomic rename."""
    target = Path(target)
    temporary = target / f".current-{os.getpid()}"
    if temporary.is_symlink():
        temporary.unlink()
    os.symlink(posixpath.join("releases", Path(release).name), temporary)
    os.replace(temporary, target / "current")


def releases_to_prune(all_releases, current, keep=KEEP):
    """The oldest releases beyond the newest `keep`, never the live one."""
    ordered = sorted(all_releases)
    return [r for r in ordered[:-keep] if Path(r).resolve() != (Path(current).resolve() if current else None)]


def prune(target, keep=KEEP):
    for release in releases_to_prune(releases(target), current_release(target), keep):
        shutil.rmtree(release)


def previous_release(all_releases, current):
    """The release before `current`, for rollback; None if there is none."""
    ordered = sorted(Path(r).resolve() for r in all_releases)
    if current is None or Path(current).resolve() not in ordered:
        return None
    index = ordered.index(Path(current).resolve())
    return ordered[index - 1] if index > 0 else None


def rollback(target):
    """Switch current back to the release before it. Returns the release switched to."""
    previous = previous_release(releases(target), current_release(target))
    if previous is None:
        raise RuntimeError("there is no earlier release to roll back to")
    switch_current(target, previous)
    return previous


# --- Remote targets (user@host:path over SSH, with rsync) ------------------------------

def _ssh(ssh, host, command):
    """Run a shell command on the host. `ssh` is the client command, e.g. "ssh -p 2222"."""
    return subprocess.run([*shlex.split(ssh), host, command], check=True, capture_output=True,
                          text=True).stdout


def _switch_remote(ssh, host, path, name):
    quoted = shlex.quote(path)
    _ssh(ssh, host, f"cd {quoted} && ln -sfn releases/{shlex.quote(name)} .current-new "
                    "&& mv -T .current-new current")


def publish_remote(built, target, name, keep=KEEP, ssh="ssh"):
    """Copy a verified build to host:path/releases/<name>/, then switch and prune there."""
    host, _, path = target.partition(":")
    releases_dir = posixpath.join(path, "releases")
    _ssh(ssh, host, f"mkdir -p {shlex.quote(releases_dir)}")
    # Unchanged files are hard-linked to the live release: fast, and no extra space.
    subprocess.run(["rsync", "-a", "--delete", "-e", ssh,
                    f"--link-dest={posixpath.join(path, 'current')}/",
                    f"{built}/", f"{host}:{posixpath.join(releases_dir, name)}/"],
                   check=True, capture_output=True)
    _switch_remote(ssh, host, path, name)
    # The oldest beyond `keep`, never the live one (after a rollback it may be older).
    _ssh(ssh, host, f"cd {shlex.quote(releases_dir)} && live=$(basename \"$(readlink ../current)\") "
                    f"&& ls -1 | sort | head -n -{keep} | grep -vxF \"$live\" | xargs -r rm -rf --")


def remote_rollback(target, ssh="ssh"):
    host, _, path = target.partition(":")
    listing = _ssh(ssh, host, f"ls -1 {shlex.quote(posixpath.join(path, 'releases'))} "
                              f"&& readlink {shlex.quote(path)}/current")
    *names, live = listing.split()
    previous = previous_release([f"/r/{n}" for n in names], f"/r/{posixpath.basename(live)}")
    if previous is None:
        raise RuntimeError("there is no earlier release to roll back to")
    _switch_remote(ssh, host, path, previous.name)
    return previous.name
