"""Real faults during publishing: a full disk, SIGKILL at exact points, concurrent
publishes, a dropped or stalled SSH connection, readers during a switch. After
each, readers are on a complete release and the command said so plainly."""

import fcntl
import os
import re
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.deploy_fixtures import (
    ROOT,
    answers,
    assert_live_release_complete,
    assert_plain_failure,
    complete_releases,
    folders,
    free_port,
    invoke,
    invoke_command,
    live,
    readable_by_nginx,
    with_fault,
)
from tests.helpers import serve_for_tests
from tests.publish.processes import finish, wait_until_stopped
from uplift.commands import webserver

CUT_RELAY = Path(__file__).resolve().parent / "cut_relay.py"


def publish(target, *extra, root=ROOT, **options):
    return invoke("publish", "--target", str(target), "--allow-placeholders", *extra, root=root, **options)


# --- A full disk -------------------------------------------------------------------------

def test_a_small_filesystem_is_refused_before_anything_is_written(small_filesystem, changed_project):
    target = small_filesystem("40m")  # a release, with the browser editor's bundle, is about 12 MB
    assert publish(target).returncode == 0
    before = assert_live_release_complete(target)
    # Leave half a megabyte: less than the changed release needs.
    free = os.statvfs(target).f_bavail * os.statvfs(target).f_frsize
    with open(target / "ballast", "wb") as ballast:
        ballast.write(bytes(free - 500_000))
    result = publish(target, root=changed_project)
    last = assert_plain_failure(result, "Not published:")
    assert re.search(r"has 0\.\d MB free but the release needs \d+\.\d MB", last), last
    assert last.endswith("the live site is unchanged.")
    assert live(target) == before and folders(target) == [before]


def test_the_disk_filling_up_during_the_copy(small_filesystem, changed_project, tmp_path):
    """Space enough at the check, then another process fills the disk mid-copy."""
    root = os.geteuid() == 0
    target = small_filesystem("60m") if root else tmp_path / "target"
    assert publish(target).returncode == 0
    before = assert_live_release_complete(target)
    action = f"fill:{target}" if root else "enospc"
    fault = with_fault("open", "releases/2&=w", 3, action, "publish", "--target", str(target),
                       "--allow-placeholders", root=changed_project)
    result = finish(fault)
    last = assert_plain_failure(result, "Not published:")
    assert "No space left on device" in last and last.endswith("the live site is unchanged."), last
    assert live(target) == before and folders(target) == [before]  # the partial copy is gone
    (target / "ballast").unlink(missing_ok=True)
    assert publish(target, root=changed_project).returncode == 0
    assert_live_release_complete(target)


def test_a_full_disk_while_building_is_caught(small_filesystem, tmp_path):
    """The build's own folder (TMPDIR) too small, as in the reported failure."""
    target = tmp_path / "target"
    assert publish(target).returncode == 0
    before = assert_live_release_complete(target)
    if os.geteuid() != 0:
        pytest.skip("a real small filesystem needs root (tmpfs)")
    scratch = small_filesystem("1m")
    result = publish(target, env={**os.environ, "TMPDIR": str(scratch)})
    # Either the build fails outright (copying the editor's bundle), or it exits 0 with the
    # compressor's failed writes leaving empty siblings, which verification catches.
    if "the build failed" not in result.stderr:
        assert "index.html.br does not decompress to index.html" in result.stderr
        assert_plain_failure(result, "Not published: the verification failed; the live site is unchanged.")
    else:
        assert_plain_failure(result, "Not published: the build failed; the live site is unchanged.")
    assert live(target) == before and folders(target) == [before]


# --- SIGKILL at exact points, then rollback ---------------------------------------------

KILL_POINTS = {
    "the release folder is made": ("os.mkdir", "releases/2", 1),
    "midway through copying the build": ("open", "releases/2&=w", 300),
    "midway through writing changed files": ("open", "releases/2&=w", 3),
    "writing the manifest": ("open", ".manifest&=w", 1),
    "about to switch": ("os.symlink", ".current-", 1),
    "switched, history not yet written": ("open", ".history&=w", 1),
    "removing a leftover or an old release": ("shutil.rmtree", "releases/", 1),
}


@pytest.fixture(scope="module")
def kill_target(tmp_path_factory):
    target = tmp_path_factory.mktemp("killed") / "target"
    for _ in range(2):
        assert publish(target).returncode == 0
    return target


@pytest.mark.parametrize("point", KILL_POINTS)
def test_publish_killed_then_rolled_back(kill_target, changed_project, point):
    target = kill_target
    event, text, count = KILL_POINTS[point]
    leftover = target / "releases" / "20000101T000000000000Z"  # as an earlier killed run leaves
    leftover.mkdir(exist_ok=True)
    (leftover / "index.html").write_text("half a site")
    run = with_fault(event, text, count, "stop", "publish", "--target", str(target),
                     "--allow-placeholders", root=changed_project)
    before = live(target)
    wait_until_stopped(run)
    run.kill()  # SIGKILL: no cleanup of any kind runs
    run.communicate()
    assert run.returncode == -signal.SIGKILL
    killed_live = assert_live_release_complete(target)

    back = invoke("rollback", "--target", str(target))
    assert back.returncode == 0, back.stdout + back.stderr
    # Killed after its switch: back to what was live before it; otherwise further back.
    assert live(target) == before if killed_live != before else live(target) != before
    assert_live_release_complete(target)

    again = publish(target)
    assert again.returncode == 0, again.stderr
    assert_live_release_complete(target)
    assert folders(target) == complete_releases(target), "an incomplete release was left behind"
    assert not list(target.glob(".current-*"))


# --- Two at once -----------------------------------------------------------------------

def test_two_publishes_at_once_take_turns(tmp_path):
    target = tmp_path / "target"
    assert publish(target).returncode == 0
    command = invoke_command("publish", "--target", str(target), "--allow-placeholders")
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    results = [finish(run) for run in runs]
    for result in results:
        assert result.returncode == 0, result.stderr
    assert any("Waiting for another publish" in result.stdout for result in results)
    names = folders(target)
    assert len(names) == 3 and complete_releases(target) == names
    assert live(target) == names[-1]  # the one that published last is live, never an older build
    history = (target / "history").read_text().split()
    assert history[-1] == names[-1] and history[-4] == names[-2]


def test_a_publish_refuses_when_the_lock_stays_taken(tmp_path):
    target = tmp_path / "target"
    target.mkdir()
    with open(target / "publish.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = publish(target, "--wait", "1")
        back = invoke("rollback", "--target", str(target), "--wait", "0")
    last = assert_plain_failure(result, "Not published: another publish or rollback of")
    assert "did not finish within 1 s" in last
    assert_plain_failure(back, "Not rolled back: another publish or rollback of")
    assert not (target / "releases").exists() or folders(target) == []


def test_a_remote_publish_refuses_when_the_remote_lock_stays_taken(ssh_server, tmp_path):
    client, _, _ = ssh_server
    remote = tmp_path / "srv"
    remote.mkdir()
    with open(remote / "publish.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the "remote" host is this machine
        result = invoke("publish", "--target", f"root@127.0.0.1:{remote}", "--allow-placeholders",
                        "--ssh", client, "--wait", "1")
    last = assert_plain_failure(result, "Not published: another publish or rollback of root@127.0.0.1:")
    assert "did not finish within 1 s" in last


# --- A dropped or stalled SSH connection ------------------------------------------------

def cutting_client(ssh_server, tmp_path, mode, after_bytes=200_000):
    """The test sshd's client command, through a relay that breaks each connection
    once more than `after_bytes` went through it (only the rsync transfer does)."""
    client, port, folder = ssh_server
    config = tmp_path / f"ssh_config_{mode}"
    config.write_text(f"Host 127.0.0.1\n  ProxyCommand {sys.executable} {CUT_RELAY} "
                      f"%h %p {after_bytes} {mode}\n")
    return f"{client} -F {config}"


# A stall ends when ssh's keepalives go unanswered (it then closes the connection) or,
# with less buffered, when rsync's --timeout passes: "dropped" or "stalled", both plain.
@pytest.mark.parametrize("mode, words", [
    ("drop", "copying the release to root@127.0.0.1 failed (the connection dropped)"),
    ("stall", "copying the release to root@127.0.0.1 failed (the connection ")])
def test_an_ssh_transfer_cut_midway(ssh_server, changed_project, tmp_path, mode, words):
    client, _, _ = ssh_server
    remote = tmp_path / "srv"
    target = f"root@127.0.0.1:{remote}"
    first = invoke("publish", "--target", target, "--allow-placeholders", "--ssh", client)
    assert first.returncode == 0, first.stderr
    before = assert_live_release_complete(remote)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    # timeout=90: a bound for the test run, not a measurement (without SSH timeouts it hangs).
    result = invoke("publish", "--target", target, "--allow-placeholders", "--timeout", "3",
                    "--ssh", cutting_client(ssh_server, tmp_path, mode), root=changed_project,
                    env={**os.environ, "TMPDIR": str(scratch)}, timeout=90)
    last = assert_plain_failure(result, "Not published:")
    assert words in last and last.endswith("the live site is unchanged."), last
    assert live(remote) == before
    assert list(scratch.iterdir()) == []  # the local build folder was removed
    back = invoke("rollback", "--target", target, "--ssh", client)
    assert_plain_failure(back, "Not rolled back:")  # nothing complete to go back to, not the partial
    assert live(remote) == before
    again = invoke("publish", "--target", target, "--allow-placeholders", "--ssh", client,
                   root=changed_project)
    assert again.returncode == 0, again.stderr
    assert_live_release_complete(remote)
    assert folders(remote) == complete_releases(remote)


# --- Readers during a publish -------------------------------------------------------------

STYLESHEET = re.compile(r"(/theme/css/main\.[0-9a-f]{10}\.css)")


def read_page_and_stylesheet(origin, path):
    """(stylesheet path, failure or None) of one reader's visit."""
    try:
        with urllib.request.urlopen(origin + path, timeout=10) as response:
            html = response.read().decode()
        match = STYLESHEET.search(html)
        if not match:
            return None, f"{path}: no stylesheet link"
        with urllib.request.urlopen(origin + match.group(1), timeout=10) as response:
            if not response.read():
                return match.group(1), f"{match.group(1)}: empty"
        return match.group(1), None
    except (urllib.error.URLError, OSError) as error:
        return None, f"{path}: {error}"


def test_readers_during_a_publish_never_fail(tmp_path, project, changed_project):
    target = tmp_path / "target"
    readable_by_nginx(tmp_path)
    assert publish(target).returncode == 0
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    scratch = tmp_path / "nginx"
    scratch.mkdir()
    config = webserver.nginx_config_for(project, port, target / "current", scratch)
    for _ in serve_for_tests(["nginx", "-c", str(config)], answers(origin + "/"), "nginx"):
        old_css, failure = read_page_and_stylesheet(origin, "/")
        assert failure is None, failure
        failures, seen, done = [], set(), threading.Event()

        def reader(path):
            for _ in range(20_000):  # bounded; normally ends with the publish
                stylesheet, failure = read_page_and_stylesheet(origin, path)
                seen.add(stylesheet)  # noqa: B023 (one iteration: serve_for_tests yields once)
                if failure:
                    failures.append(failure)  # noqa: B023
                if done.is_set():  # noqa: B023
                    return

        readers = [threading.Thread(target=reader, args=(path,))
                   for path in ("/", "/when-the-spark-fades/", "/search/")]
        for thread in readers:
            thread.start()
        result = publish(target, root=changed_project)
        done.set()
        for thread in readers:
            thread.join()
        assert result.returncode == 0, result.stderr
        new_css, failure = read_page_and_stylesheet(origin, "/")
        assert failure is None and new_css != old_css
        assert failures == [], failures[:5]
        # A page loaded just before the switch asks for the old stylesheet just after it.
        with urllib.request.urlopen(origin + old_css, timeout=10) as response:
            assert response.status == 200 and response.read()
    assert_live_release_complete(target)
