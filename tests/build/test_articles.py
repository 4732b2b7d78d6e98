"""The two seed articles are built faithfully, with their topic pages."""

import re
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"

# Scraped site chrome that belongs to the old site, not to the articles.
SCRAPED_CHROME = {"Contact us", "Next", "When Others Struggle to Understand Your Trauma"}

ARTICLES = {
    "when-the-spark-fades": {
        "title": "When the Spark Fades: Finding Your Way Back to Intimacy",
        "headings": ["Why Intimacy Can Fade", "The Impact on Relationships",
                     "Reconnection Is Possible"],
        "list_items": 5,
    },
    "emotional-intimacy-fades": {
        "title": "Understanding Why Emotional Intimacy Fades in Your Relationship "
                 "and How to Get It Back",
        "headings": ["Why Emotional Intimacy, That “Spark”, Fades Over Time",
                     "How Couples Therapy Can Help Rebuild Emotional Intimacy",
                     "Strengthening Emotional Intimacy in Your Everyday Life",
                     "Couples Therapy is For All!"],
        "list_items": 5 + 4 + 5 + 4,
    },
}


def normalise(text):
    return re.sub(r"\s+", " ", text.replace("•", "")).strip()


def seed_lines(slug):
    """Each line of the seed text that belongs to the article, in order."""
    lines = [normalise(line) for line in (SEEDS / f"{slug}.txt").read_text("utf-8").splitlines()]
    return [line for line in lines if line and line not in SCRAPED_CHROME]


def article_body(site, slug):
    return site.soup(f"/{slug}/").find(class_="entry-content") or site.soup(f"/{slug}/").main


@pytest.mark.parametrize("slug", ARTICLES)
def test_article_has_its_title(site, slug):
    soup = site.soup(f"/{slug}/")
    assert [normalise(h1.get_text()) for h1 in soup.find_all("h1")] == [ARTICLES[slug]["title"]]
    assert ARTICLES[slug]["title"] in soup.title.get_text()


@pytest.mark.parametrize("slug", ARTICLES)
def test_every_heading_is_a_real_heading_in_order(site, slug):
    headings = [normalise(h.get_text()) for h in article_body(site, slug).find_all("h2")]
    expected = ARTICLES[slug]["headings"]
    assert [h for h in headings if h in expected] == expected


@pytest.mark.parametrize("slug", ARTICLES)
def test_lists_are_real_lists(site, slug):
    items = article_body(site, slug).select("ul > li")
    assert len(items) == ARTICLES[slug]["list_items"]


def test_reasons_have_a_bold_lead_in(site):
    items = article_body(site, "when-the-spark-fades").select("ul > li")
    assert [li.strong.get_text() for li in items] == [
        "Exhaustion and stress", "Life transitions", "Unspoken tensions",
        "Physical and mental health", "Routine and familiarity"]


@pytest.mark.parametrize("slug", ARTICLES)
def test_every_seed_line_is_in_the_article_in_order(site, slug):
    """Every paragraph, heading and list item of the seed, in the seed's order."""
    blocks = article_body(site, slug).find_all(["h2", "h3", "p", "li"])
    # A list item with a bold lead-in reads "Lead – text" both in the seed and here.
    built = [normalise(block.get_text()) for block in blocks]
    lines = seed_lines(slug)
    title, body = lines[0], lines[1:]
    assert title == ARTICLES[slug]["title"]
    position = 0
    for line in body:
        matches = [i for i, text in enumerate(built) if i >= position and text == line]
        assert matches, f"missing or out of order in {slug}: {line[:70]}"
        position = matches[0] + 1


@pytest.mark.parametrize("slug", ARTICLES)
def test_scraped_chrome_is_left_out(site, slug):
    text = normalise(article_body(site, slug).get_text(" "))
    assert "When Others Struggle to Understand Your Trauma" not in text


def test_spark_fades_is_the_older_post(site):
    spark = site.soup("/when-the-spark-fades/").find("time")["datetime"]
    emotional = site.soup("/emotional-intimacy-fades/").find("time")["datetime"]
    assert spark < emotional


@pytest.mark.parametrize("topic", ["sexual-intimacy", "emotional-intimacy", "couples-therapy",
                                   "communication", "stress-and-life-transitions"])
def test_topic_pages_exist(site, topic):
    assert site.path(f"/topics/{topic}/").is_file()
