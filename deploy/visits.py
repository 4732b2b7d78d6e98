"""Visits and consultation requests, counted from the web server's own log.

Pure functions, joined by `invoke report`:

    parse_line(line)            one line of the access log -> Hit (or None)
    read_site(folder)           a built site -> its articles, topics and origin
    summarise(lines, site, ...) the lines -> counts (Summary)
    render_report(summary, site, ...)  the counts -> one self-contained HTML page

The log holds only what plugins/security_headers/access_log.py lets through:
the day, the method, the path without its query, the status, the allowlisted
`from=`, the referring host and the browser family. The report shows nothing
finer, and makes no network request (inline style and SVG only).
"""

import gzip
import html
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

BOOK_PATH = "/book/"
# The log writes "other" for a referrer that is not a plain web address.
UNREADABLE_HOST = "(an address that was not a plain web address)"
PAGE_STATUSES = {200, 304}  # 304: a reader's browser revalidating a page it already has
NOT_PAGES = ("/theme/", "/pagefind/", "/feeds/", "/drafts/", BOOK_PATH)

# Search engines, by the referring host (lowercase, without "www.").
SEARCH_ENGINES = [
    ("Google", re.compile(r"^(google\.[a-z.]{2,6}|com\.google\.android\.googlequicksearchbox)$")),
    ("Bing", re.compile(r"^(bing\.com|cn\.bing\.com)$")),
    ("DuckDuckGo", re.compile(r"^duckduckgo\.com$")),
    ("Yahoo", re.compile(r"^([a-z]{2}\.)?search\.yahoo\.com$")),
    ("Ecosia", re.compile(r"^ecosia\.org$")),
    ("Brave Search", re.compile(r"^search\.brave\.com$")),
    ("Startpage", re.compile(r"^startpage\.com$")),
    ("Qwant", re.compile(r"^qwant\.com$")),
    ("Kagi", re.compile(r"^kagi\.com$")),
    ("Yandex", re.compile(r"^yandex\.[a-z.]{2,6}$")),
    ("Baidu", re.compile(r"^baidu\.com$")),
]

_LINE = re.compile(r'^(?P<day>\d{4}-\d{2}-\d{2}) "(?P<method>[A-Z]*) (?P<path>[^"]*)" (?P<status>\d{3})'
                   r"(?P<fields>(?: [a-z]+=\S*)*)$")
_NGINX_ESCAPE = re.compile(r"\\x([0-9A-Fa-f]{2})")


# --- One line --------------------------------------------------------------------------

@dataclass(frozen=True)
class Hit:
    """One request, as the log keeps it."""
    day: date
    method: str
    path: str
    status: int
    source: str | None  # from=: where a booking link was
    referrer: str | None  # the referring host, "other" when it was not a plain host
    browser: str  # Firefox, Chrome, Safari, Edge, bot, other, or "-" when none was sent


def clean_path(raw):
    """The page a logged path names: nginx's \\xHH escapes and %-escapes undone,
    /x/index.html as /x/."""
    text = _NGINX_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), raw)
    path = unquote(text.encode("latin-1", "replace").decode("utf-8", "replace"))
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def parse_line(line):
    """A Hit, or None for a line that is not in the site's log format."""
    match = _LINE.match(line.rstrip("\n"))
    if not match:
        return None
    fields = dict(pair.split("=", 1) for pair in match["fields"].split())
    try:
        day = date.fromisoformat(match["day"])
    except ValueError:
        return None
    if "ref" not in fields or "ua" not in fields:
        return None
    referrer = fields["ref"].lower()
    return Hit(day=day, method=match["method"], path=clean_path(match["path"]), status=int(match["status"]),
               source=None if fields.get("from", "-") == "-" else fields["from"],
               referrer=None if referrer == "-" else referrer, browser=fields["ua"])


def read_log_lines(paths):
    """Every line of the given logs; a folder stands for its access.log* files
    (today's and the rotated ones, gzipped or not)."""
    files = []
    for path in map(Path, paths):
        files += sorted(path.glob("access.log*")) if path.is_dir() else [path]
    for file in files:
        opener = gzip.open if file.suffix == ".gz" else open
        with opener(file, "rt", encoding="utf-8", errors="replace") as lines:
            yield from lines


# --- The built site ---------------------------------------------------------------------

@dataclass(frozen=True)
class Article:
    path: str  # /slug/
    slug: str
    title: str
    topics: tuple  # topic names, as the page's article:tag


@dataclass
class Site:
    origin: str = ""  # scheme://host of the canonical addresses
    articles: dict = field(default_factory=dict)  # path -> Article
    topics: dict = field(default_factory=dict)  # slug -> name


class _PageFacts(HTMLParser):
    """What a page says about itself: canonical address, Open Graph type, tags, h1."""

    def __init__(self):
        super().__init__()
        self.canonical, self.kind, self.tags, self.h1 = None, None, [], ""
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs.get("href")
        elif tag == "meta" and attrs.get("property") == "og:type":
            self.kind = attrs.get("content")
        elif tag == "meta" and attrs.get("property") == "article:tag":
            self.tags.append(attrs.get("content", ""))
        elif tag == "h1" and not self.h1:
            self._in_h1 = True

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._in_h1:
            self.h1 += data


def page_facts(html_text):
    facts = _PageFacts()
    facts.feed(html_text)
    return facts


def read_site(folder):
    """Articles (og:type article), topic pages (/topics/<slug>/) and the origin of a built site."""
    folder = Path(folder)
    site = Site()
    for page in sorted(folder.rglob("index.html")):
        relative = page.relative_to(folder).as_posix()
        if relative.startswith(("drafts/", "pagefind/")):
            continue
        facts = page_facts(page.read_text(encoding="utf-8"))
        if not facts.canonical:
            continue
        address = urlparse(facts.canonical)
        title = " ".join(facts.h1.split())
        if relative == "index.html":
            site.origin = f"{address.scheme}://{address.netloc}"
        if facts.kind == "article":
            slug = address.path.strip("/")
            site.articles[address.path] = Article(address.path, slug, title, tuple(facts.tags))
        elif re.fullmatch(r"/topics/[^/]+/", address.path):
            site.topics[address.path.split("/")[2]] = title
    return site


# --- Counting -----------------------------------------------------------------------------

def is_page(path):
    return path.endswith("/") and not path.startswith(NOT_PAGES)


def search_engine(host):
    """The search engine a referring host belongs to, or None."""
    bare = host.removeprefix("www.")
    return next((name for name, pattern in SEARCH_ENGINES if pattern.match(bare)), None)


def week_of(day):
    return day - timedelta(days=day.weekday())  # its Monday


@dataclass
class Summary:
    first_day: date | None = None
    last_day: date | None = None
    views: Counter = field(default_factory=Counter)  # page path -> views by readers
    requests: Counter = field(default_factory=Counter)  # from= value ("" when none) -> booking clicks
    arrivals: Counter = field(default_factory=Counter)  # search, other site, direct, within the site
    search_engines: Counter = field(default_factory=Counter)
    referring_sites: Counter = field(default_factory=Counter)
    not_found: Counter = field(default_factory=Counter)  # path -> requests
    not_found_from: dict = field(default_factory=lambda: defaultdict(Counter))  # path -> host -> n
    weekly_views: Counter = field(default_factory=Counter)  # Monday -> views
    weekly_requests: Counter = field(default_factory=Counter)
    robot_requests: int = 0
    unreadable_lines: int = 0


def arrival_kind(referrer, own_hosts):
    if referrer is None:
        return "direct"
    if referrer in own_hosts:
        return "within the site"
    return "search" if search_engine(referrer) else "other site"


def summarise(lines, own_hosts=(), since=None, until=None):
    """Count readers' page views, booking clicks, arrivals and missing pages.

    Robots (by their user agent) are left out of every count but their own;
    HEAD requests are not visits. `own_hosts`: the site's host names (moving
    between its pages is not an arrival). `since`/`until`: dates, inclusive."""
    summary = Summary()
    own_hosts = {host.lower() for host in own_hosts}
    for line in lines:
        hit = parse_line(line)
        if hit is None:
            summary.unreadable_lines += 1
            continue
        if (since and hit.day < since) or (until and hit.day > until):
            continue
        summary.first_day = min(summary.first_day or hit.day, hit.day)
        summary.last_day = max(summary.last_day or hit.day, hit.day)
        if hit.status == 404 and hit.method == "GET":
            summary.not_found[hit.path] += 1
            if hit.referrer and hit.referrer not in own_hosts:
                host = UNREADABLE_HOST if hit.referrer == "other" else hit.referrer
                summary.not_found_from[hit.path][host] += 1
        if hit.browser == "bot":
            summary.robot_requests += 1
            continue
        if hit.method != "GET":
            continue
        if hit.path == BOOK_PATH and hit.status == 302:
            summary.requests[hit.source or ""] += 1
            summary.weekly_requests[week_of(hit.day)] += 1
        elif hit.status in PAGE_STATUSES and is_page(hit.path):
            summary.views[hit.path] += 1
            summary.weekly_views[week_of(hit.day)] += 1
            kind = arrival_kind(hit.referrer, own_hosts)
            summary.arrivals[kind] += 1
            if kind == "search":
                summary.search_engines[search_engine(hit.referrer)] += 1
            elif kind == "other site":
                summary.referring_sites[UNREADABLE_HOST if hit.referrer == "other" else hit.referrer] += 1
    return summary


def source_label(source, site):
    """Where a booking link was, in words: an article's title, a topic, a page."""
    article = site.articles.get(f"/{source}/")
    if article:
        return article.title
    if source.startswith("topic-") and source[len("topic-"):] in site.topics:
        return f"Topic page: {site.topics[source[len('topic-'):]]}"
    return {"home": "Home page", "contact": "Contact page", "": "Not given"}.get(source, f"Other: {source}")


@dataclass(frozen=True)
class ArticleRow:
    article: Article
    views: int
    requests: int

    @property
    def per_hundred(self):
        return 100 * self.requests / self.views if self.views else None


def article_rows(summary, site):
    """Every article, most consultation requests first, then most views."""
    rows = [ArticleRow(a, summary.views[a.path], summary.requests[a.slug]) for a in site.articles.values()]
    return sorted(rows, key=lambda r: (-r.requests, -r.views, r.article.title))


@dataclass(frozen=True)
class TopicRow:
    name: str
    article_views: int
    page_views: int
    requests: int


def topic_rows(summary, site):
    """Each topic: views of its articles (an article on two topics counts for both),
    of its own page, and the consultation requests from both."""
    rows = []
    for slug, name in site.topics.items():
        articles = [a for a in site.articles.values() if name in a.topics]
        page_views = sum(n for path, n in summary.views.items() if path.startswith(f"/topics/{slug}/"))
        requests = sum(summary.requests[a.slug] for a in articles) + summary.requests[f"topic-{slug}"]
        rows.append(TopicRow(name, sum(summary.views[a.path] for a in articles), page_views, requests))
    return sorted(rows, key=lambda r: (-r.article_views - r.page_views, r.name))


def days_counted(monday, first_day, last_day):
    """How many days of the week starting `monday` fall within the period."""
    start, end = max(monday, first_day), min(monday + timedelta(days=6), last_day)
    return max((end - start).days + 1, 0)


def weeks(summary):
    """Every Monday from the first day's week to the last day's, so quiet weeks show as 0."""
    if not summary.first_day:
        return []
    monday, last = week_of(summary.first_day), week_of(summary.last_day)
    return [monday + timedelta(weeks=n) for n in range((last - monday).days // 7 + 1)]


# --- The page -----------------------------------------------------------------------------

INK, MUTED, ACCENT, ACCENT_2, RULE = "#1b1916", "#45403a", "#1d5c52", "#7a3d0a", "#d9d2c7"

STYLE = f"""
:root {{ color-scheme: light; }}
body {{ margin: 0; background: #fff; color: {INK}; font: 1rem/1.55 system-ui, -apple-system, "Segoe UI",
  Roboto, sans-serif; }}
main {{ max-width: 52rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }}
h1 {{ font-size: 1.9rem; line-height: 1.2; margin: 0 0 .5rem; }}
h2 {{ font-size: 1.35rem; margin: 2.75rem 0 .5rem; padding-top: 1.25rem; border-top: 1px solid {RULE}; }}
p, li {{ max-width: 42rem; }}
.period {{ font-size: 1.15rem; margin: 0; }}
.note {{ color: {MUTED}; }}
.glance {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .75rem;
  margin: 1.5rem 0 0; }}
.glance div {{ border: 1px solid {RULE}; border-radius: .5rem; padding: .75rem 1rem; }}
.glance dt {{ color: {MUTED}; font-size: .95rem; }}
.glance dd {{ margin: 0; font-size: 1.6rem; font-weight: 700; }}
.scroll {{ overflow-x: auto; margin: 1rem 0 .5rem; }}
.scroll:focus-visible {{ outline: 3px solid {ACCENT}; outline-offset: 2px; }}
table {{ border-collapse: collapse; width: 100%; }}
caption {{ text-align: left; font-weight: 700; padding-bottom: .4rem; }}
th, td {{ text-align: left; padding: .4rem .6rem; border-bottom: 1px solid {RULE}; vertical-align: top; }}
thead th {{ border-bottom: 2px solid {INK}; }}
tbody th {{ font-weight: 400; }}
td.n, th.n {{ text-align: right; font-variant-numeric: tabular-nums; }}
td.n {{ white-space: nowrap; }}
figure {{ margin: 1.25rem 0; }}
figcaption {{ font-weight: 700; }}
svg {{ display: block; max-width: 100%; height: auto; margin-top: .5rem; }}
svg text {{ font: 14px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: {INK}; }}
code {{ font-size: .95em; }}
"""


def _e(text):
    return html.escape(str(text), quote=True)


def _day(day):
    return f"{day.day} {day:%B %Y}"


def _short_day(day):
    return f"{day.day} {day:%b}"


def _cut(text, length=36):
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def bar_chart(chart_id, title, rows, colour=ACCENT):
    """Horizontal bars, one per (label, value), each label above its bar so the
    chart stays narrow enough to read on a phone; the same numbers are in the table."""
    if not rows:
        return ""
    bar_width, row_height = 340, 44
    top = max(value for _, value in rows) or 1
    shapes = []
    for index, (label, value) in enumerate(rows):
        y = index * row_height
        length = round(bar_width * value / top)
        shapes.append(
            f'<text x="0" y="{y + 15}">{_e(_cut(label, 48))}</text>'
            f'<rect x="0" y="{y + 21}" width="{max(length, 1)}" height="14" fill="{colour}"/>'
            f'<text x="{length + 6}" y="{y + 33}">{value:,}</text>')
    return _figure(chart_id, title, bar_width + 60, row_height * len(rows), shapes)


def column_chart(chart_id, title, columns, colour=ACCENT):
    """Vertical columns, one per (label, value), for the weekly trend. Many weeks
    make thinner columns, with fewer labels, in the same width."""
    if not columns:
        return ""
    slot = min(58, 560 / len(columns))
    every = math.ceil(52 / slot)  # one label per 52 units, so labels never overlap
    plot_height, top = 160, max(value for _, value in columns) or 1
    shapes = []
    for index, (label, value) in enumerate(columns):
        x, middle = index * slot, index * slot + slot * 0.4
        size = round(plot_height * value / top)
        y = 20 + plot_height - size
        shapes.append(f'<rect x="{x:.1f}" y="{y}" width="{slot * 0.8:.1f}" height="{max(size, 1)}" '
                      f'fill="{colour}"/>')
        if index % every == 0:
            shapes.append(f'<text x="{middle:.1f}" y="{plot_height + 38}" text-anchor="middle">'
                          f'{_e(label)}</text>')
            if slot >= 40:
                shapes.append(f'<text x="{middle:.1f}" y="{y - 5}" text-anchor="middle">{value:,}</text>')
    return _figure(chart_id, title, math.ceil(slot * len(columns)), plot_height + 48, shapes)


def _figure(chart_id, title, width, height, shapes):
    """A chart with its visible title, which is also its accessible name."""
    return (f'<figure><figcaption id="{chart_id}-title">{_e(title)}</figcaption>'
            f'<svg id="{chart_id}" role="img" aria-labelledby="{chart_id}-title" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
            f'{"".join(shapes)}</svg></figure>')


def table(table_id, caption, headings, rows, text_columns=(0,)):
    """A table with a caption; the first cell of each row is its header; columns
    other than `text_columns` are numbers, aligned right."""
    def cell(tag, index, value, scope=""):
        css = "" if index in text_columns else ' class="n"'
        return f"<{tag}{scope}{css}>{value}</{tag}>"

    head = "".join(cell("th", i, _e(h), ' scope="col"') for i, h in enumerate(headings))
    body = []
    for row in rows:
        cells = [cell("th", 0, _e(row[0]), ' scope="row"')]
        cells += [cell("td", i, _e(f"{v:,}" if isinstance(v, int) else v)) for i, v in enumerate(row[1:], 1)]
        body.append("<tr>" + "".join(cells) + "</tr>")
    if not rows:
        body.append(f'<tr><td colspan="{len(headings)}">None in this period.</td></tr>')
    # A narrow screen scrolls the table sideways, not the page; the keyboard can too.
    return (f'<div class="scroll" role="region" tabindex="0" aria-labelledby="{table_id}-caption">'
            f'<table id="{table_id}"><caption id="{table_id}-caption">{_e(caption)}</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>')


def render_report(summary, site, generated_on, since=None):
    """The whole report: one HTML page, inline style and SVG, nothing fetched."""
    first = since or summary.first_day
    period = (f"{_day(first)} to {_day(summary.last_day)}" if summary.last_day
              else "No visits were recorded in this period.")
    articles = article_rows(summary, site)
    topics = topic_rows(summary, site)
    total_views = sum(summary.views.values())
    total_requests = sum(summary.requests.values())
    article_views = sum(r.views for r in articles)
    article_requests = sum(r.requests for r in articles)

    def per_hundred(row):
        return "–" if row.per_hundred is None else f"{row.per_hundred:.1f}"

    sources = sorted(summary.requests.items(), key=lambda item: (-item[1], source_label(item[0], site)))
    arrivals = [("Search engines", summary.arrivals["search"]),
                ("Links on other sites", summary.arrivals["other site"]),
                ("Direct: typed, bookmarked, from an app or email", summary.arrivals["direct"])]
    week_list = weeks(summary)
    missing = sorted(summary.not_found.items(), key=lambda item: (-item[1], item[0]))[:25]

    sections = [
        f"""<h1>Visits and consultation requests</h1>
<p class="period">{_e(period)}</p>
<p class="note">From the web server's own log, which records no one: no addresses, no cookies, no
times of day. Made on {_e(_day(generated_on))}. For staff only; please do not publish or forward it.</p>
<dl class="glance">
<div><dt>Page views by readers</dt><dd>{total_views:,}</dd></div>
<div><dt>Consultation requests</dt><dd>{total_requests:,}</dd></div>
<div><dt>From articles</dt><dd>{article_requests:,}</dd></div>
<div><dt>Arrivals from search engines</dt><dd>{summary.arrivals["search"]:,}</dd></div>
</dl>""",
        f"""<h2 id="articles">Which articles lead to consultations</h2>
<p>A consultation request is a click on “Book a free consultation” that took the reader on to the
booking service. Articles with the most requests come first.</p>
{bar_chart("chart-article-requests", "Consultation requests by article",
           [(r.article.title, r.requests) for r in articles[:10]])}
{table("table-articles", f"Views and consultation requests by article ({article_views:,} views)",
       ["Article", "Views", "Consultation requests", "Requests per 100 views"],
       [(r.article.title, r.views, r.requests, per_hundred(r)) for r in articles])}""",
        f"""<h2 id="sources">Where every consultation request started</h2>
<p>Every booking link on the site, articles and others: the home page, topic pages and the contact
page (where the header's “Book a free consultation” button leads).</p>
{table("table-sources", "Consultation requests by the page the reader was on",
       ["Page", "Consultation requests"], [(source_label(s, site), n) for s, n in sources])}""",
        f"""<h2 id="topics">Reading by topic</h2>
<p>Views of each topic's articles (an article on two topics counts for both) and of the topic's own
page, and the consultation requests that started from either.</p>
{bar_chart("chart-topics", "Views of each topic's articles",
           [(r.name, r.article_views) for r in topics[:10]])}
{table("table-topics", "Views and consultation requests by topic",
       ["Topic", "Article views", "Topic page views", "Consultation requests"],
       [(r.name, r.article_views, r.page_views, r.requests) for r in topics])}""",
        f"""<h2 id="arrivals">How readers arrive</h2>
<p>Page views where the reader came from another site or from no site at all. Moving from one of our
pages to another ({summary.arrivals["within the site"]:,} views) is not counted here. Browsers only tell
the name of the site they came from, never the page or the search words.</p>
{bar_chart("chart-arrivals", "Arrivals by where readers came from", arrivals, ACCENT_2)}
{table("table-arrivals", "Arrivals by where readers came from", ["Came from", "Page views"], arrivals)}
{table("table-search-engines", "Arrivals by search engine", ["Search engine", "Page views"],
       summary.search_engines.most_common())}
{table("table-referring-sites", "Other sites that sent readers (the 20 that sent most)",
       ["Site", "Page views"], summary.referring_sites.most_common(20))}""",
        f"""<h2 id="not-found">Pages not found</h2>
<p>Addresses that do not exist on the site. Those with a site in the last column are broken links on
that site (worth asking them to fix, or redirecting); the others are often mistyped addresses or
robots probing for weaknesses. The 25 asked for most.</p>
{table("table-not-found", "Addresses not found", ["Address", "Times asked", "Linked from"],
       [(path, n, ", ".join(h for h, _ in summary.not_found_from[path].most_common(3)) or "–")
        for path, n in missing], text_columns=(0, 2))}""",
        f"""<h2 id="weekly">Week by week</h2>
{column_chart("chart-weekly-views", "Page views by readers, week by week",
              [(_short_day(w), summary.weekly_views[w]) for w in week_list])}
{column_chart("chart-weekly-requests", "Consultation requests, week by week",
              [(_short_day(w), summary.weekly_requests[w]) for w in week_list], ACCENT_2)}
<p>Weeks start on Monday. The first and last weeks may have fewer days in this period: see the table.</p>
{table("table-weekly", "Page views and consultation requests by week",
       ["Week of", "Days counted", "Page views", "Consultation requests"],
       [(_day(w), days_counted(w, first, summary.last_day), summary.weekly_views[w],
         summary.weekly_requests[w]) for w in week_list])}""",
        f"""<h2 id="limits">What these numbers cannot tell</h2>
<ul>
<li>Phone calls, texts and emails are not counted: a <code>tel:</code> link goes straight to the phone.</li>
<li>A consultation request is a click on a booking link, not a booked appointment.</li>
<li>Views are page loads, not people: we cannot tell readers apart, by design. A reader who reads an
article twice counts twice.</li>
<li>Robots that say so are left out ({summary.robot_requests:,} requests); some do not say so.</li>
<li>Readers whose browser or app hides where they came from count as direct.</li>
<li>Lines of the log that were not in the expected form: {summary.unreadable_lines:,}.</li>
</ul>""",
    ]
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="robots" content="noindex">
<title>Visits and consultation requests: {_e(period)}</title>
<link rel="icon" href="data:,">
<style>{STYLE}</style>
</head>
<body>
<main>
{"".join(section + chr(10) for section in sections)}</main>
</body>
</html>
"""
