"""The writing loop: the live preview, and the browser editor beside it."""

import os
import subprocess
import sys

from uplift.preview import AlreadyRunning, claim, claim_port, serve, stop_on_sigterm

from .project import PREVIEW_HOST
from .requirements import ensure_node_packages


def livereload(project, port, content=None):
    """Preview at http://127.0.0.1:PORT/: rebuilds and refreshes the browser on save."""
    def announce():
        print(f"Preview: http://{PREVIEW_HOST}:{port}/ (saves rebuild it; Ctrl-C stops it)", flush=True)

    try:
        serve(project.dev_settings, PREVIEW_HOST, port, project.output, project.cache, content=content,
              announce=announce, watch_design=project.design_files())
    except AlreadyRunning as error:
        sys.exit(str(error))
    except KeyboardInterrupt:
        pass


def edit(project, port, cms_port):
    """The editor at http://127.0.0.1:PORT/admin/ and the live preview; decap-server beside them."""
    ensure_node_packages(project.root)
    try:
        claim(project.cache / "preview.lock", PREVIEW_HOST, port).close()  # not already running?
        claim_port(PREVIEW_HOST, cms_port, "the editor's local proxy", "--cms-port")
    except AlreadyRunning as error:
        sys.exit(str(error))
    # decap-server reads and writes files in this folder; bound to this computer only:
    # it has no login of its own.
    proxy = subprocess.Popen(
        [str(project.root / "node_modules" / ".bin" / "decap-server")], cwd=project.root,
        env={**os.environ, "PORT": str(cms_port), "BIND_HOST": PREVIEW_HOST, "MODE": "fs",
             "GIT_REPO_DIRECTORY": str(project.root), "LOG_LEVEL": "warn"})
    stop_on_sigterm()

    def announce():
        print(f"Editor: http://{PREVIEW_HOST}:{port}/admin/ (log in, write, save)\n"
              f"Preview: http://{PREVIEW_HOST}:{port}/ (refreshes after each save; Ctrl-C stops both)",
              flush=True)

    try:
        serve(project.dev_settings, PREVIEW_HOST, port, project.output, project.cache, announce=announce,
              watch_design=project.design_files(),
              settings={"EDITOR_LOCAL_BACKEND": f"http://{PREVIEW_HOST}:{cms_port}/api/v1"})
    except AlreadyRunning as error:
        sys.exit(str(error))
    except KeyboardInterrupt:
        pass
    finally:
        proxy.terminate()
        try:
            proxy.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proxy.kill()
