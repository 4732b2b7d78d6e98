"""Visits and consultation requests, counted from the web server's own log.

Pure functions, joined by `invoke report`:

    parse_line(line)            one line of the access log -> Hit (or None)
    read_log_lines(paths, ...)  the lines of the logs; a damaged file is named and skipped
    log_period(lines, ...)      the days the log plausibly covers (a wrong clock's lines are not)
    read_site_index(path)       what a build published -> its articles, topics and origin
    summarise(lines, ...)       the lines -> counts (Summary), in bounded memory

report.py turns the counts into one self-contained HTML page.

The log holds only what uplift/server/access_log.py lets through:
the day, the method, the path without its query, the status, the allowlisted
`from=`, the referring host and the browser family. The report shows nothing
finer, and makes no network request (inline style and SVG only). An email
address in a path (older logs were written before the server replaced them) is
shown as [email].

The log is outside input: any number of different paths, referrers or dates
may be in it. Tables of such values keep their most counted entries and count
the rest together (TopCounter), so memory stays bounded whatever the log holds.
"""

import gzip
import heapq
import json
import re
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from operator import itemgetter
from pathlib import Path
from urllib.parse import unquote

from uplift.server.access_log import EMAIL_AT, EMAIL_MARK

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
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2}) ")
# A path segment holding an email address, as sent or percent-encoded (the server's own rule).
_ADDRESS_SEGMENT = re.compile(r"[^/]*" + EMAIL_AT + r"[^/]*", re.I)
# The days one report may cover: a year, more than the server keeps (LOG_RETENTION_DAYS).
# Lines dated outside the year holding most of the log (a clock reset to 1970, say) are
# counted apart.
PERIOD_DAYS = 366
# How many different values a table keeps (TopCounter): twice as many are held at most.
KEPT_VALUES = 2000


class TopCounter(Counter):
    """A Counter that holds at most 2 * `keep` different values: when it would hold more, it
    keeps the `keep` most counted and adds the others' counts to `rest`. Exact while it has
    dropped none (`trimmed` 0); after that a count may be lower than the true one (what a
    value had counted before it was dropped is in `rest`), never higher. The sum of the
    counts and `rest` is always exact."""

    def __init__(self, keep=KEPT_VALUES):
        super().__init__()
        self.keep = keep
        self.rest = 0  # counts of dropped values
        self.trimmed = 0  # how many times values were dropped

    def __missing__(self, key):
        # Asked for a value it does not hold (`counter[new] += 1`): room is made before it is
        # added. Only here, so counting a value already held costs what a Counter's does.
        if len(self) >= 2 * self.keep:
            kept = heapq.nlargest(self.keep, self.items(), key=itemgetter(1))
            self.rest += sum(self.values()) - sum(count for _, count in kept)
            self.trimmed += 1
            dict.clear(self)
            dict.update(self, kept)
        return 0

    def total_count(self):
        return sum(self.values()) + self.rest


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
    /x/index.html as /x/, any part holding an email address as [email]."""
    path = raw
    if "\\" in path or "%" in path:  # most paths have no escapes: the report reads millions
        text = _NGINX_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), raw)
        path = unquote(text.encode("latin-1", "replace").decode("utf-8", "replace"))
    if "@" in path or "%" in path:
        path = _ADDRESS_SEGMENT.sub(EMAIL_MARK, path)
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


def read_log_lines(paths, warnings=None):
    """Every line of the given logs; a folder stands for its access.log* files
    (today's and the rotated ones, gzipped or not). A file that cannot be read,
    or is damaged part way, is named in `warnings` (a list, added to) and the
    others are read: of a damaged file, the lines before the damage are kept."""
    files = []
    for path in map(Path, paths):
        files += sorted(path.glob("access.log*")) if path.is_dir() else [path]
    for file in files:
        opener = gzip.open if file.suffix == ".gz" else open
        read = 0
        try:
            with opener(file, "rt", encoding="utf-8", errors="replace") as lines:
                for line in lines:
                    read += 1
                    yield line
        except (OSError, EOFError, zlib.error) as error:  # BadGzipFile is an OSError
            if warnings is not None:
                warnings.append(damaged_file_warning(file, error, read))


def damaged_file_warning(file, error, read):
    if isinstance(error, EOFError):
        what = "ends early (cut off while it was written or copied)"
    elif isinstance(error, (gzip.BadGzipFile, zlib.error)):
        what = "is not a whole gzip file (damaged, or not compressed though its name ends in .gz)"
    else:
        what = f"could not be read ({error.strerror or error})"
    kept = (f"its first {read:,} lines are counted" if read else "nothing in it is counted")
    return f"{file} {what}: {kept}; the other files are counted as usual."


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


def read_site_index(path):
    """The articles, topics and origin a build published (its site-index.json, uplift.site.site_index)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    articles = {article["path"]: Article(article["path"], article["slug"], article["title"],
                                         tuple(article["topics"]))
                for article in data["articles"]}
    return Site(origin=data["origin"], articles=articles, topics=dict(data["topics"]))


# --- Counting -----------------------------------------------------------------------------

def is_page(path):
    return path.endswith("/") and not path.startswith(NOT_PAGES)


def search_engine(host):
    """The search engine a referring host belongs to, or None."""
    bare = host.removeprefix("www.")
    return next((name for name, pattern in SEARCH_ENGINES if pattern.match(bare)), None)


def week_of(day):
    return day - timedelta(days=day.weekday())  # its Monday


@dataclass(frozen=True)
class Period:
    """The days a log plausibly covers (log_period), both included."""
    first_day: date
    last_day: date


def log_period(lines, today=None, days=PERIOD_DAYS):
    """The `days` days holding most of the lines (the latest such, on a tie), none after
    `today`; None for a log with no dated line. One pass, reading only each line's day."""
    counts = TopCounter()
    for line in lines:
        match = _DAY.match(line)
        try:
            day = date.fromisoformat(match[1]) if match else None
        except ValueError:
            continue
        if day and not (today and day > today):
            counts[day] += 1
    dated = sorted(counts.items())
    if not dated:
        return None
    best, start, inside = None, 0, 0
    for last, count in dated:
        inside += count
        while (last - dated[start][0]).days >= days:
            inside -= dated[start][1]
            start += 1
        if best is None or inside >= best[0]:
            best = (inside, dated[start][0], last)
    return Period(best[1], best[2])


@dataclass
class Summary:
    first_day: date | None = None
    last_day: date | None = None
    views: Counter = field(default_factory=TopCounter)  # page path -> views by readers
    requests: Counter = field(default_factory=TopCounter)  # from= value ("" when none) -> booking clicks
    arrivals: Counter = field(default_factory=Counter)  # search, other site, direct, within the site
    search_engines: Counter = field(default_factory=Counter)
    referring_sites: Counter = field(default_factory=TopCounter)
    not_found: Counter = field(default_factory=TopCounter)  # path -> requests
    # path -> host -> n, for the paths not_found keeps
    not_found_from: dict = field(default_factory=lambda: defaultdict(partial(TopCounter, 10)))
    weekly_views: Counter = field(default_factory=Counter)  # Monday -> views
    weekly_requests: Counter = field(default_factory=Counter)
    robot_requests: int = 0
    unreadable_lines: int = 0
    outside_period: int = 0  # lines dated outside the log's period (log_period)
    outside_days: tuple = ()  # (earliest, latest) of those


def arrival_kind(referrer, own_hosts):
    if referrer is None:
        return "direct"
    if referrer in own_hosts:
        return "within the site"
    return "search" if search_engine(referrer) else "other site"


def summarise(lines, own_hosts=(), since=None, until=None, period=None):
    """Count readers' page views, booking clicks, arrivals and missing pages.

    Robots (by their user agent) are left out of every count but their own;
    HEAD requests are not visits. `own_hosts`: the site's host names (moving
    between its pages is not an arrival). `since`/`until`: dates, inclusive.
    `period` (log_period): lines dated outside it are counted apart, nothing else."""
    summary = Summary()
    own_hosts = {host.lower() for host in own_hosts}
    for line in lines:
        hit = parse_line(line)
        if hit is None:
            summary.unreadable_lines += 1
            continue
        if (since and hit.day < since) or (until and hit.day > until):
            continue
        if period and not period.first_day <= hit.day <= period.last_day:
            summary.outside_period += 1
            early, late = summary.outside_days or (hit.day, hit.day)
            summary.outside_days = (min(early, hit.day), max(late, hit.day))
            continue
        summary.first_day = min(summary.first_day or hit.day, hit.day)
        summary.last_day = max(summary.last_day or hit.day, hit.day)
        if hit.status == 404 and hit.method == "GET":
            trimmed = summary.not_found.trimmed
            summary.not_found[hit.path] += 1
            if summary.not_found.trimmed != trimmed:  # keep the hosts of the paths still counted
                kept = summary.not_found
                summary.not_found_from = defaultdict(partial(TopCounter, 10), {
                    path: hosts for path, hosts in summary.not_found_from.items() if path in kept})
            if hit.referrer and hit.referrer not in own_hosts and hit.path in summary.not_found:
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
