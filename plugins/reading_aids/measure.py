"""Pure functions over rendered HTML."""

import html
import math
import re

from site_content import slug

_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[\w’'-]+")
_H2 = re.compile(r'<h2[^>]*\bid="([^"]+)"[^>]*>(.*?)</h2>', re.S)


def plain_text(fragment):
    """The readable text of an HTML fragment."""
    return html.unescape(_TAG.sub(" ", fragment))


def reading_minutes(fragment, words_per_minute=220):
    """Minutes an unhurried reader needs, rounded up, never less than one."""
    words = len(_WORD.findall(plain_text(fragment)))
    return max(1, math.ceil(words / words_per_minute))


_HEADING_TAG = re.compile(r"<(h[23])>(.*?)</\1>", re.S)


def heading_slug(text):
    return slug(plain_text(text)) or "section"


def add_heading_ids(fragment):
    """Give every <h2> and <h3> without attributes a stable, unique id (for links to sections)."""
    used = set(re.findall(r'\bid="([^"]+)"', fragment))

    def with_id(match):
        tag, inner = match.groups()
        anchor, number = heading_slug(inner), 2
        while anchor in used:
            anchor, number = f"{heading_slug(inner)}-{number}", number + 1
        used.add(anchor)
        return f'<{tag} id="{anchor}">{inner}</{tag}>'

    return _HEADING_TAG.sub(with_id, fragment)


def section_outline(fragment):
    """(id, text) for each second-level heading that has an id, in order."""
    return [(anchor, " ".join(plain_text(inner).split())) for anchor, inner in _H2.findall(fragment)]
