"""Releases that cannot damage each other, on a local target and over SSH (a real sshd):
a file changed in place or added in one release stays in it, a publish never needs an
old release intact, and rollback skips a damaged release, naming it and the command
that removes it. Also `current` a real folder, and temporary files after a full disk."""

import json
import os
import subprocess

import pytest

from tests.deploy_fixtures import (
    ROOT,
    assert_live_release_complete,
    assert_plain_failure,
    complete_releases,
    folders,
    invoke,
    live,
    release_problems,
    with_fault,
)
from tests.publish.processes import finish, wait_until_stopped


class Place:
    """A target as the person publishing names it, and the folder it is on this machine."""

    def __init__(self, kind, folder, client=None):
        self.kind, self.folder = kind, folder
        self.target = f"root@127.0.0.1:{folder}" if client else str(folder)
        self.extra = ["--ssh", client] if client else []

    def publish(self, root=ROOT):
        return invoke("publish", "--target", self.target, "--allow-placeholders", *self.extra, root=root)

    def rollback(self):
        return invoke("rollback", "--target", self.target, *self.extra)

    def release(self, name):
        return self.folder / "releases" / name


def place_for(request, folder):
    if request.param == "local":
        return Place("local", folder)
    client, _, _ = request.getfixturevalue("ssh_server")
    return Place("ssh", folder, client)


@pytest.fixture(scope="module", params=["local", "ssh"])
def place(request, tmp_path_factory):
    """One target for the three tests below, in order."""
    return place_for(request, tmp_path_factory.mktemp(f"damage-{request.param}") / "target")


@pytest.fixture(params=["local", "ssh"])
def make_place(request):
    return lambda folder: place_for(request, folder)


def change_in_place(path):
    """Change one byte of a file where it lies (same inode, same size), as an editor on the
    server or a faulty script would."""
    with open(path, "r+b") as stream:
        last = stream.seek(-1, os.SEEK_END)
        byte = stream.read(1)
        stream.seek(last)
        stream.write(b"X" if byte != b"X" else b"Y")


def vendor_file(release):
    """A file of the editor's bundle: the same in every build, whatever the content."""
    return sorted((release / "admin").glob("*.decap-cms.js"))[0].relative_to(release).as_posix()


def run_shown_command(command):
    """Run a command exactly as a message showed it, through a shell, as its reader would."""
    result = subprocess.run(command, shell=True, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def files_beyond_the_manifest(target, name):
    manifest = json.loads((target / "releases" / f"{name}.manifest").read_text())["files"]
    release = target / "releases" / name
    return sorted({path.relative_to(release).as_posix() for path in release.rglob("*") if path.is_file()}
                  - set(manifest))


def removal_command(line):
    return line.rpartition("remove it with: ")[2].removesuffix(".")


def line_about(output, name):
    lines = [line for line in output.splitlines() if line.startswith(f"Skipping release {name}")]
    assert len(lines) == 1, output
    return lines[0]


def test_a_release_changed_in_place_changes_no_other_and_no_publish(place):
    for _ in range(3):
        result = place.publish()
        assert result.returncode == 0, result.stderr
    a, b, c = folders(place.folder)
    changed = vendor_file(place.release(b))
    change_in_place(place.release(b) / changed)
    assert release_problems(place.folder, b) == [f"{changed} differs"]
    assert release_problems(place.folder, a) == release_problems(place.folder, c) == []
    result = place.publish()
    assert result.returncode == 0, result.stderr
    d = assert_live_release_complete(place.folder)
    assert folders(place.folder) == [a, b, c, d]
    assert (place.release(d) / changed).read_bytes() == (place.release(c) / changed).read_bytes()
    (place.release(c) / "planted.html").write_text("<p>not ours</p>")  # for the next test


def test_rollback_skips_damaged_releases_both_ways_and_says_how_to_remove_them(place):
    """c has a file its manifest lacks, b a file that differs from its manifest."""
    a, b, c, d = folders(place.folder)
    result = place.rollback()
    assert result.returncode == 0, result.stdout + result.stderr
    assert live(place.folder) == a
    added = line_about(result.stdout, c)
    assert added.startswith(f"Skipping release {c}, which is damaged: planted.html is not part of the "
                            "release; remove it with: "), added
    changed = line_about(result.stdout, b)
    assert changed.startswith(f"Skipping release {b}, which is damaged: {vendor_file(place.release(b))} "
                              "differs from the build; remove it with: "), changed
    assert result.stdout.index(added) < result.stdout.index(changed)  # the most recent first
    assert not (place.folder / "current" / "planted.html").exists()

    # The commands shown remove exactly the damaged releases.
    for line in (added, changed):
        run_shown_command(removal_command(line))
    assert folders(place.folder) == complete_releases(place.folder) == [a, d]
    assert sorted(p.name for p in (place.folder / "releases").iterdir()) == \
        sorted([a, f"{a}.manifest", d, f"{d}.manifest"])


def test_a_publish_does_not_need_old_releases_intact(place, changed_project):
    """With the live release's own files changed in place: the new release is copied from
    the build alone, and the old stylesheet it carries for readers mid-switch is copied from
    the other release that has it, not from the damaged one."""
    before, other = live(place.folder), [name for name in folders(place.folder) if name != live(place.folder)][0]
    old = place.release(before)
    stylesheet = sorted((old / "theme" / "css").glob("main.*.css"))[0].relative_to(old).as_posix()
    for path in (vendor_file(old), "index.html", stylesheet):
        change_in_place(old / path)
    result = place.publish(root=changed_project)
    assert result.returncode == 0, result.stderr
    after = assert_live_release_complete(place.folder)
    assert after not in (before, other)
    warning = [line for line in result.stderr.splitlines() if line.startswith("Not copying")]
    assert len(warning) == 1, result.stderr
    assert warning[0].startswith(f"Not copying 1 earlier asset(s) into release {after} from release "
                                 f"{before}, which is damaged: {stylesheet} differs from the build; "
                                 "remove it with: "), warning[0]
    new = place.release(after)
    assert (new / stylesheet).read_bytes() == (place.release(other) / stylesheet).read_bytes()
    assert stylesheet in json.loads((place.folder / "releases" / f"{after}.manifest").read_text())["carried"]
    assert not (new / stylesheet).samefile(place.release(other) / stylesheet)
    # The damaged release, the only one rollback could return to, is skipped.
    back = place.rollback()
    assert_plain_failure(back, f"Not rolled back: there is no earlier complete release in the history to "
                               f"roll back to (skipped, damaged: {before})")
    assert line_about(back.stdout, before).startswith(f"Skipping release {before}, which is damaged: ")
    assert live(place.folder) == after


def test_a_current_that_is_a_real_folder_is_refused_plainly(make_place, tmp_path):
    place = make_place(tmp_path / "target")
    current = place.folder / "current"
    current.mkdir(parents=True)
    (current / "index.html").write_text("<p>a site copied by hand</p>")
    for result, start in ((place.publish(), "Not published: "), (place.rollback(), "Not rolled back: ")):
        last = assert_plain_failure(result, f"{start}{'root@127.0.0.1:' if place.kind == 'ssh' else ''}"
                                            f"{current} is a folder, not a link to a release, so it cannot "
                                            "be switched; move it aside (")
        assert ".current" not in result.stdout + result.stderr
        assert last.endswith(") and run this again; the live site is unchanged."), last
    assert sorted(entry.name for entry in place.folder.iterdir() if entry.name.startswith(".")) == []
    assert (current / "index.html").read_text() == "<p>a site copied by hand</p>"
    assert not (place.folder / "releases").exists() or folders(place.folder) == []

    run_shown_command(last.partition("move it aside (")[2].rpartition(") and run this again")[0])
    assert (place.folder / "current.old" / "index.html").is_file()
    assert place.publish().returncode == 0
    assert_live_release_complete(place.folder)


def test_a_rollback_stopped_by_a_full_disk_leaves_no_temporary_file(make_place, changed_project,
                                                                     small_filesystem):
    """The rollback copies the stylesheet of the release it leaves into the one it returns
    to, then rewrites that one's manifest: there the disk is full."""
    place = make_place(small_filesystem("60m"))
    assert place.publish().returncode == 0
    result = place.publish(root=changed_project)
    assert result.returncode == 0, result.stderr
    first, second = folders(place.folder)
    # Locally the fault is the open of the manifest's temporary file; over SSH, the start
    # of the command that writes it (the host is this machine).
    event, text = ("open", ".manifest&=w") if place.kind == "local" else ("subprocess.Popen", ".manifest.tmp")
    result = finish(with_fault(event, text, 1, f"fill:{place.folder}", "rollback", "--target", place.target,
                               *place.extra))
    last = assert_plain_failure(result, "Not rolled back: ")
    assert "No space left on device" in last and last.endswith("the live site is unchanged."), last
    assert ".tmp" not in result.stdout + result.stderr
    assert [path.name for path in place.folder.rglob("*.tmp")] == []
    assert live(place.folder) == second
    # The copies it made were removed again: the release it stopped at is as it was.
    assert release_problems(place.folder, first) == []
    assert files_beyond_the_manifest(place.folder, first) == []
    (place.folder / "ballast").unlink()

    # Killed at the same point, a rollback cleans up nothing: the next one replaces its copies.
    run = with_fault(event, text, 1, "stop", "rollback", "--target", place.target, *place.extra)
    wait_until_stopped(run)
    run.kill()
    run.communicate()
    assert files_beyond_the_manifest(place.folder, first) != []
    back = place.rollback()
    assert back.returncode == 0, back.stdout + back.stderr
    assert "Skipping" not in back.stdout
    assert live(place.folder) == first
    assert_live_release_complete(place.folder)
    assert files_beyond_the_manifest(place.folder, first) == []


def test_a_failed_switch_names_no_temporary_file_and_leaves_none(tmp_path):
    """The rename that switches `current` fails (as on a full disk)."""
    target = tmp_path / "target"
    result = finish(with_fault("os.rename", ".current-", 1, "enospc", "publish", "--target", str(target),
                               "--allow-placeholders"))
    last = assert_plain_failure(result, f"Not published: switching {target}/current to release ")
    assert last.endswith(" failed: No space left on device; the live site is unchanged."), last
    assert ".current-" not in result.stdout + result.stderr
    assert not (target / "current").exists() and list(target.glob(".current*")) == []


def test_a_release_whose_manifest_cannot_be_read_is_skipped_and_named(tmp_path):
    place = Place("local", tmp_path / "target")
    for _ in range(2):
        assert place.publish().returncode == 0
    first, second = folders(place.folder)
    (place.folder / "releases" / f"{first}.manifest").write_text('{"format": 1, "files": {"index.ht')
    result = place.rollback()
    assert_plain_failure(result, "Not rolled back: there is no earlier complete release in the history to "
                                 f"roll back to (skipped, damaged: {first})")
    line = line_about(result.stdout, first)
    assert line.startswith(f"Skipping release {first}, which is damaged: its manifest cannot be read; "
                           "remove it with: rm -rf "), line
    run_shown_command(removal_command(line))
    assert folders(place.folder) == [second] and live(place.folder) == second
