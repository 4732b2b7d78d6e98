"""invoke publish / rollback into a local folder and over SSH: atomic, verified, pruned."""

import os
import subprocess
from pathlib import Path

import pytest

from tests.deploy_fixtures import (
    ROOT,
    assert_live_release_complete,
    assert_plain_failure,
    complete_releases,
    folders,
    invoke,
    live,
)


@pytest.fixture(scope="module")
def target(tmp_path_factory):
    return tmp_path_factory.mktemp("target")


def publish(target, *extra):
    return invoke("publish", "--target", str(target), "--allow-placeholders", *extra)


def test_publish_refuses_placeholders_and_names_them(target):
    result = invoke("publish", "--target", str(target))
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    assert lines[0] == "Not published: the site still shows stand-in facts that readers must never see:"
    assert ("  content/practice.yml:16: the phone number ('phone') is still a placeholder: '(555) 010-0142'. "
            "Replace it with the practice's real one, then remove 'phone' from the 'placeholders' list at "
            "the "
            "end of the file.") in lines
    assert any(line.startswith("  content/practice.yml:") and "('booking_url')" in line for line in lines)
    assert any(line.startswith("  content/team/ana-example.md:1: Ana Example's profile is a stand-in")
               for line in lines)
    assert not (target / "current").exists()


def test_publish_twice_then_roll_back(target):
    first = publish(target)
    assert first.returncode == 0, first.stderr
    assert "WARNING: publishing with placeholders (site_url, phone," in first.stderr
    one = assert_live_release_complete(target)

    second = publish(target)
    assert second.returncode == 0, second.stderr
    two = assert_live_release_complete(target)
    assert folders(target) == [one, two]

    back = invoke("rollback", "--target", str(target))
    assert back.returncode == 0 and one in back.stdout, back.stderr
    assert live(target) == one

    again = invoke("rollback", "--target", str(target))
    assert_plain_failure(again, "Not rolled back: there is no earlier complete release")
    assert live(target) == one


def test_releases_share_no_file(target):
    before = live(target)
    assert publish(target).returncode == 0
    after = live(target)
    releases = target / "releases"
    for path in ("index.html", "index.html.br", "pagefind/pagefind-entry.json"):
        assert (releases / after / path).read_bytes() == (releases / before / path).read_bytes(), path
        assert not (releases / after / path).samefile(releases / before / path), path


def test_a_content_error_leaves_the_live_site_unchanged(target, tmp_path):
    before = live(target)
    count = len(folders(target))
    content = tmp_path / "content"
    subprocess.run(["cp", "-r", str(ROOT / "content"), str(content)], check=True)
    (content / "articles" / "broken.md").write_text("Title: Broken\nDate: 2025-02-30\n\nText.\n")
    result = publish(target, "--content", str(content))
    assert "'2025-02-30' is not a real date" in result.stderr
    assert_plain_failure(result, "Not published: the build failed; the live site is unchanged")
    assert live(target) == before and len(folders(target)) == count


def test_only_the_last_five_complete_releases_are_kept(target):
    leftover = target / "releases" / "20000101T000000000000Z"  # an interrupted publish's folder
    leftover.mkdir()
    (leftover / "index.html").write_text("half a site")
    for _ in range(5):
        assert publish(target).returncode == 0
    kept = folders(target)
    assert len(kept) == 5 and complete_releases(target) == kept
    assert live(target) == kept[-1]


def test_rollback_follows_what_was_live_not_the_names(tmp_path):
    """publish A, B; roll back to A; publish C; roll back: A again, never B."""
    target = tmp_path / "target"
    for _ in range(2):
        assert publish(target).returncode == 0
    a, b = folders(target)
    assert invoke("rollback", "--target", str(target)).returncode == 0
    assert publish(target).returncode == 0
    c = live(target)
    assert c not in (a, b)
    back = invoke("rollback", "--target", str(target))
    assert back.returncode == 0, back.stderr
    assert live(target) == a
    assert_plain_failure(invoke("rollback", "--target", str(target)), "Not rolled back:")
    assert live(target) == a


def test_rollback_on_a_read_only_target_says_so_plainly(tmp_path):
    target = tmp_path / "target"
    for _ in range(2):
        assert publish(target).returncode == 0
    before = live(target)
    if os.geteuid() != 0:
        pytest.skip("a read-only bind mount needs root")
    subprocess.run(["mount", "--bind", str(target), str(target)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(target)], check=True)
        result = invoke("rollback", "--target", str(target))
        last = assert_plain_failure(result, "Not rolled back:")
        assert "Read-only file system" in last and "the live site is unchanged" in last
    finally:
        subprocess.run(["umount", str(target)], check=True)
    assert live(target) == before


# --- Over SSH, against a real sshd on loopback ----------------------------------------

def test_publish_and_roll_back_over_ssh(ssh_server, tmp_path):
    client, _, _ = ssh_server
    remote = tmp_path / "srv"
    target = f"root@127.0.0.1:{remote}"
    leftover = remote / "releases" / "20000101T000000000000Z"  # an interrupted transfer
    leftover.mkdir(parents=True)
    for _ in range(2):
        result = invoke("publish", "--target", target, "--allow-placeholders", "--ssh", client)
        assert result.returncode == 0, result.stderr
    first, second = folders(remote)  # the leftover was removed
    assert live(remote) == second and complete_releases(remote) == [first, second]
    releases = remote / "releases"
    assert not (releases / second / "index.html").samefile(releases / first / "index.html")
    assert oct((releases / second).stat().st_mode)[-3:] == "755"  # readable by the web server
    back = invoke("rollback", "--target", target, "--ssh", client)
    assert back.returncode == 0, back.stderr
    assert live(remote) == first


def test_a_tilde_target_is_the_remote_home_folder(ssh_server):
    client, _, _ = ssh_server
    name = f"uplift-tilde-test-{os.getpid()}"
    home = Path(os.path.expanduser("~root"))
    try:
        result = invoke("publish", "--target", f"root@127.0.0.1:~/{name}", "--allow-placeholders",
                        "--ssh", client)
        assert result.returncode == 0, result.stderr
        assert_live_release_complete(home / name)
        assert not (ROOT / "~" / name).exists() and not (home / "~" / name).exists()
    finally:
        subprocess.run(["rm", "-rf", str(home / name), str(home / "~" / name)], check=True)
        if (home / "~").is_dir() and not any((home / "~").iterdir()):
            (home / "~").rmdir()  # what a failing run made


def test_an_unreachable_host_is_reported_plainly(tmp_path):
    scratch = tmp_path / "tmp"  # where the publish builds (TMPDIR): empty again afterwards
    scratch.mkdir()
    result = invoke("publish", "--target", "root@127.0.0.1:/srv/x", "--allow-placeholders",
                    "--ssh", "ssh -p 1 -o BatchMode=yes", "--timeout", "5",
                    env={**os.environ, "TMPDIR": str(scratch)})
    last = assert_plain_failure(result, "Not published:")
    assert "Connection refused" in last and "the live site is unchanged" in last
    assert list(scratch.iterdir()) == []
