"""The preview server: serves output/, rebuilds on save, refreshes the browser.

- Saves are seen as they happen (watchfiles: inotify, no polling). A saved
  article or page is read and written alone with the site's state kept warm in
  this process (PreviewBuilder.render_saved), and the open tab that shows it is
  told at once; everything else (home, topic pages, feeds, search) follows in a
  complete build in the background, and a tab reloads again only if its own
  page changed. New, renamed and deleted files rebuild every page first, so
  none links to a lost file; a change to the design (theme, code, settings)
  rebuilds everything and reloads every tab.
- The refresh is a small script of the preview's own (`/_preview/reload.js`,
  an external file: the site's policy allows no inline script) listening to
  Server-Sent Events (`/_preview/events`): "reload" when its page's text
  changed (the tab swaps in the new body, nothing else is asked again),
  "design" when the theme or code did (the tab reloads). It is added to the site's HTML
  pages only, never to the editor (/admin/), which saves would otherwise reload
  under the writer's hands.
- Quiet: requests are not logged, so a missing page is never taken for a
  problem of the build; only the build reports problems.
- A file with a precompressed sibling (the editor's bundle: .gz, .br) is sent
  compressed when the browser accepts it.
- Only requests for the preview's own address (Host 127.0.0.1:PORT or
  localhost:PORT) are answered: another site cannot reach it by pointing its
  own name at this computer (DNS rebinding).
- With `editor_api`, `/api/v1` passes the browser editor's file requests to
  decap-server on its private port, confined to the content folder (proxy.py).
- A second start says in one line where the preview already runs, instead of
  a traceback about an address in use.
"""

import errno
import fcntl
import hashlib
import http.server
import json
import mimetypes
import os
import posixpath
import queue
import signal
import socket
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import watchfiles

from uplift.editor.config import CHECK_URL

from . import entry_check as entry_checks
from . import proxy
from .builder import MOVED, PreviewBuilder

RELOAD_SCRIPT = "/_preview/reload.js"
EVENTS = "/_preview/events"
SCRIPT_TAG = f'<script src="{RELOAD_SCRIPT}" defer></script>'.encode()
TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm",
         ".json": "application/json", ".webmanifest": "application/manifest+json",
         ".xml": "application/xml", ".svg": "image/svg+xml", ".txt": "text/plain",
         ".html": "text/html", ".css": "text/css", ".yml": "text/yaml", ".pf_meta": "application/octet-stream"}
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
MAX_API_BODY = 60 * 1024 * 1024  # an image upload, base64-encoded


class AlreadyRunning(RuntimeError):
    """The preview (or another program) already serves the address; str() says so plainly."""


def claim(lock_path, host, port):
    """Hold a lock for as long as this process previews; refuse a second preview."""
    lock_path = Path(lock_path)
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path, "a+")  # noqa: SIM115 (held, locked, for as long as the preview runs)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.seek(0)
        where, _, process = handle.read().strip().partition(" ")
        handle.close()
        raise AlreadyRunning(f"The preview is already running at {where or f'http://{host}:{port}/'} "
                             f"{process}: open that address, or stop it (Ctrl-C in its terminal) "
                             "before starting another.".replace("  ", " ")) from None
    try:
        claim_port(host, port, "the preview", "--port")
    except AlreadyRunning:
        handle.close()
        raise
    handle.seek(0)
    handle.truncate()
    handle.write(f"http://{host}:{port}/ (process {os.getpid()})")
    handle.flush()
    return handle


def claim_port(host, port, what, option):
    """Refuse, in one line, a port another program already listens on."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise AlreadyRunning(f"Another program already uses http://{host}:{port}/ . Stop it, or "
                                     f"start {what} on another port ({option} {port + 1}).") from None
            raise


def private_port(host):
    """A free port for a helper only this process talks to (never announced)."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def stop_on_sigterm():
    """SIGTERM (a service manager, a test, `kill`) stops the preview like Ctrl-C does."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


@dataclass(frozen=True)
class EditorApi:
    """decap-server at 127.0.0.1:port, reading and writing under `root` (the project); the
    browser may reach only the files under `content`."""
    port: int
    root: Path
    content: Path


def output_file(output, url_path):
    """The file of `output` a URL path names (a folder's index.html), or None."""
    relative = posixpath.normpath(unquote(url_path)).lstrip("/")
    if relative.startswith("..") or "\0" in relative:
        return None
    target = Path(output) / relative
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def _digest(path):
    try:
        return hashlib.sha1(path.read_bytes()).hexdigest() if path else None
    except OSError:
        return None


class Tabs:
    """The open tabs listening for a refresh, each with the page it shows."""

    def __init__(self, output):
        self.output = Path(output)
        self.lock = threading.Condition()
        self.listening = {}  # queue -> (URL path, digest of its file when the tab was last told)
        self.joined = 0  # how many times a tab started listening (a reloaded tab listens again)

    def join(self, page):
        tab = queue.SimpleQueue()
        with self.lock:
            self.listening[tab] = (page, _digest(output_file(self.output, page)))
            self.joined += 1
            self.lock.notify_all()
        return tab

    def reloaded(self, since, told, seconds=2.0):
        """Wait (at most `seconds`) until the `told` tabs listen again, reloaded: until then a
        build beside them would only slow their reload down."""
        with self.lock:
            self.lock.wait_for(lambda: self.joined - since >= told, timeout=seconds)

    def leave(self, tab):
        with self.lock:
            self.listening.pop(tab, None)

    def pages_changed(self):
        """Tell each tab whose page is now different; returns how many were told."""
        told = 0
        with self.lock:
            for tab, (page, before) in list(self.listening.items()):
                now = _digest(output_file(self.output, page))
                if now != before:
                    self.listening[tab] = (page, now)
                    tab.put("reload")
                    told += 1
        return told

    def reload_all(self):
        """Tell every tab to load its page afresh, style sheets and all (the design changed)."""
        with self.lock:
            for tab in self.listening:
                tab.put("design")

    def count(self):
        with self.lock:
            return len(self.listening)


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True  # tabs listening for a refresh do not keep the preview running

    def __init__(self, host, port, output, admin, editor_api=None, entry_check=None):
        self.output = Path(output)
        self.admin = admin  # the editor's URL prefix: no refresh script there
        self.hosts = {f"{host}:{port}", f"localhost:{port}", f"127.0.0.1:{port}"}
        self.origins = {f"http://{name}" for name in self.hosts}
        self.editor_api = editor_api
        self.entry_check = entry_check  # body -> (status, answer): the checker on an entry as typed
        self.tabs = Tabs(output)
        self.reload_script = (resources.files("uplift.preview") / "static" / "reload.js").read_bytes()
        super().__init__((host, port), PreviewHandler)

    def handle_error(self, request, client_address):
        pass  # a tab closed mid-answer is no news for the writer


class PreviewHandler(http.server.BaseHTTPRequestHandler):
    server_version = "UpliftPreview"
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass  # quiet: a request is not a problem of the build (and is not reported as one)

    # --- answers ------------------------------------------------------------------------

    def answer(self, status, body=b"", content_type="text/plain; charset=utf-8", headers=(), head=False):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if not any(name == "ETag" for name, _ in headers):
            self.send_header("Cache-Control", "no-store")
        else:
            self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def own_host(self):
        if self.headers.get("Host", "") in self.server.hosts:
            return True
        self.answer(403, b"This preview answers only at its own address, "
                         + sorted(self.server.origins)[0].encode() + b"/\n")
        return False

    def do_HEAD(self):
        self.do_GET(head=True)

    def do_GET(self, head=False):
        if not self.own_host():
            return
        path = urlsplit(self.path).path
        if path == RELOAD_SCRIPT:
            return self.answer(200, self.server.reload_script, "text/javascript; charset=utf-8", head=head)
        if path == EVENTS:
            return self.events()
        if path.startswith("/api/"):
            return self.answer(405, b"The editor's API takes POST requests only.\n", head=head)
        self.static(path, head)

    def do_POST(self):
        if not self.own_host():
            return
        path = urlsplit(self.path).path
        if path == CHECK_URL and self.server.entry_check is not None:
            return self.check_request(self.server.entry_check)
        if path != "/api/v1" or self.server.editor_api is None:
            return self.answer(404, b"Not found.\n")
        self.editor_request(self.server.editor_api)

    # --- the site's files -------------------------------------------------------------

    def static(self, path, head):
        relative = posixpath.normpath(unquote(path)).lstrip("/")
        if (self.server.output / relative).is_dir() and not path.endswith("/") and relative != ".":
            return self.answer(301, headers=[("Location", path + "/")], head=head)
        target = output_file(self.server.output, path)
        if target is None:
            missing = self.server.output / "404.html"
            body = missing.read_bytes() if missing.is_file() else b"Not found.\n"
            kind = "text/html; charset=utf-8" if missing.is_file() else "text/plain; charset=utf-8"
            return self.answer(404, self.with_reload(body, path) if missing.is_file() else body, kind,
                               head=head)
        kind = TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/json", "application/xml",
                                                "application/manifest+json"):
            kind += "; charset=utf-8"
        headers = [("Vary", "Accept-Encoding")]
        if kind.startswith("text/html"):
            return self.answer(200, self.with_reload(target.read_bytes(), path), kind, headers, head)
        # Anything else is asked again on a reload but sent again only when it changed.
        stat = target.stat()
        tag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
        if self.headers.get("If-None-Match") == tag:
            return self.answer(304, headers=[("ETag", tag)], head=True)
        headers += [("ETag", tag)]
        accepted = {part.split(";")[0].strip() for part in self.headers.get("Accept-Encoding", "").split(",")}
        for encoding, suffix in ENCODINGS:
            sibling = target.with_name(target.name + suffix)
            if encoding in accepted and sibling.is_file():
                return self.answer(200, sibling.read_bytes(), kind,
                                   [*headers, ("Content-Encoding", encoding)], head)
        self.answer(200, target.read_bytes(), kind, headers, head)

    def with_reload(self, html, path):
        """The site's HTML with the refresh script; the editor's page as it is."""
        if path.startswith(self.server.admin):
            return html
        at = html.rfind(b"</head>")
        return html[:at] + SCRIPT_TAG + html[at:] if at >= 0 else html + SCRIPT_TAG

    # --- the refresh ------------------------------------------------------------------

    def events(self):
        page = parse_qs(urlsplit(self.path).query).get("page", ["/"])[0]
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        tab = self.server.tabs.join(page)
        try:
            self.wfile.write(b"retry: 500\n\n")
            self.wfile.flush()
            while True:
                try:
                    message = tab.get(timeout=10)
                except queue.Empty:
                    self.wfile.write(b": still here\n\n")  # finds tabs closed since
                    self.wfile.flush()
                    continue
                self.wfile.write(f"event: {message}\ndata: {page}\n\n".encode())
                self.wfile.flush()
                return  # the tab reloads, and listens again from its new page
        except OSError:
            return
        finally:
            self.server.tabs.leave(tab)

    # --- the editor's API -------------------------------------------------------------

    def json_body(self):
        """The body of a JSON request from the editor's own page, or None (refused, answered)."""
        origin = self.headers.get("Origin")
        if origin is not None and origin not in self.server.origins:
            return self.refuse("requests from another site are refused")
        content_type = self.headers.get("Content-Type", "")
        if not content_type.startswith("application/json"):
            return self.refuse("the editor sends JSON")
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return self.refuse("the request has no length")
        if not 0 <= length <= MAX_API_BODY:
            return self.refuse("the request is too large")
        return self.rfile.read(length)

    def check_request(self, entry_check):
        body = self.json_body()
        if body is not None:
            status, answer = entry_check(body)
            self.answer(status, json.dumps(answer).encode(), "application/json")

    def editor_request(self, api):
        body = self.json_body()
        if body is None:
            return
        content_type = self.headers.get("Content-Type", "")
        try:
            request = proxy.check(body, api.root, api.content)
        except proxy.Refused as refused:
            return self.refuse(str(refused))
        try:
            status, kind, answer = proxy.forward(api.port, body, content_type, api.root, api.content,
                                                 request["action"])
        except OSError:
            return self.answer(502, b'{"error": "The editor\'s local proxy is not answering."}',
                               "application/json")
        self.answer(status, answer, kind)

    def refuse(self, why):
        self.answer(403, json.dumps({"error": f"Refused: {why}."}).encode(), "application/json")
        return None


def _roots(patterns):
    """The folders and files to watch for design changes (a glob's folder before its first `*`)."""
    roots = []
    for pattern in patterns:
        text = str(pattern)
        folder = text.split("*", 1)[0].rstrip("/") if "*" in text else text
        if folder and Path(folder).exists():
            roots.append(Path(folder).resolve())
    return roots


def _under(path, roots):
    return any(path == root or path.is_relative_to(root) for root in roots)


def _scratch(path):
    """An editor's scratch file (vim's 4913, .swp, backups, lock files): no change to the site."""
    name = path.name
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")) or name.isdigit()


def rebuild(builder, tabs, changes, content_folder, design_roots):
    """What one batch of file-system events needs; the tabs whose page changed are told."""
    paths = {Path(path).resolve() for _, path in changes}
    if any(_under(path, design_roots) for path in paths):
        builder.full_build()
        builder.warm_up()
        tabs.reload_all()  # a style sheet may have changed while the HTML did not
        return
    paths = {path for path in paths if _under(path, [content_folder]) and not _scratch(path)}
    if not paths:
        return
    saved = [path for path in sorted(paths) if path.is_file()]
    written = [] if any(not path.exists() for path in paths) else [builder.render_saved(path) for path in saved]
    if len(written) != len(saved) or MOVED in written:
        # Deleted, renamed, or at another address now: every page again, so that none links to a
        # lost address, before any tab is told.
        builder.full_build(index=False)
        builder.warm_up()
    elif not all(written):
        builder.quick_build([str(path) for path in saved])
    since = tabs.joined
    tabs.reloaded(since, tabs.pages_changed())
    builder.full_build(wait=False)  # the rest of the site, feeds and search, in the background


def serve(settings_file, host, port, output, cache, content=None, watch_design=(), announce=None,
          settings=None, editor_api=None):
    """Build, then serve `output` at host:port, rebuilding on every save until interrupted.

    watch_design: folders, files or globs whose changes need a complete build (theme, code).
    announce: called once the first build is done (to print addresses).
    settings: overrides for every build (the browser editor's local proxy).
    editor_api: an EditorApi: `/api/v1` passes the editor's requests to it."""
    lock = claim(Path(cache) / "preview.lock", host, port)
    stop_on_sigterm()
    builder = PreviewBuilder(settings_file, content=content, output=output, cache=cache,
                             origin=f"http://{host}:{port}", settings=settings)
    content_folder = Path(content or builder.content_folder()).resolve()
    design_roots = _roots(watch_design)
    server = None
    try:
        builder.full_build()
        builder.warm_up()
        settings_now = builder.settings()

        def entry_check(body):  # the editor's preSave: the checker on an entry as typed
            return entry_checks.answer(body, settings_file, settings_now)

        server = PreviewServer(host, port, output, f"/{settings_now['EDITOR_PATH'].strip('/')}/", editor_api,
                               entry_check if editor_api is not None else None)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        if announce:
            announce()
        # Events grouped for 50 ms (one save may be several); every half second without any,
        # the background build is looked at: when it is done, tabs whose page changed reload.
        for changes in watchfiles.watch(content_folder, *design_roots, debounce=50, step=20,
                                        rust_timeout=500, yield_on_timeout=True):
            if changes:
                rebuild(builder, server.tabs, changes, content_folder, design_roots)
            if builder.background_done():
                server.tabs.pages_changed()
    finally:
        builder.stop_background()
        if server is not None:
            server.shutdown()
            server.server_close()
        lock.close()
