"""Pure functions that turn collected log records into one plain report."""

from typing import NamedTuple


class Problem(NamedTuple):
    level: str  # "warning", "error" or "critical"
    message: str


def unique_problems(problems):
    """The problems in the order they happened, each once."""
    return list(dict.fromkeys(problems))


def format_report(problems):
    """A report a writer can act on: a count, then one entry per problem."""
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    lines = [f"The build found {count} {noun}. Fix each one below, then build again:"]
    for number, problem in enumerate(problems, start=1):
        first, *rest = problem.message.splitlines() or [""]
        lines.append(f"  {number}. [{problem.level}] {first}")
        lines.extend(f"     {line}" for line in rest)
    return "\n".join(lines)
