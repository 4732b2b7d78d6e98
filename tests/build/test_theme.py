"""Invariants of the theme over every page of the built site."""

import re
import xml.etree.ElementTree as ElementTree

import pytest
from PIL import Image

from tests.helpers import BuiltSite, build_fixture_site

ARTICLES = ["/when-the-spark-fades/", "/emotional-intimacy-fades/"]
PRACTICE_PAGES = ["/contact/", "/about/", "/services/", "/fees/", "/privacy/"]


def every_page(site):
    return [path.relative_to(site.output).as_posix() for path in site.html_files()]


def test_every_page_has_the_essentials(site, practice):
    problems = []
    for page in every_page(site):
        soup = site.soup(page)
        crisis = soup.select_one(".crisis-notice")
        checks = {
            "one h1": len(soup.find_all("h1")) == 1,
            "lang": soup.html.get("lang") == "en",
            "skip link": soup.select_one('a.skip-link[href="#main"]') is not None,
            "main landmark": soup.select_one("main#main") is not None,
            "crisis notice": crisis is not None
            and f'tel:{practice["crisis"]["number"]}' in str(crisis)
            and "not for emergencies" in crisis.get_text(),
            "header call-to-action": soup.select_one(
                '.site-header a[href$="/contact/#free-consultation"]') is not None,
            "description": bool(soup.find("meta", attrs={"name": "description"})["content"].strip()),
        }
        problems += [f"{page}: {name}" for name, ok in checks.items() if not ok]
    assert not problems


@pytest.mark.parametrize("url", ARTICLES)
def test_article_has_its_parts(site, url, practice):
    soup = site.soup(url)
    assert soup.select_one("nav.breadcrumbs ol li a[href='/']")
    assert soup.select_one(".lede").get_text(strip=True)
    byline = soup.select_one(".byline").get_text(" ", strip=True)
    assert "By The Uplift team" in byline and "Published" in byline
    assert re.search(r"\d+ min read", byline)
    assert soup.select(".article__header .topic-links a[href^='/topics/']")
    cta = soup.select_one("section.cta")
    assert cta and cta.select_one(f'a[href="/book/?from={url.strip("/")}"]')  # counted, then redirected
    assert "no obligation" in cta.get_text() and "free" in cta.get_text().lower()
    assert soup.select_one("nav.pager a[rel]")


def test_table_of_contents_only_for_four_or_more_sections(site):
    long_post = site.soup("/emotional-intimacy-fades/")
    toc_links = [a["href"] for a in long_post.select("nav.toc a")]
    heading_ids = [f"#{h['id']}" for h in long_post.select(".prose h2")]
    assert toc_links == heading_ids and len(toc_links) == 4
    assert site.soup("/when-the-spark-fades/").select_one("nav.toc") is None


def topics_of(site, url):
    return {a["href"] for a in site.soup(url).select(".article__header .topic-links a")}


def archive_urls(site):
    return [a["href"] for a in site.soup("/archives/").select(".archive-list a")]


def test_related_articles_link_posts_sharing_a_topic(site):
    for url in archive_urls(site):
        related = [a["href"] for a in site.soup(url).select(".related .card__title a")]
        sharing = [other for other in archive_urls(site) if other != url
                   and topics_of(site, other) & topics_of(site, url)]
        assert set(related) <= set(sharing) and len(related) == min(3, len(sharing)), url


def test_home_has_who_we_are_cta_latest_articles_and_topics(site):
    soup = site.soup("/")
    assert soup.select_one(".hero .lede").get_text(strip=True)
    assert soup.select_one("section.cta")
    cards = soup.select("#latest-heading ~ .cards .card")
    assert len(cards) == min(6, len(archive_urls(site)))
    assert all(card.select_one("time") and card.select_one(".card__summary") for card in cards)
    assert soup.select("#topics-heading ~ .topic-list a[href^='/topics/']")


def test_topic_page_lists_articles_with_cta(site):
    topic = "/topics/couples-therapy/"
    soup = site.soup(topic)
    tagged = [url for url in archive_urls(site) if topic in topics_of(site, url)]
    assert len(soup.select(".cards .card")) == min(10, len(tagged))
    assert soup.select_one("section.cta")


def test_archives_list_every_published_article_and_no_draft(tmp_path):
    draft = ("Title: Not Yet\nDate: 2025-11-01 09:00\nStatus: draft\nTags: trust\nSummary: A draft the archive "
             "must not list, long enough to be a real summary for the cards.\n\nText of the draft.\n")
    result = build_fixture_site(tmp_path, {"articles/not-yet.md": draft})
    assert result.returncode == 0, result.stderr
    built = BuiltSite(tmp_path / "output", result)
    links = [a["href"] for a in built.soup("/archives/").select(".archive-list a")]
    assert links == ["/second-post/", "/first-post/"]  # newest first


def test_contact_page_has_every_fact(site, practice):
    soup = site.soup("/contact/")
    html = str(soup)
    assert soup.select_one(f'a[href="tel:{practice["phone_e164"]}"]')
    assert soup.select_one(f'a[href="mailto:{practice["email"]}"]')
    assert soup.select_one('a[href="/book/?from=contact"]')
    for hours in practice["hours"]:
        assert f"{hours['days']}: {hours['times']}" in soup.get_text()
    assert practice["area_served"] in html
    assert "Not for emergencies" in html
    assert "clinical details out of email" in html
    assert "no obligation" in soup.get_text()


def test_practice_pages_exist_with_their_key_notices(site):
    for url in PRACTICE_PAGES:
        assert site.path(url).is_file(), url
    assert "Good Faith Estimate" in site.html("/fees/")
    assert "No Surprises" in site.html("/fees/") or "nosurprises" in site.html("/fees/")
    privacy = site.soup("/privacy/").get_text()
    for promise in ("No cookies", "No analytics", "No third parties"):
        assert promise in privacy


def test_categories_and_authors_are_not_written(site):
    written = every_page(site)
    assert not [page for page in written if page.startswith(("category/", "author/"))]
    assert "categories.html" not in written and "authors.html" not in written


def test_404_page_is_written_at_the_root(site):
    soup = site.soup("/404.html")
    assert "could not find" in soup.h1.get_text()
    assert soup.find("link", rel="stylesheet")["href"].startswith("/")


def test_favicons_are_the_marks_browsers_ask_for(site):
    with Image.open(site.path("/favicon.ico")) as icon:
        assert icon.format == "ICO" and set(icon.info["sizes"]) >= {(16, 16), (32, 32), (48, 48)}
    with Image.open(site.path("/apple-touch-icon.png")) as touch:
        assert (touch.format, touch.size, touch.mode) == ("PNG", (180, 180), "RGB")  # iOS shows no alpha
        assert touch.getpixel((30, 90)) != touch.getpixel((0, 0))  # a ring is drawn, not a blank square
    svg = ElementTree.parse(site.path("/icon.svg")).getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.get("viewBox") == "0 0 32 32"
    assert svg.findall(".//{http://www.w3.org/2000/svg}circle")
