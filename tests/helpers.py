"""Helpers for building sites in tests: each build runs in its own process."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
DEV_SETTINGS = ROOT / "pelicanconf.py"
# A small site of its own for tests that count or list things: adding a post or a
# topic to the real content never changes them.
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"


def serve_for_tests(command, ready, name, attempts=100, pause=0.1):
    """Start a server process and wait until ready() is true; a generator for fixtures:
    yields the process, stops it afterwards."""
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    for _ in range(attempts):
        if ready():
            break
        if server.poll() is not None:
            break
        time.sleep(pause)
    else:
        server.terminate()
        raise RuntimeError(f"{name} did not start in time")
    if server.poll() is not None:
        raise RuntimeError(f"{name} did not start: {server.stderr.read()}")
    yield server
    server.terminate()
    server.wait(timeout=10)


def dev_settings():
    """The names pelicanconf.py defines, read the way Pelican reads it."""
    namespace = {"__file__": str(DEV_SETTINGS)}
    exec(DEV_SETTINGS.read_text(encoding="utf-8"), namespace)
    return namespace


def run_pelican(content, output, settings=DEV_SETTINGS, *extra):
    """Build `content` into `output` in a fresh Python process; return the result."""
    command = [sys.executable, "-m", "pelican", str(content), "-s", str(settings),
               "-o", str(output), *extra]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def build_fixture_site(tmp_path, files, with_site_content=True, settings=DEV_SETTINGS, extra=()):
    """Build the fixture site (tests/fixtures/content) plus `files` ({relative path: text})."""
    content = tmp_path / "content"
    if with_site_content:
        shutil.copytree(FIXTURE_CONTENT, content)
    for relative, text in files.items():
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return run_pelican(content, tmp_path / "output", settings, *extra)


class BuiltSite:
    """The output folder of one build, with helpers to read its pages."""

    def __init__(self, output: Path, result):
        self.output = output
        self.result = result

    def path(self, url_path):
        target = self.output / url_path.strip("/")
        return target / "index.html" if not target.suffix else target

    def html(self, url_path):
        return self.path(url_path).read_text(encoding="utf-8")

    def soup(self, url_path):
        return BeautifulSoup(self.html(url_path), "html.parser")

    def html_files(self):
        """Every page readers may see: the browser editor (admin/) is not one of them."""
        return sorted(path for path in self.output.rglob("*.html")
                      if not path.relative_to(self.output).as_posix().startswith("admin/"))


def answers(url):
    """Does `url` answer 200 (a test server is up)?"""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# What a copy of the project leaves out: history, build output and installed tools
# (node_modules is linked back, for the tools the npm packages provide).
_NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "node_modules", "output", "cache", "screenshots",
                                     "__pycache__", "*.egg-info", ".pytest_cache")


def project_copy(tmp_path, content=FIXTURE_CONTENT):
    """A temporary copy of the site's project, with `content` as its content folder."""
    copy = tmp_path / "site"
    shutil.copytree(ROOT, copy, ignore=_NOT_COPIED)
    shutil.rmtree(copy / "content")
    shutil.copytree(content, copy / "content")
    if (ROOT / "node_modules").exists():
        (copy / "node_modules").symlink_to(ROOT / "node_modules")
        # The packages are linked back, never installed again through the link (`npm ci` in a
        # copy would empty the shared folder): the copy's lock file is as old as can be.
        os.utime(copy / "package-lock.json", (0, 0))
    return copy


def wait_for(condition, seconds=60, what="the preview"):
    """Poll `condition` until it holds; fail plainly, naming `what`, after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} did not happen within {seconds} s")
