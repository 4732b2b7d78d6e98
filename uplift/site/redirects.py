"""Addresses that moved: a published post's or page's Former_slugs lead to where it is now.

For each former slug the build writes a small page at the old address that sends the
reader on at once (it works on any server, straight after a publish, and names the
new address as canonical), and, in production (WRITE_HOST_HEADERS), the same moves as
permanent redirects: `_redirects` for static hosts and `redirects.nginx` for the site's
nginx.conf, which includes it from the live release. Clashes (a former slug that is
another page's slug now) are reported with the other slug problems (checking.py).
"""

from dataclasses import dataclass
from pathlib import Path

from pelican import signals

from uplift.content.templates import package_templates

from . import state
from .metadata import absolute

_TEMPLATES = package_templates("uplift.site", autoescape=True)
_TEXT_TEMPLATES = package_templates("uplift.site", autoescape=False)


@dataclass(frozen=True)
class Move:
    former: str  # "/old-slug/"
    to: str  # "/new-slug/"
    title: str


def former_slugs(item):
    """The slugs a post or page was published under before (its Former_slugs)."""
    source = getattr(item, "content_source", None)
    written = source.value("former_slugs") if source is not None else ""
    return [part.strip() for part in written.split(",") if part.strip()]


def moves(items):
    """A Move for each former slug of the published posts and pages `items`."""
    return [Move(f"/{former}/", "/" + item.url, item.title)
            for item in items for former in former_slugs(item) if former != item.slug]


def write_moves(pelican):
    settings = pelican.settings
    published = state.of(settings).published
    found = moves([*published.get("articles", []), *published.get("pages", [])])
    output = Path(pelican.output_path)
    page = _TEMPLATES.get_template("moved.html")
    for move in found:
        target = output / move.former.strip("/") / "index.html"
        if target.exists():  # another page's address now: reported as a problem before writing
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.render(lang=settings.get("DEFAULT_LANG", "en"), title=move.title, to=move.to,
                                      canonical=absolute(settings["SITE_ORIGIN"], move.to.lstrip("/"))),
                          encoding="utf-8")
    if settings["WRITE_HOST_HEADERS"]:
        for name in ("_redirects", "redirects.nginx"):
            (output / name).write_text(_TEXT_TEMPLATES.get_template(name).render(moves=found), encoding="utf-8")


def register():
    signals.finalized.connect(write_moves)
