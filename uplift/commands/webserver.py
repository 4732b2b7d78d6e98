"""The production web server's configuration, and a production build served by real nginx."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

from uplift.content import shown_path
from uplift.editor.config import backend_origin
from uplift.publish.targets import die_with_parent
from uplift.server.access_log import booking_facts
from uplift.server.config import Booking, logrotate_config, nginx_local_config, nginx_site_config

from .publishing import production_settings
from .requirements import BROTLI_MODULE, WEB_SERVER, ensure_node_packages, ensure_system_packages


def booking(settings):
    """The counted booking redirect, as the settings and the practice's facts make it."""
    return Booking(*booking_facts(settings))


def production_nginx_config(project):
    """The production nginx.conf, for the host of the facts file's site_url."""
    settings = production_settings(project)
    return nginx_site_config(booking(settings), urlparse(settings["SITE_ORIGIN"]).hostname,
                             editor_origin=backend_origin(settings["EDITOR_BACKEND"]))


def deploy_config(project, folder):
    """Write nginx.conf and logrotate.conf for the production server into `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nginx.conf").write_text(production_nginx_config(project), encoding="utf-8")
    (folder / "logrotate.conf").write_text(logrotate_config(), encoding="utf-8")
    print(f"Wrote {shown_path(folder / 'nginx.conf')} and {shown_path(folder / 'logrotate.conf')}")


def production_build_for(project, origin, output, content=None):
    """A production build whose absolute URLs start with `origin` (for local serving)."""
    ensure_node_packages(project.root)
    overrides = ["-e", f'SITE_ORIGIN="{origin}"', f'SITEURL="{origin}"', f'FEED_DOMAIN="{origin}"']
    return project.pelican(project.publish_settings, output, *overrides, content=content)


def nginx_config_for(project, port, root, scratch, access_log=None):
    """A whole nginx.conf (in `scratch`) serving the build at `root` on 127.0.0.1:`port`."""
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (Path(scratch) / folder).mkdir(parents=True, exist_ok=True)
    config = Path(scratch) / "nginx.conf"
    module = str(BROTLI_MODULE) if BROTLI_MODULE.exists() else None
    settings = production_settings(project)
    config.write_text(nginx_local_config(booking(settings), port, root, scratch, module, access_log,
                                         backend_origin(settings["EDITOR_BACKEND"])), encoding="utf-8")
    return config


def serve_with_nginx(project, port, access_log=None):
    """Build the production site and serve it with real nginx until interrupted."""
    ensure_system_packages(WEB_SERVER, "`invoke nginx`")
    scratch = Path(tempfile.mkdtemp(prefix="uplift-nginx-"))
    try:
        scratch.chmod(0o755)  # nginx's workers run as an unprivileged user and must read the site
        site = scratch / "site"
        if production_build_for(project, f"http://127.0.0.1:{port}", site):
            sys.exit("The production build failed; nothing is served.")
        config = nginx_config_for(project, port, site, scratch,
                                  os.path.abspath(access_log) if access_log else None)
        print(f"Serving the production site with nginx at http://127.0.0.1:{port}/ (Ctrl-C stops it)",
              flush=True)

        def stop(number, _frame):
            raise KeyboardInterrupt

        # SIGTERM and SIGHUP stop nginx as Ctrl-C does; die_with_parent covers SIGKILL.
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGHUP, stop)
        server = subprocess.Popen(["nginx", "-c", str(config)], preexec_fn=die_with_parent)
        try:
            status = server.wait()
        except KeyboardInterrupt:
            status = 0
        finally:
            if server.poll() is None:
                server.terminate()
                server.wait()
        if status:
            sys.exit(f"nginx stopped with status {status}.")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
