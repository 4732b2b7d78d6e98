"""`_headers` for static hosts (Cloudflare Pages, Netlify), from the one header source.

With WRITE_HOST_HEADERS on (production), the build writes `_headers` at the root
of the output, rendered by uplift.server from the same data as nginx.conf.
"""

import re
from pathlib import Path

from pelican import signals

from uplift.editor.config import backend_origin
from uplift.server.config import static_host_headers
from uplift.server.headers import HASHED_THEME_FILE


def hashed_paths(output):
    """Site paths of the content-hashed theme files in a build (cached for a year)."""
    pattern = re.compile(HASHED_THEME_FILE)
    paths = ("/" + path.relative_to(output).as_posix() for path in Path(output).rglob("*") if path.is_file())
    return sorted(path for path in paths if pattern.match(path))


def write_host_headers(pelican):
    if pelican.settings["WRITE_HOST_HEADERS"]:
        text = static_host_headers(hashed_paths(pelican.output_path),
                                   backend_origin(pelican.settings["EDITOR_BACKEND"]))
        (Path(pelican.output_path) / "_headers").write_text(text, encoding="utf-8")


def register():
    # Connected after the assets' finalized handler, so the hashed names exist when
    # `_headers` is written.
    signals.finalized.connect(write_host_headers)
