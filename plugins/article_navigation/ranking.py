"""Pure functions for ranking related articles and finding neighbours.

Related articles are found without comparing every pair of articles: articles
with the same set of topics share their overlap with any other article, so
within such a group only the newest few can ever be chosen. The cost grows with
the number of articles times the number of distinct topic sets, not with the
square of the number of articles.
"""

from collections import defaultdict


def topic_slugs(article):
    return frozenset(tag.slug for tag in getattr(article, "tags", None) or ())


def group_by_topics(articles):
    """{frozenset of topic slugs: [articles, newest first]}."""
    groups = defaultdict(list)
    for article in sorted(articles, key=lambda a: a.date, reverse=True):
        groups[topic_slugs(article)].append(article)
    return dict(groups)


def related_articles(article, groups, limit=3):
    """Up to `limit` other articles, most shared topics first, then newest."""
    own = topic_slugs(article)
    candidates = []
    for group_topics, members in groups.items():
        shared = len(own & group_topics)
        if not shared:
            continue
        others = (other for other in members if other is not article)
        for _, other in zip(range(limit), others):
            candidates.append((shared, other.date, other))
    candidates.sort(key=lambda c: (c[0], c[1]), reverse=True)
    return [other for _, _, other in candidates[:limit]]


def neighbours(articles):
    """(newer, older) for each article of a newest-first list."""
    padded = [None, *articles, None]
    return [(padded[i - 1], padded[i + 1]) for i in range(1, len(padded) - 1)]
