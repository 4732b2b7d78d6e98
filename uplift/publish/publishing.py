"""Publish and roll back: the steps, in the order that keeps readers on a complete release.

publish: take the target's lock, remove what interrupted runs left, build into
a local scratch folder and verify the build, check the target's free space,
copy (unchanged files as hard links to the live release), link in the hashed
assets of recently live releases, check every file on the target against the
build, write the manifest last, switch `current`, record the switch, prune.
Whatever fails before the switch leaves the live site as it was; the message
says which step failed and why, in one line.
"""

import contextlib
import os
import shutil
import signal
import tempfile
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from . import releases as rel
from .manifest import folder_table, manifest_text, read_manifest, table_problems
from .releases import DeployError
from .targets import os_error_text

WAIT = 300  # seconds a publish waits for another one to the same target
SCRATCH_PREFIX = "uplift-release-"


def _quietly(*_):
    pass


@contextmanager
def stop_signals_raise():
    """SIGTERM and SIGHUP end the run like an error, so the cleanup steps still run."""
    def stop(number, _frame):
        raise DeployError(f"stopped by {signal.Signals(number).name}")

    previous = {number: signal.signal(number, stop) for number in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextmanager
def scratch_folder():
    """A local folder for the build, always removed; the process id in its name lets
    a later run remove one whose process was killed (SIGKILL runs no cleanup)."""
    _remove_orphaned_scratch()
    folder = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-"))
    try:
        yield folder
    finally:
        _remove_tree(folder)


def _remove_orphaned_scratch():
    for folder in Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*-*"):
        pid = folder.name.removeprefix(SCRATCH_PREFIX).partition("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            _remove_tree(folder)


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def _remove_tree(folder):
    shutil.rmtree(folder, ignore_errors=True)


def clean_up(target, state):
    """Remove what interrupted runs left: release folders without a manifest (or
    manifests without a folder) and temporary files. Never the live release."""
    for name in state.incomplete:
        target.remove_release(name)
    for entry in state.strays:
        target.remove_stray(entry)
    target.clean_root()


def manifest_of(target, name, manifests):
    """(files, carried) of a complete release, cached in `manifests`; None if unreadable."""
    if name not in manifests:
        try:
            manifests[name] = read_manifest(target.read_manifest(name))
        except (ValueError, KeyError, TypeError):
            manifests[name] = None  # damaged: treated as no release at all
    return manifests[name]


def carried_assets(target, state, switches, now, exclude, manifests):
    """{path: source release} of the hashed assets to keep serving, for paths `exclude` lacks."""
    carried = {}
    for source in rel.asset_sources(switches, state.current, now):
        if source not in state.complete or manifest_of(target, source, manifests) is None:
            continue
        files, already_carried = manifests[source]
        for path in rel.own_hashed_assets(files, already_carried):
            if path not in exclude and path not in carried:
                carried[path] = source
    return carried


def check_space(target, files, linkable):
    available, inodes, block = target.free_space()
    needed, needed_inodes = rel.space_needed(files, linkable, block)
    if needed > available:
        raise DeployError(f"{target} has {rel.megabytes(available)} free but the release needs "
                          f"{rel.megabytes(needed)}; free some space (older releases are in "
                          f"{target}/releases)")
    if inodes is not None and needed_inodes > inodes:
        raise DeployError(f"{target} has room for {inodes} more files but the release needs {needed_inodes}")


def publish(target, build, verify, wait=WAIT, say=print, warn=print, now=None):
    """Publish a new release to `target` (targets.py); returns its name.

    build(folder) -> bool builds the site into folder; verify(folder) -> [problems]."""
    now = now or datetime.now(UTC)
    switched = None
    try:
        with stop_signals_raise(), scratch_folder() as scratch, target.lock(wait, say):
            state = target.state()
            clean_up(target, state)
            site = scratch / "site"
            say("Building the production site...")
            if not build(site):
                raise DeployError("the build failed")
            problems = verify(site)
            for problem in problems:
                warn(f"Verification: {problem}")
            if problems:
                raise DeployError("the verification failed")
            files = folder_table(site)

            name = rel.release_name(taken=state.folders | state.manifests)
            manifests = {}
            link_from = state.current if state.current in state.complete else None
            link_from = link_from or max(state.complete, default=None)
            linkable = set()
            if link_from and manifest_of(target, link_from, manifests) is None:
                link_from = None
            if link_from:
                previous = manifests[link_from][0]
                linkable = {path for path, entry in files.items() if previous.get(path) == entry}
            switches = rel.parse_history(state.history)
            carried = carried_assets(target, state, switches, now, files, manifests)
            check_space(target, files, linkable)

            say(f"Copying release {name} to {target} ({len(linkable)} of {len(files)} files unchanged, "
                "linked)...")
            try:
                target.receive(site, name, link_from, linkable)
                if carried:
                    target.link(name, carried)
                expected = {**files, **{path: manifests[source][0][path] for path, source in carried.items()}}
                problems = table_problems(expected, target.file_table(name))
                if problems:
                    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
                    raise DeployError(f"the copy on {target} does not match the build: {problems[0]}{more}")
                target.write_manifest(name, manifest_text(expected, carried))
                if not target.still_locked():
                    raise DeployError("the connection holding the publish lock dropped")
            except BaseException:
                _try(target.remove_release, name)  # a later publish removes it if this cannot
                raise
            target.switch(name)
            switched = name
            switches.append(rel.Switch(now, "publish", name))
            target.write_history(rel.history_text(switches))
            stack = rel.live_stack(switches, name)
            for old in rel.releases_to_prune(state.complete | {name}, name, stack):
                target.remove_release(old)
            return name
    except OSError as error:
        raise DeployError(_after(switched, os_error_text(error))) from None
    except DeployError as error:
        raise DeployError(_after(switched, str(error))) from None


def _after(switched, reason):
    if switched:
        return f"release {switched} is live, but a step after the switch failed: {reason}"
    return f"{reason}; the live site is unchanged"


def _try(step, *arguments):
    with contextlib.suppress(OSError, DeployError):
        step(*arguments)


def rollback(target, wait=WAIT, say=print, now=None):
    """Switch `current` back to the release that was live before it; returns its name."""
    now = now or datetime.now(UTC)
    switched = None
    try:
        with stop_signals_raise(), target.lock(wait, say):
            state = target.state()
            switches = rel.parse_history(state.history)
            stack = rel.live_stack(switches, state.current)
            manifests = {}
            for candidate in rel.rollback_candidates(stack, state.complete, state.current):
                if manifest_of(target, candidate, manifests) is None:
                    say(f"Skipping release {candidate}: its manifest is damaged.")
                    continue
                files, carried = manifests[candidate]
                problems = table_problems(files, target.file_table(candidate), extra_allowed=True)
                if problems:
                    say(f"Skipping release {candidate}: {problems[0]}.")
                    continue
                # Pages of the release rolled away from still load their own stylesheet.
                more = carried_assets(target, state, switches, now, files, manifests)
                if more:
                    target.link(candidate, more)
                    files = {**files, **{path: manifests[source][0][path] for path, source in more.items()}}
                    target.write_manifest(candidate, manifest_text(files, carried | set(more)))
                target.switch(candidate)
                switched = candidate
                switches.append(rel.Switch(now, "rollback", candidate))
                target.write_history(rel.history_text(switches))
                return candidate
            raise DeployError("there is no earlier complete release in the history to roll back to")
    except OSError as error:
        raise DeployError(_after(switched, os_error_text(error))) from None
    except DeployError as error:
        raise DeployError(_after(switched, str(error))) from None
