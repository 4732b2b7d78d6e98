"""The writing loop: the live preview, and the browser editor beside it."""

import os
import subprocess
import sys

from uplift.preview import AlreadyRunning, EditorApi, claim, private_port, serve, stop_on_sigterm

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


def edit(project, port):
    """The editor at http://127.0.0.1:PORT/admin/ and the live preview; decap-server behind them."""
    ensure_node_packages(project.root)
    try:
        claim(project.cache / "preview.lock", PREVIEW_HOST, port).close()  # not already running?
    except AlreadyRunning as error:
        sys.exit(str(error))
    # decap-server reads and writes any file under the folder it is given (the project: the
    # editor names files content/...) and has no login: it listens on a private port of this
    # computer, and the browser reaches it only through the preview's /api/v1, which passes
    # on requests for files in content/ alone (uplift.preview.proxy).
    api = EditorApi(private_port(PREVIEW_HOST), project.root, project.root / "content")
    proxy = subprocess.Popen(
        [str(project.root / "node_modules" / ".bin" / "decap-server")], cwd=project.root,
        env={**os.environ, "PORT": str(api.port), "BIND_HOST": PREVIEW_HOST, "MODE": "fs",
             "GIT_REPO_DIRECTORY": str(project.root), "LOG_LEVEL": "warn"})
    stop_on_sigterm()

    def announce():
        print(f"Editor: http://{PREVIEW_HOST}:{port}/admin/ (log in, write, save)\n"
              f"Preview: http://{PREVIEW_HOST}:{port}/ (refreshes after each save; Ctrl-C stops both)",
              flush=True)

    try:
        serve(project.dev_settings, PREVIEW_HOST, port, project.output, project.cache, announce=announce,
              watch_design=project.design_files(), editor_api=api,
              settings={"EDITOR_LOCAL_BACKEND": f"http://{PREVIEW_HOST}:{port}/api/v1"})
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
