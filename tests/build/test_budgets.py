"""Size and request budgets, checked over the built files (never timed)."""

import gzip
from urllib.parse import urlparse

import pytest

from tests.helpers import dev_settings

ARTICLES = ["/when-the-spark-fades/", "/emotional-intimacy-fades/"]
# Budget for an article: the page and its one stylesheet (the favicon aside),
# at most 10 KB gzip together.
MAX_REQUESTS = 2
MAX_GZIP_BYTES = 10_000
ICON_RELS = {"icon", "apple-touch-icon"}


def subresources(soup):
    """URLs a browser fetches to render the page, favicons left out."""
    urls = []
    for script in soup.find_all("script", src=True):
        urls.append(script["src"])
    for link in soup.find_all("link", href=True):
        rels = set(link.get("rel", []))
        if rels & {"stylesheet", "preload", "modulepreload", "manifest"}:
            urls.append(link["href"])
    for tag in soup.find_all(["img", "iframe", "video", "audio", "source", "embed"]):
        for attribute in ("src", "srcset", "data"):
            if tag.get(attribute):
                urls.append(tag[attribute])
    return urls


def gzip_size(data):
    return len(gzip.compress(data, compresslevel=9))


@pytest.mark.parametrize("url", ARTICLES)
def test_article_stays_within_request_and_size_budget(site, url):
    soup = site.soup(url)
    resources = subresources(soup)
    assert 1 + len(resources) <= MAX_REQUESTS, resources
    total = gzip_size(site.path(url).read_bytes())
    total += sum(gzip_size(site.path(resource).read_bytes()) for resource in resources)
    assert total <= MAX_GZIP_BYTES, f"{url} weighs {total} bytes gzip"


# JSON-LD is data for search engines, never executed, so a strict CSP allows it.
DATA_SCRIPT_TYPES = {"application/ld+json"}
# Search is the one public feature that needs JavaScript; the browser editor (admin/) is
# not a public page, and only it may relax the Content-Security-Policy.
PAGES_WITH_JAVASCRIPT = {"search/index.html", "admin/index.html"}


def test_no_page_needs_inline_script_or_style_or_a_third_party(site):
    own_host = urlparse(dev_settings()["SITE_ORIGIN"]).netloc
    problems = []
    for path in site.html_files():
        page = path.relative_to(site.output).as_posix()
        html = path.read_text(encoding="utf-8")
        soup = site.soup(page)
        for script in soup.find_all("script"):
            if script.get("type") in DATA_SCRIPT_TYPES:
                continue
            if not script.get("src"):
                problems.append(f"{page}: inline <script>")
            elif page not in PAGES_WITH_JAVASCRIPT:
                problems.append(f"{page}: JavaScript outside the search page")
        if soup.find("style") or soup.find(style=True):
            problems.append(f"{page}: inline style")
        if any(attribute.startswith("on") for tag in soup.find_all(True) for attribute in tag.attrs):
            problems.append(f"{page}: event handler attribute")
        for resource in subresources(soup) + [link["href"] for link in soup.find_all("link", href=True)]:
            if urlparse(resource).netloc not in ("", own_host):
                problems.append(f"{page}: third-party resource {resource}")
        if "javascript:" in html:
            problems.append(f"{page}: javascript: URL")
    assert not problems


def test_favicon_links_point_at_our_own_files(site):
    soup = site.soup("/")
    icons = [link["href"] for link in soup.find_all("link", href=True)
             if ICON_RELS & set(link.get("rel", []))]
    assert sorted(icons) == ["/apple-touch-icon.png", "/favicon.ico", "/icon.svg"]
    for icon in icons:
        assert site.path(icon).is_file()
