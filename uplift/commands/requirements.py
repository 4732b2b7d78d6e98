"""What the tasks and the tests need from outside Python, installed when it is missing.

Debian packages with apt-get (as root; otherwise the message names the command),
the pinned npm packages (package-lock.json) with `npm ci`.
"""

import os
import subprocess
import sys
from pathlib import Path

# {Debian package: a file it installs}.
SYSTEM_PACKAGES = {
    "chromium": "/usr/bin/chromium",  # browser tests (Playwright drives Debian's build)
    "nginx": "/usr/sbin/nginx",  # `invoke nginx`, web-server tests
    "libnginx-mod-http-brotli-static": "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so",
    "default-jre-headless": "/usr/bin/java",  # the Nu Html Checker (vnu.jar)
    "openssl": "/usr/bin/openssl",  # a throwaway certificate for `nginx -t` of the TLS config
    "openssh-server": "/usr/sbin/sshd",  # publishing over SSH, to a server on loopback
    "openssh-client": "/usr/bin/ssh",
    "rsync": "/usr/bin/rsync",
    "logrotate": "/usr/sbin/logrotate",  # deleting old access logs, tested for real
    "npm": "/usr/bin/npm",  # installs the browser editor, axe-core and vnu.jar from package-lock.json
}
WEB_SERVER = ("nginx", "libnginx-mod-http-brotli-static")
BROTLI_MODULE = Path(SYSTEM_PACKAGES["libnginx-mod-http-brotli-static"])


def ensure_system_packages(names=tuple(SYSTEM_PACKAGES), why="The tests"):
    """Install the Debian packages `names` that are missing."""
    missing = [name for name in names if not Path(SYSTEM_PACKAGES[name]).exists()]
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(f"{why} need these Debian packages: {' '.join(missing)}. "
                 f"Install them with: sudo apt-get install -y {' '.join(missing)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env,
                   check=True)


def ensure_node_packages(root):
    """Install the pinned npm packages (the browser editor, axe-core, vnu.jar) when the lock
    file changed, and npm itself (Debian's package) when it is missing."""
    ensure_system_packages(["npm"], "The browser editor and its tools")
    lock, installed = root / "package-lock.json", root / "node_modules" / ".package-lock.json"
    if installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime:
        return
    # --ignore-scripts: nothing is downloaded beyond the registry's packages.
    subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                   cwd=root, check=True)


def run_tests(project, arguments=()):
    """Install what the tests need, then run the whole test suite; its exit status."""
    ensure_system_packages()
    ensure_node_packages(project.root)
    status = subprocess.run([sys.executable, "-m", "pytest", *arguments], cwd=project.root).returncode
    if status == 5:
        print("pytest collected no tests: the suite is missing, which counts as a failure.")
        status = 1
    return status
