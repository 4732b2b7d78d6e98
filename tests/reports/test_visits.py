"""uplift.reports: log lines to records, records to counts, counts to a page."""

import gzip
from datetime import date

import pytest

from tests.helpers import build_fixture_site
from uplift.reports.report import render_report
from uplift.reports.visits import (
    UNREADABLE_HOST,
    Article,
    Hit,
    Site,
    article_rows,
    clean_path,
    days_counted,
    parse_line,
    read_log_lines,
    read_site_index,
    search_engine,
    source_label,
    summarise,
    topic_rows,
    weeks,
)

DAY = date(2026, 11, 3)


@pytest.mark.parametrize("line, expected", [
    ('2026-11-03 "GET /emotional-intimacy-fades/" 200 from=- ref=www.google.com ua=Firefox',
     Hit(DAY, "GET", "/emotional-intimacy-fades/", 200, None, "www.google.com", "Firefox")),
    ('2026-11-03 "GET /book/" 302 from=topic-communication ref=- ua=Safari\n',
     Hit(DAY, "GET", "/book/", 302, "topic-communication", None, "Safari")),
    ('2026-11-03 "HEAD /index.html" 200 from=- ref=- ua=bot',
     Hit(DAY, "HEAD", "/", 200, None, None, "bot")),
    ('2026-11-03 "GET /topics/index.html" 304 from=home ref=WWW.Bing.COM ua=Edge',
     Hit(DAY, "GET", "/topics/", 304, "home", "www.bing.com", "Edge")),
    # nginx escapes quotes and bytes outside ASCII as \xHH; paths may be %-encoded.
    ('2026-11-03 "GET /caf%C3%A9/\\x22x" 404 from=- ref=other ua=-',
     Hit(DAY, "GET", "/café/\"x", 404, None, "other", "-")),
    ('2026-11-03 "" 400 from=- ref=- ua=-',
     None),  # a request nginx could not read has no method or path
    ('2026-11-03 " -" 400 from=- ref=- ua=-',
     Hit(DAY, "", "-", 400, None, None, "-")),
    ('203.0.113.7 - - [03/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
     None),  # nginx's default "combined" format: not ours
    ('2026-11-31 "GET /" 200 from=- ref=- ua=Chrome', None),  # not a real day
    ('2026-11-03 "GET /" 200 from=- ua=Chrome', None),  # a field missing
    ("", None),
])
def test_parse_line(line, expected):
    assert parse_line(line) == expected


@pytest.mark.parametrize("raw, expected", [
    ("/", "/"),
    ("/index.html", "/"),
    ("/emotional-intimacy-fades/index.html", "/emotional-intimacy-fades/"),
    ("/a%20b/", "/a b/"),
    ("/theme/css/main.css", "/theme/css/main.css"),
])
def test_clean_path(raw, expected):
    assert clean_path(raw) == expected


@pytest.mark.parametrize("host, engine", [
    ("www.google.com", "Google"),
    ("www.google.co.uk", "Google"),
    ("google.de", "Google"),
    ("com.google.android.googlequicksearchbox", "Google"),
    ("www.bing.com", "Bing"),
    ("duckduckgo.com", "DuckDuckGo"),
    ("search.yahoo.com", "Yahoo"),
    ("uk.search.yahoo.com", "Yahoo"),
    ("www.ecosia.org", "Ecosia"),
    ("search.brave.com", "Brave Search"),
    ("mail.google.com", None),  # Gmail is not a search
    ("docs.google.com", None),
    ("google.example.org", None),
    ("forum.example.org", None),
    ("brave.com", None),
])
def test_search_engine(host, engine):
    assert search_engine(host) == engine


def log(*lines):
    return [f'{line}\n' for line in lines]


# Small fixture logs and what they must count to.
OWN = {"www.example.com"}
FIXTURE_LOGS = {
    "a reader's page views and where they came from": (
        log('2026-11-02 "GET /a/" 200 from=- ref=www.google.com ua=Firefox',
            '2026-11-02 "GET /a/" 304 from=- ref=duckduckgo.com ua=Chrome',
            '2026-11-03 "GET /b/" 200 from=- ref=forum.example.org ua=Safari',
            '2026-11-03 "GET /b/" 200 from=- ref=- ua=Safari',
            '2026-11-03 "GET /a/" 200 from=- ref=www.example.com ua=Edge',
            '2026-11-03 "GET /c/" 200 from=- ref=other ua=other'),
        {"views": {"/a/": 3, "/b/": 2, "/c/": 1},
         "arrivals": {"search": 2, "other site": 2, "direct": 1, "within the site": 1},
         "search_engines": {"Google": 1, "DuckDuckGo": 1},
         "referring_sites": {"forum.example.org": 1, UNREADABLE_HOST: 1}}),
    "booking clicks by where they were, robots and HEAD left out": (
        log('2026-11-02 "GET /book/" 302 from=a ref=- ua=Firefox',
            '2026-11-02 "GET /book/" 302 from=a ref=- ua=Chrome',
            '2026-11-02 "GET /book/" 302 from=home ref=- ua=Chrome',
            '2026-11-02 "GET /book/" 302 from=- ref=- ua=Chrome',
            '2026-11-02 "GET /book/" 302 from=a ref=- ua=bot',
            '2026-11-02 "HEAD /book/" 302 from=a ref=- ua=Chrome',
            '2026-11-02 "GET /book/index.html" 200 from=a ref=- ua=Chrome'),
        {"requests": {"a": 2, "home": 1, "": 1}, "views": {}, "robot_requests": 1}),
    "assets, feeds, search index and errors are not page views": (
        log('2026-11-02 "GET /theme/css/main.1a2b.css" 200 from=- ref=- ua=Firefox',
            '2026-11-02 "GET /feeds/all.atom.xml" 200 from=- ref=- ua=other',
            '2026-11-02 "GET /pagefind/pagefind.js" 200 from=- ref=- ua=Firefox',
            '2026-11-02 "GET /favicon.ico" 200 from=- ref=- ua=Firefox',
            '2026-11-02 "GET /a" 301 from=- ref=- ua=Firefox',
            '2026-11-02 "POST /a/" 405 from=- ref=- ua=Firefox',
            '2026-11-02 "GET /a/" 500 from=- ref=- ua=Firefox'),
        {"views": {}, "requests": {}, "arrivals": {}}),
    "pages not found, with the sites that link to them": (
        log('2026-11-02 "GET /old/" 404 from=- ref=blog.example.net ua=Firefox',
            '2026-11-02 "GET /old/" 404 from=- ref=blog.example.net ua=Chrome',
            '2026-11-02 "GET /old/" 404 from=- ref=www.example.com ua=Chrome',
            '2026-11-02 "GET /wp-login.php" 404 from=- ref=- ua=bot',
            '2026-11-02 "HEAD /gone/" 404 from=- ref=- ua=bot'),
        {"not_found": {"/old/": 3, "/wp-login.php": 1},
         "not_found_from": {"/old/": {"blog.example.net": 2}}, "robot_requests": 2}),
    "weeks start on Monday; unreadable lines are counted, not guessed": (
        log('2026-11-01 "GET /a/" 200 from=- ref=- ua=Firefox',  # a Sunday
            '2026-11-02 "GET /a/" 200 from=- ref=- ua=Firefox',  # the Monday after
            '2026-11-08 "GET /book/" 302 from=a ref=- ua=Firefox',
            '2026-11-09 "GET /a/" 200 from=- ref=- ua=Firefox',
            'garbage'),
        {"weekly_views": {date(2026, 10, 26): 1, date(2026, 11, 2): 1, date(2026, 11, 9): 1},
         "weekly_requests": {date(2026, 11, 2): 1}, "unreadable_lines": 1,
         "first_day": date(2026, 11, 1), "last_day": date(2026, 11, 9)}),
}


@pytest.mark.parametrize("name", FIXTURE_LOGS)
def test_summarise_fixture_logs(name):
    lines, expected = FIXTURE_LOGS[name]
    summary = summarise(lines, OWN)
    for attribute, value in expected.items():
        counted = getattr(summary, attribute)
        if isinstance(value, dict):
            counted = {key: dict(inner) if isinstance(value.get(key), dict) else inner
                       for key, inner in counted.items() if inner}
        assert counted == value, attribute


def test_since_and_until_keep_only_the_days_asked_for():
    lines = log('2026-10-31 "GET /a/" 200 from=- ref=- ua=Firefox',
                '2026-11-01 "GET /a/" 200 from=- ref=- ua=Firefox',
                '2026-11-30 "GET /book/" 302 from=a ref=- ua=Firefox',
                '2026-12-01 "GET /a/" 200 from=- ref=- ua=Firefox')
    summary = summarise(lines, OWN, since=date(2026, 11, 1), until=date(2026, 11, 30))
    assert summary.views == {"/a/": 1} and summary.requests == {"a": 1}
    assert (summary.first_day, summary.last_day) == (date(2026, 11, 1), date(2026, 11, 30))


SITE = Site(origin="https://www.example.com",
            articles={"/a/": Article("/a/", "a", "Article A", ("Communication", "Trust and repair")),
                      "/b/": Article("/b/", "b", "Article B", ("Communication",)),
                      "/c/": Article("/c/", "c", "Article C", ())},
            topics={"communication": "Communication", "trust-and-repair": "Trust and repair"})


def test_articles_and_topics_are_ranked_by_what_they_lead_to():
    summary = summarise(log('2026-11-02 "GET /a/" 200 from=- ref=- ua=Firefox',
                            '2026-11-02 "GET /b/" 200 from=- ref=- ua=Firefox',
                            '2026-11-02 "GET /b/" 200 from=- ref=- ua=Firefox',
                            '2026-11-02 "GET /topics/communication/" 200 from=- ref=- ua=Firefox',
                            '2026-11-02 "GET /topics/communication/page/2/" 200 from=- ref=- ua=Firefox',
                            '2026-11-02 "GET /book/" 302 from=a ref=- ua=Firefox',
                            '2026-11-02 "GET /book/" 302 from=topic-communication ref=- ua=Firefox'), OWN)
    rows = [(r.article.slug, r.views, r.requests, r.per_hundred) for r in article_rows(summary, SITE)]
    assert rows == [("a", 1, 1, 100.0), ("b", 2, 0, 0.0), ("c", 0, 0, None)]
    topics = [(t.name, t.article_views, t.page_views, t.requests) for t in topic_rows(summary, SITE)]
    assert topics == [("Communication", 3, 2, 2), ("Trust and repair", 1, 0, 1)]


@pytest.mark.parametrize("source, label", [
    ("a", "Article A"),
    ("topic-communication", "Topic page: Communication"),
    ("home", "Home page"),
    ("contact", "Contact page"),
    ("", "Not given"),
    ("topic-unknown", "Other: topic-unknown"),
    ("retired-post", "Other: retired-post"),
])
def test_source_label(source, label):
    assert source_label(source, SITE) == label


def test_weeks_include_quiet_ones_and_partial_weeks_say_so():
    summary = summarise(log('2026-11-04 "GET /a/" 200 from=- ref=- ua=Firefox',
                            '2026-11-20 "GET /a/" 200 from=- ref=- ua=Firefox'), OWN)
    assert weeks(summary) == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)]
    assert [days_counted(w, summary.first_day, summary.last_day) for w in weeks(summary)] == [5, 7, 5]


def test_report_is_one_self_contained_page_that_escapes_what_the_log_says():
    summary = summarise(log('2026-11-02 "GET /<script>alert(1)</script>/" 404 from=- ref=- ua=Firefox',
                            '2026-11-02 "GET /a/" 200 from=- ref=www.google.com ua=Firefox'), OWN)
    page = render_report(summary, SITE, date(2026, 11, 30))
    assert "<script" not in page and "&lt;script&gt;" in page
    assert "2 November 2026 to 2 November 2026" in page
    for outside in ("http://", "https://", "src=", "@import", "url("):
        assert outside not in page, outside


def test_the_site_index_a_build_writes_names_its_published_articles_and_topics(tmp_path):
    draft = ("Title: Not Yet\nDate: 2025-11-01 09:00\nStatus: draft\nTags: trust\nSummary: A draft the report "
             "must not name, long enough to be a real summary for the cards.\n\nText of the draft.\n")
    result = build_fixture_site(tmp_path, {"articles/not-yet.md": draft})
    assert result.returncode == 0, result.stderr
    built = read_site_index(tmp_path / "output" / "site-index.json")
    assert built.origin == "http://127.0.0.1:8000"
    assert set(built.articles) == {"/first-post/", "/second-post/"}
    second = built.articles["/second-post/"]
    assert (second.slug, second.title, second.topics) == ("second-post", "The Second Post",
                                                          ("Communication", "Trust and repair"))
    # Topic pages are written only for topics with published articles.
    assert built.topics == {"communication": "Communication", "trust-and-repair": "Trust and repair"}


def test_a_log_folder_means_today_and_every_rotated_day(tmp_path):
    (tmp_path / "access.log").write_text("today\n")
    (tmp_path / "access.log.1").write_text("yesterday\n")
    (tmp_path / "access.log.2.gz").write_bytes(gzip.compress(b"the day before\n"))
    (tmp_path / "error.log").write_text("not ours\n")
    assert sorted(read_log_lines([tmp_path])) == ["the day before\n", "today\n", "yesterday\n"]
    assert list(read_log_lines([tmp_path / "access.log.1"])) == ["yesterday\n"]
