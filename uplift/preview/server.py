"""The preview server: serves output/, rebuilds on save, refreshes the browser.

Built on livereload (its server injects the small script that refreshes the
page). What it adds for writers:

- adding, renaming and deleting files rebuilds cleanly (livereload calls the
  task without the changed paths then);
- every save refreshes the browser, however quickly the next one follows
  (livereload would skip a refresh within seconds of the last one);
- a second start says in one line where the preview already runs, instead of
  a traceback about an address in use.
"""

import errno
import fcntl
import os
import signal
import socket
from pathlib import Path

from livereload import Server
from livereload.handlers import LiveReloadHandler

from .builder import PreviewBuilder


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


def stop_on_sigterm():
    """SIGTERM (a service manager, a test, `kill`) stops the preview like Ctrl-C does."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def serve(settings_file, host, port, output, cache, content=None, watch_design=(), announce=None,
          settings=None):
    """Build, then serve `output` at host:port, rebuilding on every save until interrupted.

    watch_design: folders or globs whose changes need a complete build (theme, the site code).
    announce: called once the first build is done (to print addresses).
    settings: overrides for every build (the browser editor's local proxy)."""
    lock = claim(Path(cache) / "preview.lock", host, port)
    stop_on_sigterm()
    builder = PreviewBuilder(settings_file, content=content, output=output, cache=cache,
                             origin=f"http://{host}:{port}", settings=settings)
    content_folder = Path(content or builder.content_folder())
    try:
        builder.full_build()
        builder.warm_up()

        def content_saved(changed_paths=None):
            # livereload passes the changed files, or nothing when one was deleted
            # or renamed: then every page is rebuilt, so none links to a lost file.
            existing = [path for path in changed_paths or [] if os.path.isfile(path)]
            if changed_paths is None or len(existing) != len(changed_paths):
                builder.full_build(index=False)
            else:
                builder.quick_build(existing)
            builder.full_build(wait=False)

        def design_changed(changed_paths=None):
            builder.full_build()

        # Refresh the browser after every rebuild, however soon after the last one.
        LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
        server = Server()
        server.watch(str(content_folder / "**" / "*"), content_saved)
        for pattern in watch_design:
            server.watch(str(pattern), design_changed)
        if announce:
            announce()
        server.serve(host=host, port=port, root=str(output), open_url_delay=None)
    finally:
        builder.stop_background()
        lock.close()
