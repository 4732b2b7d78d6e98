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

from pelican import signals

from .access_log import booking_link
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


def add_booking_link(generator):
    generator.env.globals["booking_link"] = lambda source: booking_link(generator.settings, source)


def register():
    signals.finalized.connect(write_host_headers)
    signals.generator_init.connect(add_booking_link)
