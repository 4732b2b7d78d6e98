"""Reading time and a section outline for every article and page.

Both are derived from the rendered HTML once, after the generators have read
every file, so templates only print them:

    article.reading_minutes  whole minutes, at least 1
    article.outline          [(heading id, heading text), ...] for each <h2>

Section headings (<h2>, <h3>) get their ids as each post is read
(uplift.content.markdown.add_heading_ids, called by the reader), so the live
preview's content cache keeps them.
"""

import math
import re

from pelican import signals

from uplift.content.markdown import plain_text

_WORD = re.compile(r"[\w’'-]+")
_H2 = re.compile(r'<h2[^>]*\bid="([^"]+)"[^>]*>(.*?)</h2>', re.S)


def reading_minutes(fragment, words_per_minute=220):
    """Minutes an unhurried reader needs, rounded up, never less than one."""
    words = len(_WORD.findall(plain_text(fragment)))
    return max(1, math.ceil(words / words_per_minute))


def section_outline(fragment):
    """(id, text) for each second-level heading that has an id, in order."""
    return [(anchor, " ".join(plain_text(inner).split())) for anchor, inner in _H2.findall(fragment)]


def annotate(contents, words_per_minute):
    for content in contents:
        html = content.content
        content.reading_minutes = reading_minutes(html, words_per_minute)
        content.outline = section_outline(html)


def annotate_articles(generator):
    annotate(generator.articles + generator.drafts + generator.hidden_articles,
             generator.settings["READING_WORDS_PER_MINUTE"])


def annotate_pages(generator):
    annotate(generator.pages + generator.hidden_pages + generator.draft_pages,
             generator.settings["READING_WORDS_PER_MINUTE"])


def register():
    signals.article_generator_finalized.connect(annotate_articles)
    signals.page_generator_finalized.connect(annotate_pages)
