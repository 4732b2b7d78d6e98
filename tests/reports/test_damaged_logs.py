"""The report survives what a real log folder may hold: damaged or cut-off rotated files,
a file that is not gzip though its name says so, a line from a clock reset to 1970, a
flood of different missing paths, and email addresses written by an older server."""

import gzip
import json
import subprocess
import sys
import textwrap
from datetime import date

from bs4 import BeautifulSoup

from tests.helpers import ROOT
from uplift.commands import visits as visits_command
from uplift.commands.project import Project
from uplift.reports.report import render_report
from uplift.reports.visits import Article, Site, log_period, summarise, weeks

SITE = Site(origin="https://www.example.com",
            articles={"/a/": Article("/a/", "a", "Article A", ("Communication",))},
            topics={"communication": "Communication"})


def line(day, path, status=200, ref="-", ua="Firefox", source="-"):
    return f'{day} "GET {path}" {status} from={source} ref={ref} ua={ua}\n'


def day_lines(day, views):
    return "".join(line(day, "/a/") for _ in range(views))


def write_site_index(folder):
    folder.mkdir()
    (folder / "site-index.json").write_text(json.dumps({
        "origin": SITE.origin, "topics": SITE.topics,
        "articles": [{"path": a.path, "slug": a.slug, "title": a.title, "topics": list(a.topics)}
                     for a in SITE.articles.values()]}))
    return folder


def table(soup, table_id):
    return {row.th.get_text(strip=True): [cell.get_text(strip=True) for cell in row.find_all("td")]
            for row in soup.select(f"#{table_id} tbody tr") if row.th}


def test_damaged_files_are_named_and_the_rest_is_reported(tmp_path, capsys):
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "access.log").write_text(day_lines("2026-11-20", 3) + line("1970-01-01", "/a/"))
    (logs / "access.log.1").write_text(day_lines("2026-11-19", 2))
    # Cut off part way (a copy interrupted, a disk filled): its first lines are still read.
    whole = gzip.compress(day_lines("2026-11-18", 2000).encode())
    (logs / "access.log.2.gz").write_bytes(whole[: len(whole) // 2])
    (logs / "access.log.3.gz").write_text(day_lines("2026-11-17", 5))  # not compressed at all
    (logs / "access.log.4.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 40)  # a broken header
    output = tmp_path / "report.html"

    visits_command.report(Project(ROOT), [str(logs)], output=str(output),
                          site=str(write_site_index(tmp_path / "site")))

    stderr = capsys.readouterr().err
    assert "Traceback" not in stderr
    warned = [warning for warning in stderr.splitlines() if warning.startswith("Warning: ")]
    assert len(warned) == 3, stderr
    assert "access.log.2.gz ends early" in warned[0] and "first " in warned[0]
    assert "access.log.3.gz is not a whole gzip file" in warned[1] and "nothing in it is counted" in warned[1]
    assert "access.log.4.gz" in warned[2]
    soup = BeautifulSoup(output.read_text(), "html.parser")
    notes = soup.select(".warnings li")
    assert [note.get_text() for note in notes] == [warning.removeprefix("Warning: ") for warning in warned]
    views = int(table(soup, "table-articles")["Article A"][0])
    read_from_cut_file = int(warned[0].split("first ")[1].split(" ")[0].replace(",", ""))
    assert 0 < read_from_cut_file < 2000
    assert views == 3 + 2 + read_from_cut_file
    # The 1970 line is counted apart: the weekly table covers the log's real week only.
    assert len(soup.select("#table-weekly tbody tr")) == 1
    assert "dated 1 January 1970" in soup.get_text()


def test_a_line_from_a_wrong_clock_is_counted_apart():
    lines = [line("2026-11-02", "/a/"), line("1970-01-01", "/a/"), line("2026-11-20", "/a/"),
             line("2091-05-05", "/a/")]
    period = log_period(lines, today=date(2026, 12, 1))
    assert (period.first_day, period.last_day) == (date(2026, 11, 2), date(2026, 11, 20))
    summary = summarise(lines, period=period)
    assert summary.views == {"/a/": 2}
    assert summary.outside_period == 2
    assert summary.outside_days == (date(1970, 1, 1), date(2091, 5, 5))
    assert len(weeks(summary)) == 3


def test_the_period_is_the_year_holding_most_of_the_log():
    lines = [line("2024-01-10", "/a/")] * 5 + [line("2025-06-01", "/a/")] * 20 + [line("2026-01-01", "/a/")] * 9
    period = log_period(lines)
    assert (period.first_day, period.last_day) == (date(2025, 6, 1), date(2026, 1, 1))


def test_addresses_in_paths_of_older_logs_are_never_shown():
    lines = [line("2026-11-02", "/alice.smith@example.com/", 404),
             line("2026-11-02", "/contact/Bob.Jones%40Example.org", 404),
             line("2026-11-02", "/x/carol%2540example.net/y/", 404),
             line("2026-11-02", "/dave\\x40example.com/", 404)]  # as nginx escapes bytes
    summary = summarise(lines)
    assert dict(summary.not_found) == {"/[email]/": 2, "/contact/[email]": 1, "/x/[email]/y/": 1}
    page = render_report(summary, SITE, date(2026, 11, 30)).lower()
    for secret in ("alice", "bob", "carol", "dave", "example.com", "example.org", "example.net", "@"):
        assert secret not in page, secret


# Run apart, so its peak memory is its own: a million different missing paths, and a few
# asked for often.
FLOOD = textwrap.dedent("""
    import json, resource, sys
    from datetime import date
    from bs4 import BeautifulSoup
    from uplift.reports.report import render_report
    from uplift.reports.visits import Site, read_log_lines, summarise
    summary = summarise(read_log_lines([sys.argv[1]]), {"www.example.com"})
    page = render_report(summary, Site(), date(2026, 11, 30))
    rows = [[cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
            for row in BeautifulSoup(page, "html.parser").select("#table-not-found tbody tr")]
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    print(json.dumps(rows))
""")


def test_a_million_different_missing_paths_stay_in_bounded_memory(tmp_path):
    log = tmp_path / "access.log"
    with log.open("w") as out:
        for n in range(1_000_000):
            out.write(f'2026-11-02 "GET /probe/{n:07d}/wp-login.php" 404 from=- ref=spam-{n}.example ua=bot\n')
            if n % 1000 == 0:
                out.write('2026-11-02 "GET /old-post/" 404 from=- ref=blog.example.net ua=Firefox\n')
            if n % 2000 == 0:
                out.write('2026-11-02 "GET /older-post/" 404 from=- ref=- ua=Firefox\n')
    result = subprocess.run([sys.executable, "-c", FLOOD, str(log)], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    peak_megabytes, rows = result.stdout.splitlines()
    # Counting every path took 929 MB; held to the kept ones, the process (Python, the report's
    # libraries and the kept tables) stays near 150 MB: the bound leaves room for a busier machine.
    assert int(peak_megabytes) < 300, peak_megabytes
    rows = json.loads(rows)
    assert rows[0] == ["/old-post/", "1,000", "blog.example.net"]
    assert rows[1] == ["/older-post/", "500", "–"]
    assert len(rows) == 26  # the 25 asked for most, and the rest together
    assert rows[-1][0] == "Other addresses, together"
    shown = sum(int(row[1].replace(",", "")) for row in rows[:-1])
    assert int(rows[-1][1].replace(",", "")) == 1_000_000 + 1000 + 500 - shown
