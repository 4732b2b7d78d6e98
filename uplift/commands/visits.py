"""The visits report: the server's log, counted, as one HTML page for staff."""

import os
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

from uplift.reports import visits
from uplift.reports.report import render_report


def report(project, logs, since=None, output="visits-report.html", site=None):
    """Write one HTML page of visits and consultation requests, from the server's log."""
    if not logs:
        sys.exit("Name the log: invoke report --log /var/log/uplift/ (the folder, or one file).")
    missing = [path for path in logs if not Path(path).exists()]
    if missing:
        sys.exit(f"No such log: {', '.join(missing)}")
    try:
        first_day = date.fromisoformat(since) if since else None
    except ValueError:
        sys.exit(f"--since takes a date such as 2026-11-01, not {since!r}.")
    folder = Path(site).resolve() if site else project.output
    index = folder / project.settings()["SITE_INDEX_SAVE_AS"]
    if not index.is_file():
        if site:
            sys.exit(f"{site} holds no built site (no {index.name}).")
        project.build_or_exit(project.dev_settings)
    target = Path(output).resolve()
    if target.is_relative_to(folder) or target.is_relative_to(project.content):
        sys.exit("The report is for staff only: write it outside the site's output and content folders.")

    built = visits.read_site_index(index)
    # Moving between the site's own pages is not an arrival, whichever build named them.
    published_origin = project.settings(project.publish_settings)["SITE_ORIGIN"]
    own_hosts = {urlparse(built.origin).hostname, urlparse(published_origin).hostname}
    # Two passes over the files, not one held in memory: the first finds the days the log
    # covers (so a line from a wrong clock is counted apart), the second counts.
    warnings = []
    period = visits.log_period(visits.read_log_lines(logs, warnings), today=date.today())
    summary = visits.summarise(visits.read_log_lines(logs), own_hosts - {None}, since=first_day,
                               period=period)
    for warning in warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    target.write_text(render_report(summary, built, date.today(), since=first_day, warnings=warnings),
                      encoding="utf-8")
    leaders = [f"{row.article.title} ({row.requests})"
               for row in visits.article_rows(summary, built)[:3] if row.requests]
    shown = os.path.relpath(target) if target.is_relative_to(Path.cwd()) else target
    print(f"Wrote {shown}: page views {sum(summary.views.values())}, "
          f"consultation requests {sum(summary.requests.values())}.")
    if leaders:
        print("Articles leading to the most consultation requests: " + "; ".join(leaders))
