"""Tags come from a controlled vocabulary of curated topic hubs.

Each file in content/topics/ defines one topic (see uplift.checks.topics for the
format). Before Pelican groups articles by tag, every tag an article gives is
matched to a topic by name, slug or alias, ignoring case and spacing, and
replaced by that topic's canonical tag. A tag that matches no topic, or a topic
file that is incomplete, is reported with the posts' problems, naming the file, the
line and the fix (a strict build then stops, listing every problem).

Templates receive `topics` ({slug: Topic}) with, for each topic that has
published articles: name, description, intro_html, start_here (an article or
None), articles (newest first) and related_topics.
"""

import os
from pathlib import Path

from pelican import signals
from pelican.urlwrappers import Category, Tag

from uplift.checks import values
from uplift.checks.topics import load_topics, match_tag, related_topics, term_index, unknown_tag_message
from uplift.content import Problem

from . import state
from .checking import add_problems
from .redirects import former_slugs


def give_default_category(generator, metadata):
    """Topics replace categories, but Pelican's draft writer needs one on every article
    (it only assigns DEFAULT_CATEGORY itself when category pages are written)."""
    if "category" not in metadata:
        metadata["category"] = Category(generator.settings["DEFAULT_CATEGORY"], generator.settings)


def canonical_tags(generator):
    """Replace writers' tags with the topics' canonical tags; report unknown ones."""
    settings = generator.settings
    folder = os.path.join(settings["PATH"], settings["TOPICS_PATH"])
    topics, problems = load_topics(folder, settings)
    index = term_index(topics)
    canonical = {topic.slug: Tag(topic.name, settings) for topic in topics}
    for topic, tag in zip(topics, canonical.values(), strict=False):
        tag.slug = topic.slug

    for article in generator.articles + generator.drafts + generator.hidden_articles:
        resolved = []
        source = article.content_source
        for tag in getattr(article, "tags", None) or []:
            topic = match_tag(tag.name, index)
            if topic is None and values.plain_text_problems("", tag.name):
                continue  # the invisible or look-alike character is named by the field checks
            if topic is None:
                problems.append(Problem(source.path, source.line_of("tags"),
                                        unknown_tag_message(tag.name, index)))
            elif canonical[topic.slug] not in resolved:
                resolved.append(canonical[topic.slug])
        article.tags = resolved
    add_problems(settings, problems)
    generator.topics = {topic.slug: topic for topic in topics}
    generator.context["topic_vocabulary"] = topics  # every topic, used or not (team specialties)


def attach_articles(generator):
    """Give each topic its articles, start-here article and related topics."""
    topics = getattr(generator, "topics", {})
    # A Start_here written before the article's slug changed still finds it (its Former_slugs).
    by_slug = {former: article for article in generator.articles for former in former_slugs(article)}
    by_slug.update({article.slug: article for article in generator.articles})
    for topic in topics.values():
        topic.articles = []
    for article in generator.articles:  # newest first, so each topic's list is too
        for tag in article.tags:
            topics[tag.slug].articles.append(article)
    for topic in topics.values():
        if topic.start_here_slug:
            topic.start_here = by_slug.get(topic.start_here_slug)
            if topic.start_here is not None and generator.settings["EDITOR_CHECKS"]:
                root = Path(generator.settings["PATH"])
                state.of(generator.settings).link(topic.start_here.relative_source_path,
                                                  Path(topic.source_path).resolve().relative_to(
                                                      root.resolve()).as_posix(),
                                                  f"the topic {topic.name} (its start-here article)")
            # A Start_here that is no slug at all is named once, by the field checks.
            refused = state.of(generator.settings).refused_slugs
            if topic.start_here is None and not values.slug_problem("", topic.start_here_slug) \
                    and topic.start_here_slug not in refused:
                add_problems(generator.settings, [Problem(topic.source_path, topic.start_here_line,
                                      f"Start_here names '{topic.start_here_slug}', which is not a "
                                      "published article. Use the Slug of a published article, or "
                                      "remove the line.")])
    limit = generator.settings["RELATED_TOPICS_LIMIT"]
    published = [topic for topic in topics.values() if topic.articles]
    for topic in published:
        topic.related_topics = related_topics(topic, published, limit)
    generator.context["topics"] = {topic.slug: topic for topic in published}


def register():
    signals.article_generator_context.connect(give_default_category)
    signals.article_generator_pretaxonomy.connect(canonical_tags)
    signals.article_generator_finalized.connect(attach_articles)
