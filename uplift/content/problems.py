"""The one problem type: something a writer must fix, where, and how."""

import os
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem, printed as "path:line: what is wrong. what to do".

    `path` is as the writer knows it (see shown_path); "" for a problem that
    belongs to no file (a plugin that failed, a search index that did not build).
    """
    path: str
    line: int
    message: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.message}" if self.path else self.message


def shown_path(path):
    """A path as the writer knows it: relative to the working folder when inside it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def count(number, noun):
    return f"{number} {noun}{'' if number == 1 else 's'}"


def format_problems(problems, then="build again"):
    """Every problem on its own line, then what to do: the text a writer reads."""
    files = {problem.path for problem in problems}
    lines = [str(problem) for problem in problems]
    where = f" in {count(len(files - {''}), 'file')}" if files - {""} else ""
    lines.append(f"{count(len(problems), 'problem')}{where}. Fix {'it' if len(problems) == 1 else 'them'}, "
                 f"then {then}.")
    return "\n".join(lines)
