"""Topic hubs over a real build of the fixture site: vocabulary, pages, index, strictness."""

import re
from pathlib import Path

import pytest

from tests.helpers import FIXTURE_CONTENT, BuiltSite, build_fixture_site
from uplift.checks.topics import load_topics

TOPICS, _ = load_topics(FIXTURE_CONTENT / "topics")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("topics")
    result = build_fixture_site(tmp, {})
    assert result.returncode == 0, result.stderr
    return BuiltSite(tmp / "output", result)


def article_topics(site):
    """{article URL: [topic URLs]} read from each built article's topic links."""
    result = {}
    for card in site.soup("/archives/").select(".archive-list a"):
        soup = site.soup(card["href"])
        result[card["href"]] = [a["href"] for a in soup.select(".article__header .topic-links a")]
    return result


def test_the_vocabulary_reads_every_topic_file_complete():
    assert [topic.slug for topic in TOPICS] == ["communication", "parenthood", "trust-and-repair"]
    for topic in TOPICS:
        assert topic.description and topic.intro_html.count("<p>") >= 2, topic.name


def test_every_topic_page_has_its_intro_and_exactly_its_articles(site):
    tagged = article_topics(site)
    for topic in TOPICS:
        url = f"/topics/{topic.slug}/"
        expected = {article for article, topics in tagged.items() if url in topics}
        if not expected:
            assert not site.path(url).exists(), f"{url} is written without articles"
            continue
        soup = site.soup(url)
        intro = soup.select_one(".topic-intro").get_text(" ", strip=True)
        first_sentence = re.sub(r"<[^>]+>", "", topic.intro_html).split(".")[0]
        assert first_sentence in intro
        listed = {a["href"] for a in soup.select("#topic-articles-heading ~ .cards .card__title a")}
        assert listed == expected, url
        assert soup.select_one("section.cta")
        feed = soup.select_one('link[rel="alternate"][href*="/feeds/topics/"]')["href"]
        assert site.path(feed).is_file()
        assert soup.select_one(f'.feed-link a[href="{feed}"]')


def test_start_here_and_related_topics(site):
    soup = site.soup("/topics/trust-and-repair/")
    assert soup.select_one(".start-here a")["href"] == "/second-post/"
    related = [a.get_text() for a in soup.select("#related-topics-heading ~ .topic-list a")]
    assert related == ["Communication"]  # shares the second post; Parenthood has none


def test_topics_index_counts_and_describes_topics_with_articles(site):
    tagged = article_topics(site)
    rows = site.soup("/topics/").select(".topic-list li")
    shown = {}
    for row in rows:
        href = row.a["href"]
        shown[href] = int(row.select_one(".topic-list__count").get_text().split()[0])
        assert row.select_one(".topic-list__description").get_text(strip=True)
    expected = {}
    for topics in tagged.values():
        for url in topics:
            expected[url] = expected.get(url, 0) + 1
    assert shown == expected


def test_topics_without_articles_are_neither_written_nor_linked(site):
    empty = [t for t in TOPICS if not site.path(f"/topics/{t.slug}/").exists()]
    assert empty, "the fixture expects at least one topic without articles"
    for page in site.html_files():
        html = page.read_text(encoding="utf-8")
        for topic in empty:
            assert f"/topics/{topic.slug}/" not in html, f"{page} links {topic.slug}"


def test_writer_tags_are_matched_by_alias_case_and_spacing(tmp_path):
    post = ("Title: Alias post\nDate: 2025-11-01 09:00\nTags: TALKING, PARENTS,  betrayal \n"
            "Summary: A post whose tags use aliases, capitals and hyphens to name topics of the site.\n\n"
            "Body text.\n")
    result = build_fixture_site(tmp_path, {"articles/alias-post.md": post})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "output" / "alias-post" / "index.html").read_text()
    for slug in ("communication", "parenthood", "trust-and-repair"):
        assert f'href="/topics/{slug}/"' in html
    assert not (tmp_path / "output" / "topics" / "talking").exists()


def test_unknown_tag_stops_the_build_with_did_you_mean(tmp_path):
    post = ("Title: Typo post\nDate: 2025-11-01 09:00\nTags: comunication, trust\n"
            "Summary: A post with a typo in one tag, and a summary long enough for the rules.\n\nBody.\n")
    result = build_fixture_site(tmp_path, {"articles/typo-post.md": post})
    assert result.returncode != 0
    assert "articles/typo-post.md:3: 'comunication' is not one of the site's topics. " \
           "Did you mean 'Communication'?" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_topic_file_missing_its_description_stops_the_build(tmp_path):
    topic = "Title: Jealousy\nAliases: envy\n\nAn introduction.\n"
    result = build_fixture_site(tmp_path, {"topics/jealousy.md": topic})
    assert result.returncode != 0
    assert "topics/jealousy.md:1: the topic has no Description." in result.stderr


def test_topic_pages_paginate_past_ten_articles_with_clean_urls(tmp_path):
    posts = {
        f"articles/post-{n:02d}.md": (
            f"Title: Post {n}\nDate: 2025-06-{n:02d} 09:00\nTags: parenthood\n"
            "Summary: A numbered post used to fill more than one page of a topic, for pagination.\n"
            "\nBody.\n")
        for n in range(1, 12)
    }
    result = build_fixture_site(tmp_path, posts)
    assert result.returncode == 0, result.stderr
    output = Path(tmp_path / "output" / "topics" / "parenthood")
    first = (output / "index.html").read_text()
    second = (output / "page" / "2" / "index.html").read_text()
    assert first.count('class="card"') == 10 and second.count('class="card"') == 1
    assert 'href="/topics/parenthood/page/2/"' in first
    assert 'href="/topics/parenthood/"' in second
    assert "topic-intro" in first and "topic-intro" not in second
