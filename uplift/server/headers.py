"""The one source of the site's HTTP headers, as data.

The production nginx.conf (`invoke deploy-config`), the configuration `invoke
nginx` runs, and the `_headers` file for static hosts (Cloudflare Pages,
Netlify) are all rendered from the data here by config.py's templates.

Headers differ by location (the search page runs WebAssembly, hashed assets
are cached for a year), so each location is one `Location` in LOCATIONS: its
nginx match, its `_headers` path, its Content-Security-Policy and its
Cache-Control. A new location with its own policy is a new entry there; the
browser editor's (/admin/) is added by `locations`, as it names the practice's
git server.
"""

from dataclasses import dataclass

from uplift.content import model

from .access_log import NO_STORE

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
# Uploaded files (the media and extra folders) are data, never code: opened on their own, an
# HTML page or an SVG drawing there runs nothing (sandbox: no script, no dialog, an opaque
# origin, so no reach into the editor's stored login), whatever slipped past the build's checks.
UPLOADS_CONTENT_SECURITY_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
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

# nginx's own answers, given before any location is chosen (400 for a malformed request, 414 for
# one too long, the redirect from plain HTTP): set on the server, they carry the same headers.
SERVER_HEADERS = {"Content-Security-Policy": CONTENT_SECURITY_POLICY, **SECURITY_HEADERS}

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


# Where uploaded files are served: content/images/ (with the copies made for phones), the
# documents of content/extra/, and the declared icons that extra/ puts at the site's root.
# "^~": no regex location may take these paths over.
UPLOADS = (
    Location("^~ /images/", "Uploaded pictures: shown by pages, never run as pages.",
             csp=UPLOADS_CONTENT_SECURITY_POLICY, nginx_directives=("try_files $uri =404;",),
             static_host_paths=("/images/*",)),
    Location("^~ /extra/", "Uploaded documents: opened or downloaded, never run as pages.",
             csp=UPLOADS_CONTENT_SECURITY_POLICY, nginx_directives=("try_files $uri =404;",),
             static_host_paths=("/extra/*",)),
    *(Location(f"= /{name}", "A declared icon from content/extra/: data, never run.",
               csp=UPLOADS_CONTENT_SECURITY_POLICY, nginx_directives=("try_files $uri =404;",),
               static_host_paths=(f"/{name}",))
      for name in model.EXTRA_FILES),
)

# In nginx, regex locations win over prefix ones; "=" and "^~" prefixes win over both.
LOCATIONS = [
    Location("= /404.html", "The not-found page, for every missing path.",
             nginx_directives=("internal;",)),
    Location("= /_headers", "The static hosts' header file is not a page.",
             nginx_directives=("return 404;",), sends_headers=False),
    Location(f'~ "{HASHED_THEME_FILE}"',
             "Content-hashed theme files (css/main.<hash>.css): cached for a year.",
             cache_control=CACHE_FOREVER, nginx_directives=("try_files $uri =404;",)),
    *UPLOADS,
    Location("/search/", "The search page runs Pagefind, which compiles WebAssembly.",
             csp=SEARCH_CONTENT_SECURITY_POLICY, static_host_paths=("/search/*",)),
    Location("/pagefind/", "Pagefind's own scripts and index, loaded by the search page.",
             csp=SEARCH_CONTENT_SECURITY_POLICY, static_host_paths=("/pagefind/*",)),
    Location("/", "Every other page and file; clean URLs: /slug/ is /slug/index.html.",
             static_host_paths=("/*",)),
]


def locations(editor_origin=""):
    """LOCATIONS with the browser editor's own: /admin/ talks to the practice's git server."""
    editor = Location("/admin/", "The browser editor (Decap CMS): its own policy, here only; not indexed.",
                      csp=editor_content_security_policy(editor_origin), static_host_paths=("/admin/*",),
                      extra_headers=(("X-Robots-Tag", "noindex, nofollow"),))
    return [*LOCATIONS[:-1], editor, LOCATIONS[-1]]
