"""Fixtures for publishing and serving: a production build under real nginx, a real
sshd on loopback, small real filesystems, and helpers to run and inspect publishes."""

import hashlib
import json
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import ROOT, serve_for_tests
from uplift.commands import webserver
from uplift.commands.project import Project

FAULT_POINTS = Path(__file__).resolve().parent / "publish" / "fault_points.py"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def invoke_command(*args, root=ROOT):
    return [sys.executable, "-m", "invoke", "--search-root", str(root), *args]


def invoke(*args, root=ROOT, **options):
    """Run an invoke task to its end; the CompletedProcess (text output)."""
    return subprocess.run(invoke_command(*args, root=root), cwd=root, capture_output=True, text=True,
                          **options)


def with_fault(event, text, count, action, *args, root=ROOT):
    """Start an invoke task that meets a fault at one exact point (fault_points.py)."""
    command = [sys.executable, str(FAULT_POINTS), event, text, str(count), action, "--",
               "--search-root", str(root), *args]
    return subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def assert_plain_failure(result, start):
    """Exit status non-zero, one plain line at the end, no traceback."""
    assert result.returncode != 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(start), result.stderr
    return last


def live(target):
    link = Path(target) / "current"
    return os.readlink(link).removeprefix("releases/") if link.is_symlink() else None


def folders(target):
    return sorted(p.name for p in (Path(target) / "releases").iterdir() if p.is_dir())


def complete_releases(target):
    """Release folders whose manifest exists and whose every file matches it."""
    return [name for name in folders(target) if not release_problems(target, name)]


def release_problems(target, name):
    """Independent of uplift.publish: read the manifest and hash the files on disk."""
    manifest = Path(target) / "releases" / f"{name}.manifest"
    if not manifest.is_file():
        return ["no manifest"]
    files = json.loads(manifest.read_text())["files"]
    problems = []
    for path, (size, sha) in files.items():
        file = Path(target) / "releases" / name / path
        if not file.is_file():
            problems.append(f"{path} missing")
        elif file.stat().st_size != size or hashlib.sha256(file.read_bytes()).hexdigest() != sha:
            problems.append(f"{path} differs")
    return problems


def assert_live_release_complete(target):
    name = live(target)
    assert name, "nothing is live"
    assert release_problems(target, name) == [], f"the live release {name} is not complete"
    assert (Path(target) / "current" / "index.html").is_file()
    return name


@pytest.fixture(scope="session")
def project():
    """The site's project as the tasks see it (uplift.commands)."""
    return Project(ROOT)


@pytest.fixture(scope="session")
def production(tmp_path_factory, project):
    """(port, origin, output folder, scratch) of a production build for a loopback origin."""
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    scratch = tmp_path_factory.mktemp("nginx")
    readable_by_nginx(scratch)
    output = scratch / "site"
    assert webserver.production_build_for(project, origin, output) == 0
    return port, origin, output, scratch


def readable_by_nginx(folder):
    """nginx's unprivileged workers must reach the files."""
    folder.chmod(0o755)
    for parent in folder.parents:
        if str(parent).startswith("/tmp/") or str(parent) == "/tmp":
            parent.chmod(parent.stat().st_mode | 0o755)


def answers(url):
    def check():
        try:
            urllib.request.urlopen(url, timeout=1)
            return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            return False
    return check


@pytest.fixture(scope="session")
def nginx_origin(production, project):
    port, origin, output, scratch = production
    config = webserver.nginx_config_for(project, port, output, scratch)
    for _ in serve_for_tests(["nginx", "-c", str(config)], answers(origin + "/"), "nginx"):
        yield origin


@pytest.fixture(scope="session")
def ssh_server(tmp_path_factory):
    """A real OpenSSH server on loopback, for this test run only: (client command, port, folder)."""
    folder = tmp_path_factory.mktemp("sshd")
    for key in ("host_key", "client_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / key)],
                       check=True)
    (folder / "authorized_keys").write_text((folder / "client_key.pub").read_text())
    port = free_port()
    (folder / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {folder}/host_key\n"
        f"AuthorizedKeysFile {folder}/authorized_keys\nPidFile {folder}/sshd.pid\n"
        "PermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        "UsePAM no\nStrictModes no\nMaxStartups 50\nMaxSessions 50\n")
    Path("/run/sshd").mkdir(exist_ok=True)  # OpenSSH's privilege-separation directory
    client = (f"ssh -p {port} -i {folder}/client_key -o BatchMode=yes -o StrictHostKeyChecking=no "
              "-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR")

    def ready():
        probe = subprocess.run([*client.split(), "root@127.0.0.1", "true"], capture_output=True)
        return probe.returncode == 0

    sshd = ["/usr/sbin/sshd", "-D", "-e", "-f", str(folder / "sshd_config")]
    for _ in serve_for_tests(sshd, ready, "sshd"):
        yield client, port, folder


@pytest.fixture
def small_filesystem(tmp_path):
    """mount(size) -> a folder on a real tmpfs of that size (root only), unmounted afterwards."""
    mounted = []

    def mount(size):
        if os.geteuid() != 0:
            pytest.skip("a real small filesystem needs root (tmpfs)")
        folder = tmp_path / f"small-{len(mounted)}"
        folder.mkdir()
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)],
                       check=True)
        mounted.append(folder)
        return folder

    yield mount
    for folder in reversed(mounted):
        subprocess.run(["umount", "-l", str(folder)], check=False)
