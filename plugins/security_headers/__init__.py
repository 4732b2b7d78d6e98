"""security_headers: the site's HTTP headers, from one source (policy.py).

With WRITE_HOST_HEADERS on (production), the build writes `_headers` at the
root of the output for static hosts. `invoke deploy-config` writes
deploy/nginx.conf from the same source, and `invoke nginx` serves a build with it.

access_log.py holds what the server records (a log that identifies no one) and
the counted booking link: templates get booking_link(source), the address of
BOOK_URL?from=<source>, which the server redirects to PRACTICE["booking_url"].

Settings:
    WRITE_HOST_HEADERS (bool, default False)
    BOOK_URL (str): the site's booking path, e.g. "book/"
"""

import os
import re
from pathlib import Path

from pelican import signals

from .access_log import booking_link
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

__all__ = ["register", "editor_origin", "CONTENT_SECURITY_POLICY", "HASHED_THEME_FILE", "LOCATIONS",
           "Location",
           "SEARCH_CONTENT_SECURITY_POLICY", "SECURITY_HEADERS", "content_security_policy",
           "hashed_paths", "nginx_local_config", "nginx_site_config", "static_host_headers"]


def hashed_paths(output):
    """Site paths of the content-hashed theme files in a build (cached for a year)."""
    pattern = re.compile(HASHED_THEME_FILE)
    paths = ("/" + path.relative_to(output).as_posix() for path in Path(output).rglob("*") if path.is_file())
    return sorted(path for path in paths if pattern.match(path))


def editor_origin(settings):
    """The practice's git server, which the browser editor at /admin/ talks to."""
    from editor import backend_origin

    return backend_origin(settings.get("EDITOR_BACKEND"))


def write_host_headers(pelican):
    if pelican.settings.get("WRITE_HOST_HEADERS"):
        with open(os.path.join(pelican.output_path, "_headers"), "w", encoding="utf-8") as headers:
            headers.write(static_host_headers(hashed_paths(pelican.output_path),
                                              editor_origin(pelican.settings)))


def add_booking_link(generator):
    generator.env.globals["booking_link"] = lambda source: booking_link(generator.settings, source)


def register():
    # Connected after asset_pipeline's finalized handler (PLUGINS order), so the
    # hashed names exist when `_headers` is written.
    signals.finalized.connect(write_host_headers)
    signals.generator_init.connect(add_booking_link)
