"""Publish and roll back: the steps, in the order that keeps readers on a complete release.

publish: take the target's lock, remove what interrupted runs left, build into
a local scratch folder and verify the build, check the target's free space,
copy the build (every file a copy: releases share none, so damage to one stays
in it), copy in the hashed assets of recently live releases, check every file
on the target against the build, write the manifest last, switch `current`,
record the switch, prune. Whatever fails before the switch leaves the live
site as it was; the message says which step failed and why, in one line.

A release whose files no longer match its manifest (changed, missing or added
since it was published) is damaged: a publish never needs it (an asset it
would carry from it is left out), and rollback skips it, saying why and how
to remove it.
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


def damage_text(target, name, problems):
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"{problems[0]}{more}; remove it with: {target.removal_command(name)}"


def manifest_of(target, name, manifests):
    """(files, carried) of a complete release, cached in `manifests`; None if unreadable."""
    if name not in manifests:
        try:
            manifests[name] = read_manifest(target.read_manifest(name))
        except (ValueError, KeyError, TypeError):
            manifests[name] = None  # damaged: treated as no release at all
    return manifests[name]


def carried_assets(target, state, switches, now, exclude, manifests):
    """{path: [source releases, the first to copy from first]} of the hashed assets to keep
    serving, for paths `exclude` lacks."""
    carried = {}
    for source in rel.asset_sources(switches, state.current, now):
        if source not in state.complete or manifest_of(target, source, manifests) is None:
            continue
        files, already_carried = manifests[source]
        for path in rel.own_hashed_assets(files, already_carried):
            if path not in exclude:
                carried.setdefault(path, []).append(source)
    return carried


def carried_entries(carried, manifests):
    return {path: manifests[sources[0]][0][path] for path, sources in carried.items()}


def carry_assets(target, name, carried, manifests, say):
    """Copy the assets of `carried` (carried_assets) into release `name`, each checked against
    its source's manifest: a copy that differs (its source is damaged) is copied again from
    the next source that has it, or else removed and not carried. Returns (the files of
    `name` on disk, {path: entry} of what was carried)."""
    pending, kept = dict(carried), {}
    found = None
    while pending:
        target.copy_in(name, {path: sources[0] for path, sources in pending.items()})
        found = target.file_table(name)
        damaged, retry = {}, {}
        for path, (source, *others) in sorted(pending.items()):
            entry = manifests[source][0][path]
            if found.get(path) == entry:
                kept[path] = entry
            else:
                damaged.setdefault(source, {})[path] = entry
                if others:
                    retry[path] = others
        for source, entries in sorted(damaged.items()):
            problems = table_problems(entries, found, extra_allowed=True)
            say(f"Not copying {len(problems)} earlier asset(s) into release {name} from release {source}, "
                f"which is damaged: {damage_text(target, source, problems)}.")
        pending = retry
    found = target.file_table(name) if found is None else found
    lost = sorted(path for path in carried if path not in kept and path in found)
    if lost:
        target.remove_files(name, lost)
    return {path: entry for path, entry in found.items() if path not in lost}, kept


def check_space(target, files):
    available, inodes, block = target.free_space()
    needed, needed_inodes = rel.space_needed(files, block)
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
            switches = rel.parse_history(state.history)
            carried = carried_assets(target, state, switches, now, files, manifests)
            check_space(target, {**files, **carried_entries(carried, manifests)})
            # Over SSH, files the same in the live release are copied on the host, not sent.
            like = state.current if state.current in state.complete else max(state.complete, default=None)

            say(f"Copying release {name} ({len(files)} files) to {target}...")
            try:
                target.receive(site, name, like)
                found, kept = carry_assets(target, name, carried, manifests, warn)
                expected = {**files, **kept}
                problems = table_problems(expected, found)
                if problems:
                    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
                    raise DeployError(f"the copy on {target} does not match the build: {problems[0]}{more}")
                target.write_manifest(name, manifest_text(expected, kept))
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
            manifests, skipped = {}, []
            for candidate in rel.rollback_candidates(stack, state.complete, state.current):
                if manifest_of(target, candidate, manifests) is None:
                    say(f"Skipping release {candidate}, which is damaged: "
                        f"{damage_text(target, candidate, ['its manifest cannot be read'])}.")
                    skipped.append(candidate)
                    continue
                files, carried = manifests[candidate]
                # Pages of the release rolled away from still load their own stylesheet.
                more = carried_assets(target, state, switches, now, files, manifests)
                # Both ways: a file changed, missing or added makes the release damaged. Files at
                # the paths of `more` are what an interrupted rollback copied: replaced below.
                found = {path: entry for path, entry in target.file_table(candidate).items()
                         if path not in more}
                problems = table_problems(files, found)
                if problems:
                    say(f"Skipping release {candidate}, which is damaged: {damage_text(target, candidate, problems)}.")
                    skipped.append(candidate)
                    continue
                if more:
                    try:
                        _, kept = carry_assets(target, candidate, more, manifests, say)
                        target.write_manifest(candidate, manifest_text({**files, **kept}, carried | set(kept)))
                    except BaseException:
                        _try(target.remove_files, candidate, sorted(more))  # as it was before
                        raise
                target.switch(candidate)
                switched = candidate
                switches.append(rel.Switch(now, "rollback", candidate))
                target.write_history(rel.history_text(switches))
                return candidate
            damaged = f" (skipped, damaged: {', '.join(skipped)})" if skipped else ""
            raise DeployError(f"there is no earlier complete release in the history to roll back to{damaged}")
    except OSError as error:
        raise DeployError(_after(switched, os_error_text(error))) from None
    except DeployError as error:
        raise DeployError(_after(switched, str(error))) from None
