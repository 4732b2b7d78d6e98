"""The one source of the site's HTTP headers, and renderers for each web server.

deploy/nginx.conf, the configuration `invoke nginx` runs, and the `_headers`
file for static hosts (Cloudflare Pages, Netlify) are all generated from the
data here; a test fails when the committed nginx.conf differs from what these
functions produce.

Headers differ by location (the search page runs WebAssembly, hashed assets
are cached for a year), so each location is one `Location` in LOCATIONS: its
nginx match, its `_headers` path, its Content-Security-Policy and its
Cache-Control. A new location with its own policy is a new entry there; the
browser editor's (/admin/) is added by `locations`, as it names the practice's
git server.
"""

from dataclasses import dataclass, field

from .access_log import NO_STORE, PRODUCTION_ACCESS_LOG, booking_location, log_maps, server_logging

# A strict policy: nothing inline, nothing from anywhere else.
CSP_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def content_security_policy(**changes):
    """The strict policy with some directives replaced: script_src="..." sets script-src."""
    directives = {**CSP_DIRECTIVES, **{name.replace("_", "-"): value for name, value in changes.items()}}
    return "; ".join(f"{name} {value}" for name, value in directives.items())


CONTENT_SECURITY_POLICY = content_security_policy()
# Search is the one page with JavaScript; Pagefind compiles WebAssembly.
SEARCH_CONTENT_SECURITY_POLICY = content_security_policy(script_src="'self' 'wasm-unsafe-eval'")

# Sent with every response, whatever its location.
SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    # Readers' visits are private: other sites are never told where they came from.
    # Our own server is, between its pages, so that its log (host only) can tell a
    # reader arriving from one moving within the site (access_log.py).
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": ", ".join(f"{feature}=()" for feature in (
        "camera", "microphone", "geolocation", "payment", "usb", "browsing-topics")),
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

# Files with content-hashed names never change: cache them for a year. Everything
# else (pages, the search index, share.png) is checked again on every visit.
CACHE_FOREVER = "public, max-age=31536000, immutable"
CACHE_REVALIDATE = "public, max-age=0, must-revalidate"

# The booking redirect (access_log.py) must reach the server every time, or clicks go uncounted.
BOOKING_HEADERS = {"Content-Security-Policy": CONTENT_SECURITY_POLICY, **SECURITY_HEADERS,
                   "Cache-Control": NO_STORE}


def editor_content_security_policy(git_origin=""):
    """/admin/ alone: Decap CMS compiles its schemas ('unsafe-eval'), styles itself inline,
    previews uploads as blob: URLs, and talks to the practice's git server."""
    return content_security_policy(
        script_src="'self' 'unsafe-eval'", style_src="'self' 'unsafe-inline'",
        img_src="'self' blob: data:",
        connect_src=" ".join(filter(None, ["'self'", "blob:", git_origin])),
        frame_ancestors="'none'")


# The names asset_pipeline gives theme files in production: css/main.<10 hex>.css.
HASHED_THEME_FILE = r"^/theme/.+\.[0-9a-f]{10}\.(css|js)$"


@dataclass(frozen=True)
class Location:
    """One part of the site with its own headers."""

    nginx_match: str  # what follows `location` in nginx: "/search/", "~ regex", "= /404.html"
    why: str  # one line, written above the block in nginx.conf
    csp: str = CONTENT_SECURITY_POLICY
    cache_control: str = CACHE_REVALIDATE
    nginx_directives: tuple = ("try_files $uri $uri/ =404;",)
    static_host_paths: tuple = ()  # `_headers` path patterns; () when static hosts need no rule
    sends_headers: bool = True  # False for locations that only refuse (they get the 404 page's)
    extra_headers: tuple = ()  # (name, value) pairs this location adds

    def headers(self):
        return {"Content-Security-Policy": self.csp, **SECURITY_HEADERS, **dict(self.extra_headers),
                "Cache-Control": self.cache_control}


# In nginx, regex locations win over prefix ones; "=" wins over both.
LOCATIONS = [
    Location("= /404.html", "The not-found page, for every missing path.",
             nginx_directives=("internal;",)),
    Location("= /_headers", "The static hosts' header file is not a page.",
             nginx_directives=("return 404;",), sends_headers=False),
    Location(f'~ "{HASHED_THEME_FILE}"',
             "Content-hashed theme files (css/main.<hash>.css): cached for a year.",
             cache_control=CACHE_FOREVER, nginx_directives=("try_files $uri =404;",)),
    Location("/search/", "The search page runs Pagefind, which compiles WebAssembly.",
             csp=SEARCH_CONTENT_SECURITY_POLICY, static_host_paths=("/search/*",)),
    Location("/pagefind/", "Pagefind's own scripts and index, loaded by the search page.",
             csp=SEARCH_CONTENT_SECURITY_POLICY, static_host_paths=("/pagefind/*",)),
    Location("/", "Every other page and file; clean URLs: /slug/ is /slug/index.html.",
             static_host_paths=("/*",)),
]

PLACEHOLDER_HOST = "www.example.com"  # placeholder until the domain is known
CERTIFICATE = "/etc/letsencrypt/live/{host}/fullchain.pem"
CERTIFICATE_KEY = "/etc/letsencrypt/live/{host}/privkey.pem"
SITE_ROOT = "/srv/uplift/current"


def nginx_headers(headers, indent="        "):
    return "\n".join(f'{indent}add_header {name} "{value}" always;' for name, value in headers.items())


def nginx_location(location):
    lines = [f"    # {location.why}", f"    location {location.nginx_match} {{"]
    lines += [f"        {directive}" for directive in location.nginx_directives]
    if location.sends_headers:
        lines.append(nginx_headers(location.headers()))
    lines.append("    }")
    return "\n".join(lines)


@dataclass
class Server:
    """What differs between the production server and a local one."""

    listen: list  # e.g. ["443 ssl", "[::]:443 ssl"]
    root: str
    server_name: str = "_"
    tls: dict = field(default_factory=dict)  # {"certificate": path, "key": path, "note": comment}
    brotli: bool = True
    access_log: str = PRODUCTION_ACCESS_LOG  # None: no log (access_log.py decides what one holds)


def locations(editor_origin=""):
    """LOCATIONS with the browser editor's own: /admin/ talks to the practice's git server."""
    editor = Location("/admin/", "The browser editor (Decap CMS): its own policy, here only; not indexed.",
                      csp=editor_content_security_policy(editor_origin), static_host_paths=("/admin/*",),
                      extra_headers=(("X-Robots-Tag", "noindex, nofollow"),))
    return [*LOCATIONS[:-1], editor, LOCATIONS[-1]]


def nginx_server(server, editor_origin=""):
    listen = "\n".join(f"    listen {address};" for address in server.listen)
    tls = ""
    if server.tls:
        note = server.tls.get("note", "")
        tls = (f"    ssl_certificate     {server.tls['certificate']};{note}\n"
               f"    ssl_certificate_key {server.tls['key']};{note}\n"
               "    ssl_protocols TLSv1.2 TLSv1.3;\n")
    brotli = "    brotli_static on;\n" if server.brotli else ""
    blocks = "\n\n".join(nginx_location(location) for location in locations(editor_origin))
    return f"""server {{
{listen}
    server_name {server.server_name};
{tls}    root {server.root};
    index index.html;
    charset utf-8;
    absolute_redirect off;
    server_tokens off;
{server_logging(server.access_log)}

    # Precompressed siblings (.br, .gz) written by the build are sent as they are;
    # gzip_vary tells caches that the answer depends on Accept-Encoding.
    gzip_static on;
{brotli}    gzip_vary on;

    error_page 404 /404.html;

{booking_location(nginx_headers(BOOKING_HEADERS))}

{blocks}
}}
"""


def nginx_redirect_server(listen, host):
    """Plain HTTP: a redirect to the one HTTPS origin (never to the Host the client sent)."""
    addresses = "\n".join(f"    listen {address};" for address in listen)
    return f"""server {{
{addresses}
    server_name {host};
    server_tokens off;
{server_logging(PRODUCTION_ACCESS_LOG)}
    return 301 https://{host}$request_uri;
}}
"""


def nginx_site_config(host=PLACEHOLDER_HOST, root=SITE_ROOT, http_port=80, https_port=443,
                      certificate=None, key=None, ipv4="", ipv6="[::]", editor_origin=""):
    """deploy/nginx.conf: the production site (HTTPS on IPv4 and IPv6, a redirect from HTTP).

    The tests run it on other ports and addresses (ipv4="127.0.0.1:", ipv6="[::1]")."""
    tls = {"certificate": certificate or CERTIFICATE.format(host=host),
           "key": key or CERTIFICATE_KEY.format(host=host),
           "note": "" if certificate else "  # placeholder"}
    https = nginx_server(Server([f"{ipv4}{https_port} ssl", f"{ipv6}:{https_port} ssl"], root, host, tls),
                         editor_origin)
    http = nginx_redirect_server([f"{ipv4}{http_port}", f"{ipv6}:{http_port}"], host)
    return f"""# Uplift site: nginx configuration. GENERATED by `invoke deploy-config` from
# plugins/security_headers/policy.py; edit that file, not this one.
#
# Install as /etc/nginx/sites-enabled/uplift.conf on Debian with the packages
# nginx and libnginx-mod-http-brotli-static. The site is published to
# /srv/uplift/releases/<time>/ and /srv/uplift/current points at the live one.
# Remove Debian's default site (sites-enabled/default): it logs full addresses.

{log_maps()}

{http}
{https}"""


def nginx_local_config(port, root, scratch, brotli_module=None, access_log=None, editor_origin=""):
    """A complete nginx.conf serving `root` on 127.0.0.1:`port`, run in the foreground;
    the access log (production's format) goes to `access_log` if given."""
    load = f"load_module {brotli_module};\n" if brotli_module else ""
    server = nginx_server(Server([f"127.0.0.1:{port}"], root, brotli=bool(brotli_module),
                                 access_log=access_log), editor_origin)
    return f"""{load}worker_processes 1;
daemon off;
pid {scratch}/nginx.pid;
error_log stderr warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
{log_maps("    ")}
    client_body_temp_path {scratch}/body;
    proxy_temp_path {scratch}/proxy;
    fastcgi_temp_path {scratch}/fastcgi;
    uwsgi_temp_path {scratch}/uwsgi;
    scgi_temp_path {scratch}/scgi;
    sendfile on;
{server}}}
"""


def static_host_headers(immutable_paths=(), editor_origin=""):
    """`_headers` for Cloudflare Pages and Netlify, from the same locations.

    Static hosts match paths with `*` only, not regexes: the build passes the
    hashed files it wrote (immutable_paths) and each gets its own rule. A path
    matching several rules gets the headers of all; `! Name` (Cloudflare Pages)
    first drops the value a broader rule set, so one policy is sent, not two."""
    blocks = []
    for location in reversed(locations(editor_origin)):  # the broadest rule first, then specific ones
        for path in location.static_host_paths:
            lines = [path]
            if path != "/*":
                lines += ["  ! Content-Security-Policy", "  ! Cache-Control"]
                lines += [f"  {name}: {location.headers()[name]}"
                          for name in ("Content-Security-Policy", "Cache-Control")]
                lines += [f"  {name}: {value}" for name, value in location.extra_headers]
            else:
                lines += [f"  {name}: {value}" for name, value in location.headers().items()]
            blocks.append("\n".join(lines))
    for path in immutable_paths:
        blocks.append(f"{path}\n  ! Cache-Control\n  Cache-Control: {CACHE_FOREVER}")
    return "\n".join(blocks) + "\n"
