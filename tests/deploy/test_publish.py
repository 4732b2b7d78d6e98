"""invoke publish / rollback into a local target: atomic, verified, pruned."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, serve_for_tests

sys.path.insert(0, str(ROOT))
from deploy.releases import internal_links, previous_release, releases_to_prune, verify_release  # noqa: E402


def invoke(*args):
    return subprocess.run([sys.executable, "-m", "invoke", "--search-root", str(ROOT), *args],
                          cwd=ROOT, capture_output=True, text=True)


def live(target):
    return os.readlink(target / "current")


def releases(target):
    return sorted(path.name for path in (target / "releases").iterdir())


@pytest.fixture(scope="module")
def target(tmp_path_factory):
    return tmp_path_factory.mktemp("target")


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
    first = invoke("publish", "--target", str(target), "--allow-placeholders")
    assert first.returncode == 0, first.stderr
    assert "WARNING: publishing with placeholders (site_url, phone," in first.stderr
    assert live(target) == f"releases/{releases(target)[0]}"
    assert (target / "current" / "index.html").is_file()

    second = invoke("publish", "--target", str(target), "--allow-placeholders")
    assert second.returncode == 0, second.stderr
    one, two = releases(target)
    assert live(target) == f"releases/{two}"

    back = invoke("rollback", "--target", str(target))
    assert back.returncode == 0 and one in back.stdout
    assert live(target) == f"releases/{one}"

    again = invoke("rollback", "--target", str(target))
    assert again.returncode != 0 and "no earlier release" in again.stderr
    assert live(target) == f"releases/{one}"


def test_a_content_error_leaves_the_live_site_unchanged(target, tmp_path):
    before = live(target)
    count = len(releases(target))
    content = tmp_path / "content"
    subprocess.run(["cp", "-r", str(ROOT / "content"), str(content)], check=True)
    (content / "articles" / "broken.md").write_text("Title: Broken\nDate: 2025-02-30\n\nText.\n")
    result = invoke("publish", "--target", str(target), "--allow-placeholders", "--content", str(content))
    assert result.returncode != 0
    assert "'2025-02-30' is not a real date" in result.stderr
    assert "the live site is unchanged" in result.stderr
    assert live(target) == before and len(releases(target)) == count


def test_only_the_last_five_releases_are_kept(target):
    for _ in range(5):
        assert invoke("publish", "--target", str(target), "--allow-placeholders").returncode == 0
    kept = releases(target)
    assert len(kept) == 5
    assert live(target) == f"releases/{kept[-1]}"


def test_verification_finds_broken_links_drafts_and_placeholders(tmp_path):
    (tmp_path / "index.html").write_text('<a href="/missing/">x</a><a href="/ok/">ok</a>'
                                         '<a href="https://other.example/">elsewhere</a>')
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "index.html").write_text('<link href="../index.html">')
    (tmp_path / "drafts").mkdir()
    problems = verify_release(tmp_path, "https://www.example.com", ["phone"])
    assert problems == [
        "the build contains drafts/ (drafts must never be published)",
        "practice facts are still placeholders: phone",
        "index.html: the link to /missing/ leads nowhere",
    ]
    assert verify_release(tmp_path, "https://www.example.com", ["phone"], allow_placeholders=True)[-1] \
        == "index.html: the link to /missing/ leads nowhere"


def test_internal_links_keep_only_our_own_paths():
    html = ('<a href="https://www.example.com/fees/">f</a><a href="mailto:a@b.c">m</a>'
            '<a href="#top">t</a><img src="/theme/x.css"><a href="https://cms.gov/x">c</a>')
    assert internal_links(html, "https://www.example.com") == ["/fees/", "/theme/x.css"]


def test_pruning_and_rollback_choices():
    names = [Path(f"/t/releases/{n}") for n in ("1", "2", "3", "4", "5", "6", "7")]
    assert releases_to_prune(names, names[-1]) == names[:2]
    assert releases_to_prune(names, names[0]) == names[1:2]  # the live one is never removed
    assert previous_release(names, names[3]) == names[2]
    assert previous_release(names, names[0]) is None


@pytest.fixture(scope="module")
def ssh_server(tmp_path_factory):
    """A real OpenSSH server on loopback, for this test run only, and the client command."""
    folder = tmp_path_factory.mktemp("sshd")
    for key in ("host_key", "client_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / key)],
                       check=True)
    (folder / "authorized_keys").write_text((folder / "client_key.pub").read_text())
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    (folder / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {folder}/host_key\n"
        f"AuthorizedKeysFile {folder}/authorized_keys\nPidFile {folder}/sshd.pid\n"
        "PermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        "UsePAM no\nStrictModes no\n")
    Path("/run/sshd").mkdir(exist_ok=True)  # OpenSSH's privilege-separation directory
    client = (f"ssh -p {port} -i {folder}/client_key -o BatchMode=yes -o StrictHostKeyChecking=no "
              "-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR")

    def answers():
        probe = subprocess.run([*client.split(), "root@127.0.0.1", "true"], capture_output=True)
        return probe.returncode == 0

    sshd = ["/usr/sbin/sshd", "-D", "-e", "-f", str(folder / "sshd_config")]
    for _ in serve_for_tests(sshd, answers, "sshd"):
        yield client


def test_publish_and_roll_back_over_ssh(ssh_server, tmp_path):
    remote = tmp_path / "srv"
    target = f"root@127.0.0.1:{remote}"
    old = [f"20000101T00000{n}000000Z" for n in range(5)]  # five earlier releases
    for name in old:
        (remote / "releases" / name).mkdir(parents=True)
    for _ in range(2):
        result = invoke("publish", "--target", target, "--allow-placeholders", "--ssh", ssh_server)
        assert result.returncode == 0, result.stderr
    *kept_old, first, second = releases(remote)
    assert kept_old == old[2:]  # pruned to the newest five
    assert live(remote) == f"releases/{second}"
    assert (remote / "current" / "index.html").is_file()
    back = invoke("rollback", "--target", target, "--ssh", ssh_server)
    assert back.returncode == 0, back.stderr
    assert live(remote) == f"releases/{first}"
