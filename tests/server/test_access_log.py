"""The server's log identifies no one; /book/ is counted; old logs are deleted.

Real nginx on loopback, with the project's configuration, serving a production
build; real logrotate; `invoke report` on what nginx wrote."""

import gzip
import http.client
import os
import re
import socket
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from tests.helpers import ROOT, serve_for_tests
from uplift.commands import webserver
from uplift.commands.publishing import production_settings
from uplift.reports.visits import parse_line
from uplift.server.access_log import LOG_RETENTION_DAYS
from uplift.server.config import Booking, logrotate_config, nginx_site_config
from uplift.server.headers import SECURITY_HEADERS
from uplift.site.booking import booking_link

EMOTIONAL = "Understanding Why Emotional Intimacy Fades in Your Relationship and How to Get It Back"
READER = "127.0.0.77"  # a known address on loopback: it must never reach the log
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME_PHONE = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                "Chrome/130.0.6723.58 Mobile Safari/537.36")
SAFARI_PHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
                "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1")
EDGE = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0")
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"

# What the readers send: (user agent, path with query, referrer).
REQUESTS = [
    (FIREFOX, "/emotional-intimacy-fades/?utm_source=newsletter&email=jane.doe%40example.com&from=home",
     "https://jane:secret@www.google.com/search?q=jane+doe+couples+therapy"),
    (CHROME_PHONE, "/when-the-spark-fades/", "https://forum.example.org/thread/123?user=jane"),
    (SAFARI_PHONE, "/emotional-intimacy-fades/", None),
    (EDGE, "/book/?from=emotional-intimacy-fades&name=Jane%20Doe", None),
    (FIREFOX, "/book/?from=emotional-intimacy-fades", None),
    (SAFARI_PHONE, "/book/?from=home", None),
    (GOOGLEBOT, "/book/?from=when-the-spark-fades", None),
    (FIREFOX, "/book/?from=%3Cscript%3Ealert(1)%3C/script%3E", None),
    (FIREFOX, "/old-article/?session=abc123", "https://blog.example.net/post/42"),
    # Email addresses in paths: as sent, percent-encoded, encoded twice, several.
    (FIREFOX, "/alice.smith@example.com/", None),
    (FIREFOX, "/contact/alice.smith%40example.com", None),
    (FIREFOX, "/write/Bob.Jones%2540Example.org/now/", None),
    (FIREFOX, "/to/carol@example.com/dave%40example.com/erin%252540example.com/page/", None),
]
# What the log must say for each, in order (after the day).
EXPECTED_LINES = [
    '"GET /emotional-intimacy-fades/" 200 from=home ref=www.google.com ua=Firefox',
    '"GET /when-the-spark-fades/" 200 from=- ref=forum.example.org ua=Chrome',
    '"GET /emotional-intimacy-fades/" 200 from=- ref=- ua=Safari',
    '"GET /book/" 302 from=emotional-intimacy-fades ref=- ua=Edge',
    '"GET /book/" 302 from=emotional-intimacy-fades ref=- ua=Firefox',
    '"GET /book/" 302 from=home ref=- ua=Safari',
    '"GET /book/" 302 from=when-the-spark-fades ref=- ua=bot',
    '"GET /book/" 302 from=- ref=- ua=Firefox',
    '"GET /old-article/" 404 from=- ref=blog.example.net ua=Firefox',
    '"GET /[email]/" 404 from=- ref=- ua=Firefox',
    '"GET /contact/[email]" 404 from=- ref=- ua=Firefox',
    '"GET /write/[email]/now/" 404 from=- ref=- ua=Firefox',
    '"GET /to/[email]/[email]/[email]" 404 from=- ref=- ua=Firefox',
]
# Nothing of these may reach the log: addresses, query strings, search words,
# credentials, browser versions, systems, devices.
NEVER_LOGGED = ["127.0.0.77", "::1", "jane", "doe", "secret", "utm_source", "newsletter", "email=",
                "couples", "q=", "thread", "123", "session", "abc", "script", "x11", "linux", "android",
                "pixel", "iphone", "windows", "mozilla", "gecko", "128.0", "130.0", "18.1", "googlebot",
                "@", "%40", "%25", "alice", "smith", "bob", "carol", "dave", "erin", "example.com"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ipv6_loopback():
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def logged_nginx(production, project, tmp_path_factory):
    """nginx with the production log format, on its own port, and its folder."""
    output = production[2]
    scratch = tmp_path_factory.mktemp("nginx-log")
    scratch.chmod(0o755)
    port = free_port()
    config = webserver.nginx_config_for(project, port, output, scratch, access_log=scratch / "access.log")
    # Test plumbing only: also listen on IPv6 loopback, and send nginx's own
    # messages to a file, which must then hold no reader's address either.
    text = config.read_text()
    if ipv6_loopback():
        listen = f"listen 127.0.0.1:{port};"
        text = text.replace(listen, f"{listen}\n    listen [::1]:{port};")
    config.write_text(text.replace("error_log stderr warn;", f"error_log {scratch}/nginx-error.log info;"))

    def answers():
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            return False

    for _ in serve_for_tests(["nginx", "-c", str(config)], answers, "nginx"):
        yield port, scratch


def request(port, path, user_agent, referrer=None, host="127.0.0.1", source=READER, method="GET"):
    connection = http.client.HTTPConnection(host, port, timeout=10,
                                            source_address=(source, 0) if source else None)
    headers = {"User-Agent": user_agent, **({"Referer": referrer} if referrer else {})}
    connection.request(method, path, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


@pytest.fixture(scope="module")
def traffic(logged_nginx, production):
    """Every reader's request made once; (responses, the log's lines, the folder)."""
    port, scratch = logged_nginx
    responses = [request(port, path, agent, referrer) for agent, path, referrer in REQUESTS]
    request(port, "/emotional-intimacy-fades/", FIREFOX, method="HEAD")  # not a visit
    if ipv6_loopback():  # moving from one of the site's pages to another, over IPv6
        request(port, "/when-the-spark-fades/", FIREFOX, f"{production[1]}/emotional-intimacy-fades/",
                host="::1", source=None)
    return responses, (scratch / "access.log").read_text().splitlines(), scratch


def test_the_log_holds_no_address_no_query_and_only_a_browser_family(traffic):
    _, lines, _ = traffic
    days = {line.split(" ", 1)[0] for line in lines}
    assert len(days) == 1 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", days.pop())  # the day, no time
    assert [line.split(" ", 1)[1] for line in lines[:len(EXPECTED_LINES)]] == EXPECTED_LINES
    text = "\n".join(lines).lower()
    for secret in NEVER_LOGGED:
        assert secret not in text, secret
    # The only address-like text left is the site's own host, as a referrer.
    assert not re.search(r"\d+\.\d+\.\d+\.\d+", text.replace("ref=127.0.0.1 ", ""))


def test_every_logged_line_is_one_the_report_reads(traffic):
    _, lines, _ = traffic
    assert all(parse_line(line) for line in lines), lines


def test_request_time_errors_do_not_write_the_address(traffic):
    _, _, scratch = traffic
    messages = (scratch / "nginx-error.log").read_text()
    assert READER not in messages and "client:" not in messages, messages


def test_book_redirects_to_the_booking_address_with_headers_and_no_caching(traffic, practice):
    responses, _, _ = traffic
    booking = responses[3]
    assert booking.status == 302
    assert booking.headers["Location"] == practice["booking_url"]  # the query is not passed on
    for name, value in SECURITY_HEADERS.items():
        assert booking.headers[name] == value, name
    assert booking.headers["Cache-Control"] == "no-store"


def test_report_counts_what_nginx_logged(traffic, production, tmp_path):
    _, _, scratch = traffic
    report = tmp_path / "report.html"
    result = subprocess.run([sys.executable, "-m", "invoke", "--search-root", str(ROOT), "report",
                             "--log", str(scratch / "access.log"), "--site", str(production[2]),
                             "--output", str(report)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "consultation requests 4" in result.stdout
    soup = BeautifulSoup(report.read_text(), "html.parser")

    def table(table_id):
        return {row.th.get_text(strip=True): [cell.get_text(strip=True) for cell in row.find_all("td")]
                for row in soup.select(f"#{table_id} tbody tr") if row.th}

    both = 2 if ipv6_loopback() else 1
    articles = table("table-articles")
    assert articles[EMOTIONAL] == ["2", "2", "100.0"]
    assert articles["When the Spark Fades: Finding Your Way Back to Intimacy"] == [str(both), "0", "0.0"]
    assert table("table-sources") == {
        EMOTIONAL: ["2"],
        "Home page": ["1"], "Not given": ["1"]}
    assert table("table-arrivals") == {"Search engines": ["1"], "Links on other sites": ["1"],
                                       "Direct: typed, bookmarked, from an app or email": ["1"]}
    assert table("table-search-engines") == {"Google": ["1"]}
    assert table("table-referring-sites") == {"forum.example.org": ["1"]}
    assert table("table-not-found") == {"/old-article/": ["1", "blog.example.net"], "/[email]/": ["1", "–"],
                                        "/contact/[email]": ["1", "–"], "/write/[email]/now/": ["1", "–"],
                                        "/to/[email]/[email]/[email]": ["1", "–"]}
    topics = table("table-topics")
    assert topics["Couples therapy"] == [str(2 + both), "0", "2"]
    page = report.read_text().lower()
    for secret in ("127.0.0.77", "jane", "secret", "utm_source", "newsletter", "abc123", "x11", "pixel",
                   "iphone", "128.0", "130.0", "alice", "bob", "carol", "example.com"):
        assert secret not in page, secret


def test_logrotate_reopens_nginx_logs_and_keeps_the_configured_days(traffic, tmp_path):
    """Debian's logrotate with our rules, nginx told to reopen its log as in production."""
    _, before, scratch = traffic
    log = scratch / "access.log"
    rules = tmp_path / "uplift"
    reopen = f"kill -USR1 $(cat {scratch}/nginx.pid)"  # what `invoke-rc.d nginx rotate` does
    rules.write_text(logrotate_config(log, days=2, reopen=reopen, owner=None))
    rotate = ["logrotate", "--force", "--state", str(tmp_path / "state"), str(rules)]
    assert subprocess.run(rotate, capture_output=True, text=True).returncode == 0
    assert (scratch / "access.log.1").read_text().splitlines() == before
    port = int(re.search(r"listen 127\.0\.0\.1:(\d+);", (scratch / "nginx.conf").read_text())[1])
    for _ in range(50):  # nginx's worker reopens the file on its next turn
        request(port, "/", FIREFOX)
        if log.read_text():
            break
    assert log.read_text().splitlines()[-1].endswith('"GET /" 200 from=- ref=- ua=Firefox')
    for _ in range(3):
        subprocess.run(rotate, check=True, capture_output=True)
    assert sorted(path.name for path in scratch.glob("access.log.*")) == ["access.log.1", "access.log.2.gz"]


def test_each_day_is_deleted_after_the_retention_days(tmp_path):
    """Real logrotate, day after day (forced), with a retention of 3 days."""
    folder = tmp_path / "logs"
    folder.mkdir()
    log = folder / "access.log"
    rules = tmp_path / "uplift"
    rules.write_text(logrotate_config(log, days=3, reopen="true", owner=None))
    rotate = ["logrotate", "--force", "--state", str(tmp_path / "state"), str(rules)]
    for day in range(6):
        log.write_text(f"day {day}\n")
        result = subprocess.run(rotate, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    kept = sorted(path.name for path in folder.iterdir())
    assert kept == ["access.log", "access.log.1", "access.log.2.gz", "access.log.3.gz"]
    assert (folder / "access.log.1").read_text() == "day 5\n"
    assert gzip.decompress((folder / "access.log.3.gz").read_bytes()) == b"day 3\n"
    # A rotated file older than the retention (say, left while logrotate did not run) goes too.
    stale = folder / "access.log.2.gz"
    os.utime(stale, (stale.stat().st_atime, stale.stat().st_mtime - 10 * 86400))
    log.write_text("day 6\n")
    subprocess.run(rotate, check=True, capture_output=True)
    assert sorted(path.name for path in folder.iterdir()) == ["access.log", "access.log.1", "access.log.2.gz"]


def test_deploy_config_writes_rules_that_logrotate_reads_with_the_stated_days(tmp_path, project):
    webserver.deploy_config(project, tmp_path)
    written = tmp_path / "logrotate.conf"
    result = subprocess.run(["/usr/sbin/logrotate", "--debug", "--state", str(tmp_path / "state"), str(written)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"rotating pattern: /var/log/uplift/access.log  after 1 days ({LOG_RETENTION_DAYS} rotations)" \
        in result.stderr + result.stdout, result.stderr


def test_the_privacy_page_states_what_is_logged_and_for_how_long():
    privacy = (ROOT / "content" / "pages" / "privacy.md").read_text(encoding="utf-8")
    assert f"{LOG_RETENTION_DAYS} days" in privacy
    for promise in ("never records your IP address", "browser family", "No cookies"):
        assert promise in privacy, promise


def test_every_server_block_logs_privately_and_nothing_logs_the_address():
    config = nginx_site_config(Booking("/book/", "https://booking.example/x"))
    servers = config.split("\nserver {")[1:]
    assert len(servers) == 2
    for server in servers:
        assert "access_log /var/log/uplift/access.log uplift_private;" in server
        assert "error_log /dev/null crit;" in server
    for identifying in ("$remote_addr", "$binary_remote_addr", "$http_x_forwarded_for", "$request ",
                        "$args", "$query_string", "$http_user_agent'", "$http_referer'", "$time_local"):
        assert identifying not in config.split("log_format")[1], identifying


@pytest.mark.parametrize("source, link", [
    ("emotional-intimacy-fades", "/book/?from=emotional-intimacy-fades"),
    ("topic-couples-therapy", "/book/?from=topic-couples-therapy"),
    ("a b&c", "/book/?from=a%20b%26c"),
])
def test_booking_link(source, link):
    settings = {"SITEURL": "", "BOOK_URL": "book/", "PRACTICE": {"booking_url": "https://b.example/x"}}
    assert booking_link(settings, source) == link


@pytest.mark.browser
def test_the_booking_service_learns_nothing_of_the_page(browser, nginx_origin, project):
    """A reader's click in Chromium: through /book/, on to the booking service with
    neither the query nor a referrer."""
    context = browser.new_context()
    arrived = []

    def booking_service(route):
        arrived.append((route.request.url, route.request.headers))
        route.fulfill(status=200, body="the booking service", content_type="text/plain")

    booking_url = production_settings(project)["PRACTICE"]["booking_url"]
    context.route(f"{booking_url}**", booking_service)
    page = context.new_page()
    page.goto(nginx_origin + "/emotional-intimacy-fades/")
    page.get_by_role("link", name="Book a free 15-minute consultation").click()
    page.wait_for_url(booking_url)
    assert [url for url, _ in arrived] == [booking_url]
    assert "referer" not in arrived[0][1]
    context.close()
