"""The staff report in Chromium: no network request at all, and accessible."""

from datetime import date, timedelta

import pytest

from tests.browser_pages import VIEWPORTS, run_axe
from uplift.reports.report import render_report
from uplift.reports.visits import read_site_index, summarise

pytestmark = pytest.mark.browser


def five_weeks_of_log():
    """A plausible log: two articles, a topic page, the home page, booking clicks,
    search and other arrivals, robots and a broken link; the same every run."""
    articles = ["emotional-intimacy-fades", "when-the-spark-fades"]
    referrers = ["www.google.com", "duckduckgo.com", "-", "127.0.0.1", "www.bing.com", "forum.example.org"]
    browsers = ["Firefox", "Chrome", "Safari", "Edge", "bot"]
    lines = []
    for offset in range(35):
        day = date(2026, 10, 27) + timedelta(days=offset)
        for n in range(8 + offset % 6):
            slug = articles[(n + offset) % 2]
            lines.append(f'{day} "GET /{slug}/" 200 from=- ref={referrers[n % 6]} ua={browsers[n % 5]}\n')
            if (n + offset) % 7 == 0:
                lines.append(f'{day} "GET /book/" 302 from={slug} ref=127.0.0.1 ua={browsers[n % 4]}\n')
        lines.append(f'{day} "GET /topics/couples-therapy/" 200 from=- ref=- ua=Safari\n')
        if offset % 4 == 0:
            lines.append(f'{day} "GET /book/" 302 from=home ref=127.0.0.1 ua=Chrome\n')
            lines.append(f'{day} "GET /old-post/" 404 from=- ref=blog.example.net ua=Firefox\n')
    return lines


@pytest.fixture(scope="module")
def report(site, tmp_path_factory):
    built = read_site_index(site.output / "site-index.json")
    summary = summarise(five_weeks_of_log(), {"127.0.0.1"})
    path = tmp_path_factory.mktemp("report") / "visits-report.html"
    path.write_text(render_report(summary, built, date(2026, 12, 1)), encoding="utf-8")
    return path


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_report_makes_no_request_and_passes_axe(browser, site, report, axe_source, screenshots, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    requests = []

    def record(route):
        requests.append(route.request.url)
        if route.request.url == report.as_uri():
            route.continue_()
        else:
            route.abort()

    context.route("**/*", record)
    # The report's own policy blocks any load before it is a request; count the attempts too.
    context.add_init_script("""
        window.__blocked = [];
        document.addEventListener("securitypolicyviolation", (e) => window.__blocked.push(e.blockedURI));
    """)
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report.as_uri(), wait_until="load")
    page.screenshot(path=screenshots / f"visits-report-{viewport}.png", full_page=True)
    violations = run_axe(page, axe_source)
    assert not violations, "\n".join(violations)
    assert set(requests) == {report.as_uri()}, requests  # the page itself, nothing else
    assert page.evaluate("window.__blocked") == []
    published = read_site_index(site.output / "site-index.json").articles
    assert page.locator("#table-articles tbody tr").count() == len(published)  # one row per article
    assert "27 October 2026 to 30 November 2026" in page.locator(".period").inner_text()
    context.close()


def test_the_preview_book_page_is_accessible(browser, base_url, axe_source):
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "/book/?from=home")
    assert not run_axe(page, axe_source)
    assert page.get_by_role("link", name="Choose a time online").get_attribute("href").startswith("https://")
    context.close()
