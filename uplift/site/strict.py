"""A build that logs any warning or error fails, listing every problem at once.

Pelican's own `--fatal warnings` stops at the first problem, so a writer would
fix one thing, rebuild, and meet the next. Instead every log record at WARNING
or above is collected while the site builds, as a Problem in the build's state,
and once the build is over they are printed together, each once, and the build
exits with status 1 (STRICT_BUILD). checking.py takes the problems logged so far
into its own report (`logged_problems`), so a build stopped for content mistakes
still names a part that failed.
"""

import logging
import sys

from pelican import signals

from uplift.content import Problem, format_problems

from . import state


class ProblemCollector(logging.Handler):
    """Hands every record at WARNING or above to the build that is running, as a Problem.

    One handler per process, attached when the site plugin is loaded (so a plugin
    that fails to load after it is counted too); each build points it at its own
    state when it starts."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.sink = []

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
        self.sink.append(Problem("", 0, " ".join(message.split())))

    def follow(self, build):
        """From now on, records belong to `build` (with those logged before it started)."""
        build.logged.extend(self.sink)
        self.sink = build.logged


COLLECTOR = ProblemCollector()


def _not_collected(record):
    """Other handlers leave warnings and errors to the report: each problem is printed once."""
    return record.levelno < logging.WARNING or record.levelno >= logging.CRITICAL


def logged_problems(build):
    """The problems logged so far in `build`, in order, each once; they are then taken."""
    problems = list(dict.fromkeys(build.logged))
    build.logged.clear()
    return problems


def report(problems, settings, then="build again"):
    """Print every problem at once; stop a strict build."""
    if not problems:
        return
    sys.stderr.write(format_problems(problems, then) + "\n")
    sys.stderr.flush()
    if settings["STRICT_BUILD"]:
        raise SystemExit(1)


def attach_collector():
    """Collect every problem from now on, whatever the verbosity asked for."""
    root = logging.getLogger()
    for logger in (root, logging.getLogger("pelican")):
        if logger.level > logging.WARNING:
            # `pelican -q` would stop warnings before any handler sees them: keep
            # the console as quiet as asked, but let the collector hear them all.
            for handler in root.handlers:
                handler.setLevel(max(handler.level, logger.level))
            logger.setLevel(logging.WARNING)
    for handler in root.handlers:
        if handler is not COLLECTOR and _not_collected not in handler.filters:
            handler.addFilter(_not_collected)
    root.addHandler(COLLECTOR)  # idempotent for the same handler


def start_build(pelican):
    """Point the collector at this build, and connect the report to `finalized` only now:
    after every part has connected its own finalized handlers, so that problems they log
    (the search index, compression) are reported too."""
    attach_collector()
    COLLECTOR.follow(state.of(pelican.settings))
    signals.finalized.connect(report_problems)


def report_problems(pelican):
    report(logged_problems(state.of(pelican.settings)), pelican.settings)


# Attached as soon as the site plugin is imported: Pelican imports every plugin before it
# registers any, so a plugin that fails to load after this one is counted too.
attach_collector()


def register():
    signals.initialized.connect(start_build)
