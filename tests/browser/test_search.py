"""Search in Chromium: offline, private, usable by keyboard."""

from urllib.parse import urlparse

import pytest

from tests.browser_pages import VIEWPORTS

pytestmark = pytest.mark.browser

# Words that appear in one seed article only.
ONLY_IN = {"butterflies": "/emotional-intimacy-fades/", "cuddling": "/when-the-spark-fades/"}


@pytest.mark.parametrize("word", ONLY_IN)
def test_search_finds_the_one_article_with_a_word(browser, base_url, site, screenshots, word):
    other = [url for url in ONLY_IN.values() if url != ONLY_IN[word]][0]
    assert word not in site.html(other).lower()  # the fixture's premise

    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    foreign, errors = [], []
    page.on("request", lambda r: urlparse(r.url).netloc != urlparse(base_url).netloc
            and foreign.append(r.url))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(base_url + "/search/")
    history_length = page.evaluate("history.length")

    page.keyboard.press("Tab")  # skip link
    page.get_by_label("Search articles and pages").fill(word)
    page.get_by_label("Search articles and pages").press("Enter")
    results = page.locator(".search-result__title a")
    results.first.wait_for()
    assert [link.get_attribute("href") for link in results.all()] == [ONLY_IN[word]]
    assert word in page.locator(".search-result__excerpt mark").first.inner_text().lower()
    assert "1 result" in page.locator("[data-search-status]").inner_text()
    page.screenshot(path=screenshots / f"search-results-{word}.png", full_page=True)

    assert page.url == base_url + "/search/"  # the query is not in the address
    assert page.evaluate("history.length") == history_length
    assert not foreign and not errors
    results.first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**" + ONLY_IN[word])
    context.close()


def test_no_results_are_announced(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "/search/")
    page.get_by_label("Search articles and pages").fill("zzyzx")
    page.get_by_role("button", name="Search").click()
    status = page.locator("[data-search-status]")
    status.filter(has_text="No results").wait_for()
    assert page.locator("[data-search-status]").get_attribute("aria-live") == "polite"
    context.close()
