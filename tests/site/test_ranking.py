from datetime import datetime
from types import SimpleNamespace

from uplift.site.ranking import group_by_topics, neighbours, related_articles


def article(name, day, *topics):
    tags = [SimpleNamespace(slug=t) for t in topics]
    return SimpleNamespace(name=name, date=datetime(2025, 1, day), tags=tags)


def names(articles):
    return [a.name for a in articles]


def test_related_ranks_by_shared_topics_then_recency():
    this = article("this", 1, "sex", "stress", "therapy")
    two_old = article("two-old", 2, "sex", "stress")
    two_new = article("two-new", 5, "sex", "therapy")
    one_newest = article("one-newest", 9, "therapy")
    three = article("three", 3, "sex", "stress", "therapy")
    unrelated = article("unrelated", 10, "parenting")
    groups = group_by_topics([this, two_old, two_new, one_newest, three, unrelated])
    assert names(related_articles(this, groups)) == ["three", "two-new", "two-old"]
    assert names(related_articles(this, groups, limit=5)) == [
        "three", "two-new", "two-old", "one-newest"]


def test_related_never_includes_the_article_itself_or_unrelated_posts():
    this = article("this", 1, "sex")
    twin = article("twin", 2, "sex")
    other = article("other", 3, "talk")
    groups = group_by_topics([this, twin, other])
    assert names(related_articles(this, groups)) == ["twin"]
    assert related_articles(article("lonely", 4), groups) == []


def test_related_within_one_topic_set_takes_the_newest():
    posts = [article(f"p{day}", day, "sex") for day in range(1, 10)]
    groups = group_by_topics(posts)
    assert names(related_articles(posts[0], groups)) == ["p9", "p8", "p7"]


def test_neighbours_of_a_newest_first_list():
    newest, middle, oldest = article("n", 3), article("m", 2), article("o", 1)
    assert neighbours([newest, middle, oldest]) == [(None, middle), (newest, oldest), (middle, None)]
