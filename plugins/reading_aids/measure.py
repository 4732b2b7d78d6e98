"""Pure functions over rendered HTML."""

import html
import math
import re

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


def section_outline(fragment):
    """(id, text) for each second-level heading that has an id, in order."""
    return [(anchor, " ".join(plain_text(inner).split())) for anchor, inner in _H2.findall(fragment)]
