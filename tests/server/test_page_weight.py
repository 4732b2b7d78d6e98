"""What readers download: the production article page within 8 KiB gzip and 2 requests.

Measured over the production build as it is served (minified, hashed assets),
for every published article: the page and its one stylesheet, favicons aside."""

import gzip

import brotli
import pytest
from bs4 import BeautifulSoup

MAX_REQUESTS = 2
MAX_GZIP_BYTES = 8 * 1024


def article_pages(output):
    pages = []
    for path in sorted(output.glob("*/index.html")):
        og_type = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find(
            "meta", property="og:type")
        if og_type and og_type["content"] == "article":
            pages.append(path)
    return pages


def subresources(html):
    soup = BeautifulSoup(html, "html.parser")
    urls = [script["src"] for script in soup.find_all("script", src=True)]
    urls += [link["href"] for link in soup.find_all("link", href=True)
             if {"stylesheet", "preload", "modulepreload", "manifest"} & set(link.get("rel", []))]
    urls += [tag[name] for tag in soup.find_all(["img", "source", "iframe", "video", "audio"])
             for name in ("src", "srcset") if tag.get(name)]
    return urls


def test_every_article_stays_within_the_budget(production):
    _, origin, output, _ = production
    pages = article_pages(output)
    assert pages, "no article page found in the production build"
    for page in pages:
        html = page.read_bytes()
        resources = subresources(html.decode())
        assert 1 + len(resources) <= MAX_REQUESTS, (page, resources)
        files = [html] + [(output / url.removeprefix(origin).lstrip("/")).read_bytes() for url in resources]
        weight = sum(len(gzip.compress(data, 9)) for data in files)
        assert weight <= MAX_GZIP_BYTES, f"{page.parent.name} weighs {weight} bytes gzip"
        assert sum(len(brotli.compress(data)) for data in files) < weight  # what nginx sends most readers


@pytest.mark.parametrize("page", ["team/index.html", "team/ana-example/index.html", "index.html"])
def test_other_pages_stay_light(production, page):
    _, _, output, _ = production
    assert len(gzip.compress((output / page).read_bytes(), 9)) <= MAX_GZIP_BYTES
