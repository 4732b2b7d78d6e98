"""Tasks for people and CI: `invoke --list` shows the menu.

Every build runs Pelican in a subprocess so that each one starts clean (Pelican
keeps state between runs in one process) and its exit status is the build's.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
DEV_SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
PREVIEW_HOST, PREVIEW_PORT = "127.0.0.1", 8000

# What the tests need from the operating system, by Debian package name.
SYSTEM_PACKAGES = {"chromium": "/usr/bin/chromium", "nginx": "/usr/sbin/nginx"}


def pelican(settings, output=OUTPUT, *extra):
    """Run one Pelican build in a subprocess; return its exit status."""
    command = [sys.executable, "-m", "pelican", "-s", str(settings), "-o", str(output), *extra]
    return subprocess.run(command, cwd=ROOT).returncode


def build_or_exit(settings, *extra):
    status = pelican(settings, OUTPUT, *extra)
    if status:
        sys.exit(status)


@task
def build(c):
    """Build the development site into output/."""
    build_or_exit(DEV_SETTINGS)


@task
def preview(c):
    """Build the production site (publishconf.py) into output/."""
    build_or_exit(PUBLISH_SETTINGS)


@task
def clean(c):
    """Remove output/ and Pelican's caches."""
    for path in (OUTPUT, ROOT / "cache"):
        shutil.rmtree(path, ignore_errors=True)


@task(build)
def serve(c):
    """Build, then serve output/ at http://127.0.0.1:8000 (no rebuilds)."""
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    class ReusableServer(RootedHTTPServer):
        allow_reuse_address = True

    server = ReusableServer(str(OUTPUT), (PREVIEW_HOST, PREVIEW_PORT), ComplexHTTPRequestHandler)
    print(f"Serving the site at http://{PREVIEW_HOST}:{PREVIEW_PORT}/ (Ctrl-C stops it)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


@task
def livereload(c):
    """Preview at http://127.0.0.1:8000: rebuilds and refreshes the browser on save."""
    from livereload import Server

    def rebuild():
        # Not strict: a problem is reported in the terminal and the preview keeps serving.
        pelican(DEV_SETTINGS, OUTPUT, "-e", "STRICT_BUILD=false")

    rebuild()
    server = Server()
    for pattern in ("content/**/*", "theme/**/*", "plugins/**/*.py", "pelicanconf.py"):
        server.watch(str(ROOT / pattern), rebuild)
    print(f"Preview: http://{PREVIEW_HOST}:{PREVIEW_PORT}/ (saves rebuild it; Ctrl-C stops it)")
    server.serve(host=PREVIEW_HOST, port=PREVIEW_PORT, root=str(OUTPUT), open_url_delay=None)


def ensure_system_packages(c):
    """Install the Debian packages the tests drive (Chromium, nginx) if missing."""
    missing = [name for name, path in SYSTEM_PACKAGES.items() if not Path(path).exists()]
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(f"The tests need these Debian packages: {' '.join(missing)}. "
                 f"Install them with: sudo apt-get install -y {' '.join(missing)}")
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    c.run("apt-get update -qq", env=env)
    c.run(f"apt-get install -y -qq --no-install-recommends {' '.join(missing)}", env=env)


@task
def test(c):
    """Install what the tests need, then run the whole test suite."""
    ensure_system_packages(c)
    status = subprocess.run([sys.executable, "-m", "pytest"], cwd=ROOT).returncode
    if status == 5:
        print("pytest collected no tests: the suite is missing, which counts as a failure.")
        status = 1
    sys.exit(status)
