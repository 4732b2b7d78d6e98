"""security_headers: the site's HTTP headers, from one source (policy.py).

With WRITE_HOST_HEADERS on (production), the build writes `_headers` at the
root of the output for static hosts. `invoke deploy-config` writes
deploy/nginx.conf from the same source, and `invoke nginx` serves a build with it.

Settings:
    WRITE_HOST_HEADERS (bool, default False)
"""

import os

from pelican import signals

from .policy import (
    CONTENT_SECURITY_POLICY,
    SECURITY_HEADERS,
    nginx_local_config,
    nginx_site_config,
    static_host_headers,
)

__all__ = ["register", "CONTENT_SECURITY_POLICY", "SECURITY_HEADERS", "nginx_local_config",
           "nginx_site_config", "static_host_headers"]


def write_host_headers(pelican):
    if pelican.settings.get("WRITE_HOST_HEADERS"):
        with open(os.path.join(pelican.output_path, "_headers"), "w", encoding="utf-8") as headers:
            headers.write(static_host_headers())


def register():
    signals.finalized.connect(write_host_headers)
