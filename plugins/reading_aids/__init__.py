"""reading_aids: reading time and a section outline for every article and page.

Both are derived from the rendered HTML once, after the generators have read
every file, so templates only print them:

    article.reading_minutes  whole minutes, at least 1
    article.outline          [(heading id, heading text), ...] for each <h2>

Section headings (<h2>, <h3>) get stable ids, like "why-intimacy-can-fade".

Settings:
    READING_WORDS_PER_MINUTE (int, default 220): an unhurried adult reading pace.
"""

from pelican import signals

from .measure import add_heading_ids, reading_minutes, section_outline

__all__ = ["register", "add_heading_ids", "reading_minutes", "section_outline"]


def annotate(contents, words_per_minute):
    for content in contents:
        html = content.content
        content.reading_minutes = reading_minutes(html, words_per_minute)
        content.outline = section_outline(html)


def annotate_articles(generator):
    pace = generator.settings.get("READING_WORDS_PER_MINUTE", 220)
    annotate(generator.articles + generator.drafts + generator.hidden_articles, pace)


def annotate_pages(generator):
    pace = generator.settings.get("READING_WORDS_PER_MINUTE", 220)
    annotate(generator.pages + generator.hidden_pages + generator.draft_pages, pace)


def give_headings_ids(content):
    """Section headings get ids as each post is read (cheaper than Markdown's toc extension)."""
    html = getattr(content, "_content", None)
    if html and ("<h2>" in html or "<h3>" in html):
        content._content = add_heading_ids(html)


def register():
    signals.content_object_init.connect(give_headings_ids)
    signals.article_generator_finalized.connect(annotate_articles)
    signals.page_generator_finalized.connect(annotate_pages)
