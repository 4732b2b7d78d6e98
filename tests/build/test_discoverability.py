"""Metadata, structured data, sitemap, robots.txt, feeds and the search index."""

import json
import xml.etree.ElementTree as ElementTree
from urllib.parse import urlparse

import feedparser
import pytest
from PIL import Image

from tests.helpers import ROOT, dev_settings

SETTINGS = dev_settings()
ORIGIN = SETTINGS["SITE_ORIGIN"]
ARTICLES = ["/when-the-spark-fades/", "/emotional-intimacy-fades/"]  # the seeds, examined closely


def published_articles(site):
    """Every published article, as the archive lists them (however many the site has)."""
    return [a["href"] for a in site.soup("/archives/").select(".archive-list a")]
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def pages(site):
    return [path.relative_to(site.output).as_posix() for path in site.html_files()
            if not path.relative_to(site.output).as_posix().startswith("pagefind/")]


def json_ld(soup):
    return [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")]


def meta(soup, key):
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def test_every_page_has_title_description_canonical_and_social_tags(site):
    problems = []
    for page in pages(site):
        soup = site.soup(page)
        title = soup.title.get_text()
        canonical = soup.find("link", rel="canonical")
        expected_url = f"{ORIGIN}/{page.removesuffix('index.html')}"
        checks = {
            "title names the practice": "Uplift" in title,
            "description": bool(meta(soup, "description")),
            "canonical is absolute": page == "404.html" or (canonical and canonical["href"] == expected_url),
            "404 is not indexed": page != "404.html" or meta(soup, "robots") == "noindex",
            "og:title": meta(soup, "og:title") == title,
            "og:description": meta(soup, "og:description") == meta(soup, "description"),
            "og:url": meta(soup, "og:url") == expected_url,
            "og:type": meta(soup, "og:type") in ("website", "article"),
            "og:image": meta(soup, "og:image") == f"{ORIGIN}/{SETTINGS['SHARE_IMAGE']}",
            # X reads the og: tags when its own are absent: only the card type is needed.
            "twitter card": meta(soup, "twitter:card") == "summary_large_image"
            and meta(soup, "twitter:title") is None,
            "lang": soup.html["lang"] == "en",
        }
        problems += [f"{page}: {name}" for name, ok in checks.items() if not ok]
    assert not problems


def test_share_image_is_a_real_1200_by_630_image(site):
    with Image.open(site.path("/" + SETTINGS["SHARE_IMAGE"])) as image:
        assert image.size == (1200, 630)


@pytest.mark.parametrize("url", ARTICLES)
def test_articles_are_open_graph_articles_with_times(site, url):
    soup = site.soup(url)
    assert meta(soup, "og:type") == "article"
    assert meta(soup, "article:published_time").startswith("2025-")
    assert meta(soup, "article:modified_time")
    assert soup.find_all("meta", attrs={"property": "article:tag"})


@pytest.mark.parametrize("url", ARTICLES)
def test_articles_carry_blog_posting_and_breadcrumbs(site, url):
    blocks = {block["@type"]: block for block in json_ld(site.soup(url))}
    post = blocks["BlogPosting"]
    for field in ("headline", "description", "datePublished", "dateModified", "author", "publisher",
                  "about", "url"):
        assert post[field], field
    assert post["url"] == f"{ORIGIN}{url}"
    assert all(topic["url"].startswith(f"{ORIGIN}/topics/") for topic in post["about"])
    crumbs = blocks["BreadcrumbList"]["itemListElement"]
    assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))
    assert crumbs[0]["item"] == f"{ORIGIN}/" and crumbs[-1]["item"] == f"{ORIGIN}{url}"


def test_topic_pages_carry_breadcrumbs(site):
    blocks = json_ld(site.soup("/topics/couples-therapy/"))
    assert [block["@type"] for block in blocks] == ["BreadcrumbList"]
    assert blocks[0]["itemListElement"][-1]["name"] == "Couples therapy"


@pytest.mark.parametrize("url", ["/", "/contact/"])
def test_home_and_contact_describe_the_practice(site, url, practice):
    business = [b for b in json_ld(site.soup(url)) if b["@type"] == "MedicalBusiness"][0]
    assert business["name"] == practice["full_name"]
    assert business["url"] == f"{ORIGIN}/"
    assert business["telephone"] == practice["phone_e164"]
    assert business["address"]["streetAddress"] == practice["address"]["street"]


def test_every_json_ld_block_parses(site):
    for page in pages(site):
        for block in json_ld(site.soup(page)):
            assert block["@context"] == "https://schema.org"


def test_sitemap_lists_every_published_page_with_dates(site):
    tree = ElementTree.parse(site.path("/sitemap.xml"))
    entries = {url.find("s:loc", SITEMAP_NS).text: url.find("s:lastmod", SITEMAP_NS).text
               for url in tree.findall("s:url", SITEMAP_NS)}
    written = {f"{ORIGIN}/{page.removesuffix('index.html')}" for page in pages(site)
               if page not in ("404.html", "search/index.html", "book/index.html")}
    assert set(entries) == written
    assert all(len(lastmod) == 10 for lastmod in entries.values())
    assert entries[f"{ORIGIN}/when-the-spark-fades/"] == "2025-09-16"


def test_robots_txt_points_to_the_sitemap(site):
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in site.path("/robots.txt").read_text()


def test_feeds_are_valid_atom_with_absolute_links(site):
    feeds = sorted(site.output.glob("feeds/**/*.atom.xml"))
    assert site.path("/feeds/all.atom.xml") in feeds and len(feeds) > 2
    for feed_path in feeds:
        feed = feedparser.parse(feed_path.read_bytes())
        assert not feed.bozo, f"{feed_path}: {feed.bozo_exception}"
        assert feed.version == "atom10"
        assert feed.entries
        for entry in feed.entries:
            assert urlparse(entry.link).netloc == urlparse(ORIGIN).netloc
            assert entry.get("content") or entry.get("summary")
    everything = feedparser.parse(site.path("/feeds/all.atom.xml").read_bytes())
    assert {e.link for e in everything.entries} == {f"{ORIGIN}{url}" for url in published_articles(site)[:20]}


def test_pages_link_their_feeds(site):
    soup = site.soup("/topics/sexual-intimacy/")
    hrefs = {link["href"] for link in soup.find_all("link", rel="alternate")}
    assert hrefs == {"/feeds/all.atom.xml", "/feeds/topics/sexual-intimacy.atom.xml"}


def test_search_index_covers_articles_pages_and_profiles_only(site):
    entry = json.loads(site.path("/pagefind/pagefind-entry.json").read_text())
    indexed = sum(language["page_count"] for language in entry["languages"].values())
    bodies = [page for page in pages(site) if 'data-pagefind-body' in site.html(page)]
    assert indexed == len(bodies)
    content = [url.strip("/") + "/index.html" for url in published_articles(site)]
    content += [f"{path.stem}/index.html" for path in (ROOT / "content/pages").glob("*.md")
                if path.stem != "404"]
    content += [f"team/{path.stem}/index.html" for path in (ROOT / "content/team").glob("*.md")]
    assert sorted(bodies) == sorted(content)
