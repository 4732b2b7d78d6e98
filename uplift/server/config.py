"""The web servers' configuration, rendered from the header and log data by templates.

    nginx_site_config(...)    the production nginx.conf (`invoke deploy-config`)
    nginx_local_config(...)   a whole nginx.conf serving a build on 127.0.0.1 (`invoke nginx`, tests)
    static_host_headers(...)  `_headers` for Cloudflare Pages and Netlify (written into production builds)
    logrotate_config(...)     the rotation that deletes old access logs

The data is in headers.py (what every answer carries, per location) and
access_log.py (what the log keeps); the words of each server are in templates/.
"""

from dataclasses import dataclass, field

from uplift.content.templates import package_templates

from .access_log import LOG_FORMAT, LOG_LINE, LOG_MAPS, LOG_RETENTION_DAYS, PRODUCTION_ACCESS_LOG
from .headers import BOOKING_HEADERS, CACHE_FOREVER, SERVER_HEADERS, locations

PLACEHOLDER_HOST = "www.example.com"  # placeholder until the domain is known
CERTIFICATE = "/etc/letsencrypt/live/{host}/fullchain.pem"
CERTIFICATE_KEY = "/etc/letsencrypt/live/{host}/privkey.pem"
SITE_ROOT = "/srv/uplift/current"

_TEMPLATES = package_templates("uplift.server", autoescape=False)


@dataclass(frozen=True)
class Booking:
    """The counted booking redirect: the site's path, and the practice's booking address."""
    path: str
    address: str


@dataclass
class Server:
    """What differs between the production server and a local one."""

    listen: list  # e.g. ["443 ssl", "[::]:443 ssl"]
    root: str = ""
    server_name: str = "_"
    tls: dict = field(default_factory=dict)  # {"certificate": path, "key": path, "note": comment}
    brotli: bool = True
    access_log: str | None = PRODUCTION_ACCESS_LOG  # None: no log (access_log.py decides what one holds)


def _render(name, **values):
    return _TEMPLATES.get_template(name).render(
        log_maps_data=LOG_MAPS, log_format=LOG_FORMAT, log_line=LOG_LINE, booking_headers=BOOKING_HEADERS,
        server_headers=SERVER_HEADERS,
        **values)


def nginx_site_config(booking, host=PLACEHOLDER_HOST, root=SITE_ROOT, http_port=80, https_port=443,
                      certificate=None, key=None, ipv4="", ipv6="[::]", editor_origin=""):
    """The production site: HTTPS on IPv4 and IPv6, and a redirect from plain HTTP to the one
    HTTPS origin (never to the Host the client sent). booking: a Booking.

    The tests run it on other ports and addresses (ipv4="127.0.0.1:", ipv6="[::1]")."""
    tls = {"certificate": certificate or CERTIFICATE.format(host=host),
           "key": key or CERTIFICATE_KEY.format(host=host),
           "note": "" if certificate else "  # placeholder"}
    https = Server([f"{ipv4}{https_port} ssl", f"{ipv6}:{https_port} ssl"], root, host, tls)
    http = Server([f"{ipv4}{http_port}", f"{ipv6}:{http_port}"], server_name=host)
    return _render("nginx-site.conf", http=http, https=https, booking=booking,
                   locations=locations(editor_origin))


def nginx_local_config(booking, port, root, scratch, brotli_module=None, access_log=None, editor_origin=""):
    """A complete nginx.conf serving `root` on 127.0.0.1:`port`, run in the foreground;
    the access log (production's format) goes to `access_log` if given."""
    server = Server([f"127.0.0.1:{port}"], str(root), brotli=bool(brotli_module), access_log=access_log)
    return _render("nginx-local.conf", server=server, scratch=scratch, brotli_module=brotli_module,
                   booking=booking, locations=locations(editor_origin))


def static_host_headers(immutable_paths=(), editor_origin=""):
    """`_headers` for Cloudflare Pages and Netlify, from the same locations.

    Static hosts match paths with `*` only, not regexes: the build passes the
    hashed files it wrote (immutable_paths) and each gets its own rule. A path
    matching several rules gets the headers of all; `! Name` (Cloudflare Pages)
    first drops the value a broader rule set, so one policy is sent, not two."""
    rules = []
    for location in reversed(locations(editor_origin)):  # the broadest rule first, then specific ones
        headers = location.headers()
        for path in location.static_host_paths:
            if path == "/*":
                lines = [f"{name}: {value}" for name, value in headers.items()]
            else:
                lines = ["! Content-Security-Policy", "! Cache-Control"]
                lines += [f"{name}: {headers[name]}" for name in ("Content-Security-Policy", "Cache-Control")]
                lines += [f"{name}: {value}" for name, value in location.extra_headers]
            rules.append({"path": path, "lines": lines})
    rules += [{"path": path, "lines": ["! Cache-Control", f"Cache-Control: {CACHE_FOREVER}"]}
              for path in immutable_paths]
    return _render("_headers", rules=rules)


def logrotate_config(log=PRODUCTION_ACCESS_LOG, days=LOG_RETENTION_DAYS,
                     reopen="invoke-rc.d nginx rotate >/dev/null 2>&1", owner="www-data adm"):
    """logrotate rules: a new log each day; each old one deleted `days` days later."""
    return _render("logrotate.conf", log=log, days=days, reopen=reopen, owner=owner)
