"""security_headers: the site's HTTP headers, from one source (policy.py).

With WRITE_HOST_HEADERS on (production), the build writes `_headers` at the
root of the output for static hosts. `invoke deploy-config` writes
deploy/nginx.conf from the same source, and `invoke nginx` serves a build with it.

Settings:
    WRITE_HOST_HEADERS (bool, default False)
"""

import os
import re
from pathlib import Path

from pelican import signals

from .policy import (
    CONTENT_SECURITY_POLICY,
    HASHED_THEME_FILE,
    LOCATIONS,
    SEARCH_CONTENT_SECURITY_POLICY,
    SECURITY_HEADERS,
    Location,
    content_security_policy,
    nginx_local_config,
    nginx_site_config,
    static_host_headers,
)

__all__ = ["register", "CONTENT_SECURITY_POLICY", "HASHED_THEME_FILE", "LOCATIONS", "Location",
           "SEARCH_CONTENT_SECURITY_POLICY", "SECURITY_HEADERS", "content_security_policy",
           "hashed_paths", "nginx_local_config", "nginx_site_config", "static_host_headers"]


def hashed_paths(output):
    """Site paths of the content-hashed theme files in a build (cached for a year)."""
    pattern = re.compile(HASHED_THEME_FILE)
    paths = ("/" + path.relative_to(output).as_posix() for path in Path(output).rglob("*") if path.is_file())
    return sorted(path for path in paths if pattern.match(path))


def write_host_headers(pelican):
    if pelican.settings.get("WRITE_HOST_HEADERS"):
        with open(os.path.join(pelican.output_path, "_headers"), "w", encoding="utf-8") as headers:
            headers.write(static_host_headers(hashed_paths(pelican.output_path)))


def register():
    # Connected after asset_pipeline's finalized handler (PLUGINS order), so the
    # hashed names exist when `_headers` is written.
    signals.finalized.connect(write_host_headers)
