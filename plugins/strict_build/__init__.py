"""strict_build: a build that logs any warning or error fails, listing every problem.

Pelican's own `--fatal warnings` stops at the first problem, so a writer would
fix one thing, rebuild, and meet the next. This plugin instead collects every
log record at WARNING or above while the site builds, as site_content
Problems, and once the build is over prints them all together, each once, and
exits with status 1. content_checks takes the problems logged so far into its
own report (`logged_problems`), so that a build stopped for content mistakes
still names a plugin that failed.

Settings:
    STRICT_BUILD (bool, default True): exit non-zero when problems were logged.
        The live preview sets it to False: the same report is printed and the
        preview keeps serving.
"""

import logging
import sys

from pelican import signals

from site_content import Problem, format_problems

__all__ = ["register", "logged_problems", "report"]


class _ProblemCollector(logging.Handler):
    """Remembers every record at WARNING or above for the end-of-build report."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.problems: list[Problem] = []

    def emit(self, record):
        try:
            message = record.getMessage()
        except Exception:  # a malformed log call must not hide the others
            message = str(record.msg)
        # Pelican logs "Could not process FILE" inside an `except` block and
        # attaches the reason only in debug mode; the reason is what the writer
        # needs, so it is added here.
        if record.msg == "Could not process %s":
            reason = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
            if reason is not None:
                message = f"{message}: {reason}"
        self.problems.append(Problem("", 0, " ".join(message.split())))


# One collector per process: the live preview builds many times in one process.
_collector = _ProblemCollector()


def _not_collected(record):
    """Other handlers leave warnings and errors to the report: each problem is printed once."""
    return record.levelno < logging.WARNING or record.levelno >= logging.CRITICAL


def logged_problems():
    """The problems logged since the last call, in order, each once."""
    problems = list(dict.fromkeys(_collector.problems))
    _collector.problems.clear()
    return problems


def report(problems, settings, then="build again"):
    """Print every problem at once; stop a strict build."""
    if not problems:
        return
    sys.stderr.write(format_problems(problems, then) + "\n")
    sys.stderr.flush()
    if settings.get("STRICT_BUILD", True):
        raise SystemExit(1)


def attach_collector(pelican=None):
    """Collect every problem from now on, whatever the verbosity asked for.

    Called again when the build starts, to connect the report to `finalized`
    only then: after every plugin has connected its own finalized handlers, so
    that problems they log (the search index, compression) are reported too."""
    if pelican is not None:
        signals.finalized.connect(report_problems)
    root = logging.getLogger()
    for logger in (root, logging.getLogger("pelican")):
        if logger.level > logging.WARNING:
            # `pelican -q` would stop warnings before any handler sees them: keep
            # the console as quiet as asked, but let the collector hear them all.
            for handler in root.handlers:
                handler.setLevel(max(handler.level, logger.level))
            logger.setLevel(logging.WARNING)
    for handler in root.handlers:
        if handler is not _collector and _not_collected not in handler.filters:
            handler.addFilter(_not_collected)
    root.addHandler(_collector)  # idempotent for the same handler


def report_problems(pelican):
    report(logged_problems(), pelican.settings)


# Attached as soon as this module is loaded (it comes first in PLUGINS), so that
# a plugin that fails to load is counted as a problem too.
attach_collector()


def register():
    signals.initialized.connect(attach_collector)
