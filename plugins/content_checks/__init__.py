"""content_checks: every content rule, run before each build and by `invoke check`.

The rules (rules.py) cover metadata, slugs, links between posts, images,
unsafe HTML, heading levels, encoding and leftover placeholders. Each problem
is one line, "path:line: what is wrong. what to do".

In a strict build (STRICT_BUILD, the default) any problem in a post that is to
be published stops the build before Pelican reads anything, and every problem
is listed at once. In the live preview (STRICT_BUILD = False) problems are
shown in the terminal and, through `content_problems`, on the page itself.
A draft's problems never stop a build: drafts may be unfinished.

Also gives each article `reviewed_on` as a date (from its Reviewed_on field)
and `is_scheduled` (its date is still to come).

Settings:
    SUMMARY_LENGTH ((int, int), default (70, 160)): allowed Summary length.
"""

import logging
import os
import sys

from pelican import signals
from pelican.utils import get_date

from .rules import Problem
from .site import Report, check_site, format_report

__all__ = ["register", "check_site", "format_report", "Problem", "Report"]

logger = logging.getLogger(__name__)
_last_report = Report()


def run_checks(pelican):
    """Check the content before Pelican reads it."""
    global _last_report
    _last_report = report = check_site(pelican.settings)
    strict = pelican.settings.get("STRICT_BUILD", True)
    for problem in report.draft_warnings:  # printed, not logged: never fails a build
        sys.stderr.write(f"Draft, fix before publishing: {problem}\n")
    if strict:
        # A strict build leaves out drafts with problems, so that Pelican's own
        # complaints about them cannot fail it; the preview still shows them.
        for path in sorted({problem.path for problem in report.draft_warnings}):
            pelican.settings["IGNORE_FILES"] = [*pelican.settings["IGNORE_FILES"],
                                                os.path.basename(path)]
            sys.stderr.write(f"Draft left out of this build until its problems are fixed: {path}\n")
    for path, date, _ in report.scheduled:
        sys.stderr.write(f"Scheduled: {path} waits for its date, {date:%Y-%m-%d %H:%M}; "
                         "it is left out of the published site until then.\n")
    if report.errors and strict:
        sys.stderr.write("The content check found problems; nothing was built.\n"
                         + format_report(report) + "\n")
        raise SystemExit(1)
    for problem in report.errors:
        logger.warning("%s", problem)


def attach_problems(content):
    """Let templates show a post's own problems, and whether it waits for its date."""
    content.content_problems = _last_report.problems_by_source.get(content.source_path, [])
    content.is_scheduled = any(content.source_path == absolute
                               for _, _, absolute in _last_report.scheduled)
    reviewed_on = content.metadata.get("reviewed_on")
    if isinstance(reviewed_on, str):
        try:
            content.reviewed_on = get_date(reviewed_on)
            content.locale_reviewed_on = content.reviewed_on.strftime(content.date_format)
        except ValueError:
            content.reviewed_on = None  # reported by the checks


def register():
    signals.initialized.connect(run_checks)
    signals.content_object_init.connect(attach_problems)
