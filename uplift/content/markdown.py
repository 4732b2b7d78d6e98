"""How a content file's text becomes HTML, and what is measured of that HTML.

The header is read by source.py; the body is rendered by Python-Markdown with
the site's MARKDOWN settings (markdown_converter). Section headings get stable
ids as each file is read (add_heading_ids), so links to sections, the table of
contents and the live preview's cache all see the same ids.
"""

import html
import re

from markdown import Markdown

from .slugs import slug

_TAG = re.compile(r"<[^>]+>")
_HEADING_TAG = re.compile(r"<(h[23])>(.*?)</\1>", re.S)
_ID = re.compile(r'\bid="([^"]+)"')


def markdown_converter(settings):
    """A Markdown converter with the site's MARKDOWN settings, for a body without its header.

    The meta extension is left out: the header is read by source.py, and a
    body paragraph that happens to start with "Note: ..." must stay text."""
    config = settings["MARKDOWN"]
    configs = {name: options for name, options in config.get("extension_configs", {}).items()
               if not name.endswith("meta")}
    names = [name for name in [*configs, *config.get("extensions", [])] if not str(name).endswith("meta")]
    return Markdown(extensions=list(dict.fromkeys(names)), extension_configs=configs,
                    output_format=config.get("output_format", "html5"))


def plain_text(fragment):
    """The readable text of an HTML fragment."""
    return html.unescape(_TAG.sub(" ", fragment))


def heading_slug(text):
    return slug(plain_text(text)) or "section"


def add_heading_ids(fragment):
    """Give every <h2> and <h3> without attributes a stable, unique id (for links to sections)."""
    used = set(_ID.findall(fragment))

    def with_id(match):
        tag, inner = match.groups()
        anchor, number = heading_slug(inner), 2
        while anchor in used:
            anchor, number = f"{heading_slug(inner)}-{number}", number + 1
        used.add(anchor)
        return f'<{tag} id="{anchor}">{inner}</{tag}>'

    return _HEADING_TAG.sub(with_id, fragment)
