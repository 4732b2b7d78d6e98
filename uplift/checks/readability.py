"""A reading-level figure (Flesch-Kincaid grade) for information, never an error."""

import re
from functools import cache

import pyphen

from uplift.content.markdown import plain_text

_SENTENCE_END = re.compile(r"[.!?]+(\s|$)")
_WORD = re.compile(r"[A-Za-z][A-Za-z’']*")


@cache
def _dictionary():
    # Loading the hyphenation dictionary takes a while: only when a reading level is asked for.
    return pyphen.Pyphen(lang="en_US")


def syllables(word):
    return max(1, _dictionary().inserted(word.lower()).count("-") + 1)


def grade_level(html):
    """Flesch-Kincaid grade of a post's rendered text: roughly the US school year that reads it easily."""
    text = plain_text(html)
    words = _WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len(_SENTENCE_END.findall(text)))
    syllable_count = sum(syllables(word) for word in words)
    grade = 0.39 * len(words) / sentences + 11.8 * syllable_count / len(words) - 15.59
    return round(max(grade, 0.0), 1)
