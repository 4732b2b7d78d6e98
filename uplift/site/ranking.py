"""Pure functions for ranking related articles and finding neighbours.

Related articles are found without comparing every pair of articles. Articles
with the same set of topics form a group; they share their overlap with any
other article, so only the newest few of each group can ever be chosen, and
the ranking is computed once per group, not once per article. The cost grows
with the number of articles plus the square of the number of distinct topic
sets, which the vocabulary keeps small.
"""

import heapq
from collections import defaultdict
from operator import itemgetter


def topic_slugs(article):
    return frozenset(tag.slug for tag in getattr(article, "tags", None) or ())


def group_by_topics(articles):
    """{frozenset of topic slugs: [articles, newest first]}."""
    groups = defaultdict(list)
    for article in sorted(articles, key=lambda a: a.date, reverse=True):
        groups[topic_slugs(article)].append(article)
    return dict(groups)


def _ranked_candidates(own, groups, limit):
    """Up to limit + 1 candidates per sharing group, best first (self not yet excluded)."""
    candidates = []
    for group_topics, members in groups.items():
        shared = len(own & group_topics)
        if shared:
            candidates.extend((shared, other.date, other) for other in members[: limit + 1])
    # Only the best limit + 1 are ever used (one of them may be the article itself).
    best = heapq.nlargest(limit + 1, candidates, key=itemgetter(0, 1))
    return [other for _, _, other in best]


def related_articles(article, groups, limit=3, _ranking_cache=None):
    """Up to `limit` other articles, most shared topics first, then newest."""
    own = topic_slugs(article)
    if not own:
        return []
    cache = _ranking_cache if _ranking_cache is not None else {}
    if own not in cache:
        cache[own] = _ranked_candidates(own, groups, limit)
    return [other for other in cache[own] if other is not article][:limit]


def all_related(articles, limit=3):
    """{id(article): related articles} for a whole site, sharing work between groups."""
    groups, cache = group_by_topics(articles), {}
    return {id(a): related_articles(a, groups, limit, cache) for a in articles}


def neighbours(articles):
    """(newer, older) for each article of a newest-first list."""
    padded = [None, *articles, None]
    return [(padded[i - 1], padded[i + 1]) for i in range(1, len(padded) - 1)]
