import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "plugins"))

from strict_build.report import Problem, format_report, unique_problems  # noqa: E402


def test_report_counts_and_numbers_every_problem():
    report = format_report([Problem("error", "first"), Problem("warning", "second")])
    assert report.splitlines() == [
        "The build found 2 problems. Fix each one below, then build again:",
        "  1. [error] first",
        "  2. [warning] second",
    ]


def test_report_keeps_continuation_lines_indented():
    report = format_report([Problem("error", "Could not process a.md\nbad date")])
    assert report.splitlines()[1:] == ["  1. [error] Could not process a.md", "     bad date"]


def test_duplicates_are_reported_once_in_order():
    problems = [Problem("error", "b"), Problem("error", "a"), Problem("error", "b")]
    assert unique_problems(problems) == [Problem("error", "b"), Problem("error", "a")]
