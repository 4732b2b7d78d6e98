"""Reading time and a section outline for every article and page.

Both are derived from the rendered HTML once, so templates only print them: the
word count and the outline as each post is read (reader.py keeps them with the
post, so a rebuild takes them from Pelican's content cache), the minutes after
the generators have read every file:

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


def word_count(fragment):
    return len(_WORD.findall(plain_text(fragment)))


def minutes(words, words_per_minute=220):
    """Minutes an unhurried reader needs, rounded up, never less than one."""
    return max(1, math.ceil(words / words_per_minute))


def reading_minutes(fragment, words_per_minute=220):
    return minutes(word_count(fragment), words_per_minute)


def section_outline(fragment):
    """(id, text) for each second-level heading that has an id, in order."""
    return [(anchor, " ".join(plain_text(inner).split())) for anchor, inner in _H2.findall(fragment)]


def annotate(contents, words_per_minute):
    for content in contents:
        if getattr(content, "reading_words", None) is None:  # not read by the site's reader
            html = content.content
            content.reading_words, content.outline = word_count(html), section_outline(html)
        content.reading_minutes = minutes(content.reading_words, words_per_minute)


def annotate_articles(generator):
    annotate(generator.articles + generator.drafts + generator.hidden_articles,
             generator.settings["READING_WORDS_PER_MINUTE"])


def annotate_pages(generator):
    annotate(generator.pages + generator.hidden_pages + generator.draft_pages,
             generator.settings["READING_WORDS_PER_MINUTE"])


def register():
    signals.article_generator_finalized.connect(annotate_articles)
    signals.page_generator_finalized.connect(annotate_pages)
