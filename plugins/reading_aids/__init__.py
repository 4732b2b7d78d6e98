"""reading_aids: reading time and a section outline for every article and page.

Both are derived from the rendered HTML once, after the generators have read
every file, so templates only print them:

    article.reading_minutes  whole minutes, at least 1
    article.outline          [(heading id, heading text), ...] for each <h2>

Section headings (<h2>, <h3>) get stable ids, like "why-intimacy-can-fade", from
add_heading_ids, which content_checks' reader calls as it reads each post
(so the live preview's content cache keeps them; cheaper than Markdown's toc
extension).

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


def register():
    signals.article_generator_finalized.connect(annotate_articles)
    signals.page_generator_finalized.connect(annotate_pages)
