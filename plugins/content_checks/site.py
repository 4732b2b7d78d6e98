"""Run every rule over a content folder: the same checks for `invoke check` and each build."""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.utils import get_date

from topics.vocabulary import load_topics, shown_path, term_index

from .rules import Problem, SiteFacts, check_body, check_metadata, check_slugs, post_slug
from .source import parse_source


@dataclass
class Report:
    errors: list = field(default_factory=list)  # stop a build that publishes
    draft_warnings: list = field(default_factory=list)  # shown; fix before publishing
    scheduled: list = field(default_factory=list)  # (path, date, absolute path), future-dated
    reading_levels: dict = field(default_factory=dict)  # path -> grade
    files_checked: int = 0
    problems_by_source: dict = field(default_factory=dict)  # absolute path -> [Problem]


# The live preview checks the site on every save in one process: files that have
# not changed since are not read or checked again (keyed by size and mtime).
_PARSED = {}  # absolute path -> ((mtime_ns, size), Source)
_CHECKED = {}  # absolute path -> (Source, facts key, [Problem])


def _parsed(path, root):
    """(Source or None, Problem or None) for a content file, reusing an unchanged one."""
    absolute = str(path.resolve())
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    memo = _PARSED.get(absolute)
    if memo and memo[0] == stamp:
        return memo[1], None
    text, problem = _read(path)
    if problem:
        return None, problem
    source = parse_source(shown_path(path), text, path.relative_to(root).as_posix())
    source.absolute_path = absolute
    _PARSED[absolute] = (stamp, source)
    return source, None


def _read(path):
    """(text, problem or None): the file as UTF-8 text."""
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        return None, Problem(shown_path(path), line, "the file is not saved as UTF-8 text. Save it "
                             "again choosing the UTF-8 encoding (most editors offer it under Save As).")


def _known_urls(sources, topics, settings):
    urls = {"/", f"/{settings['ARCHIVES_URL']}", f"/{settings['TAGS_URL']}"}
    urls |= {"/" + settings["TAG_URL"].format(slug=topic.slug) for topic in topics}
    for source, kind in sources:
        if source.value("url"):
            urls.add("/" + source.value("url"))
        else:
            pattern = settings["ARTICLE_URL"] if kind == "article" else settings["PAGE_URL"]
            urls.add("/" + pattern.format(slug=post_slug(source, settings)))
    return urls


def check_site(settings, now=None, with_reading_levels=False):
    """Check every article, page and topic file under settings['PATH'].

    Reading levels are information for `invoke check` only: counting syllables
    costs more than every rule together, so builds leave it out."""
    root = Path(settings["PATH"])
    report = Report()
    topics, topic_problems = load_topics(root / settings.get("TOPICS_PATH", "topics"))
    report.errors += [Problem(shown_path(p.path), p.line, p.message) for p in topic_problems]
    files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}

    sources = []
    for kind, folders in (("article", settings["ARTICLE_PATHS"]), ("page", settings["PAGE_PATHS"])):
        for folder in folders:
            for path in sorted((root / folder).rglob("*.md")):
                report.files_checked += 1
                source, problem = _parsed(path, root)
                if problem:
                    report.errors.append(problem)
                    continue
                sources.append((source, kind))

    facts = SiteFacts(files=files, urls=_known_urls(sources, topics, settings),
                      topic_index=term_index(topics),
                      summary_bounds=tuple(settings.get("SUMMARY_LENGTH", (70, 160))))
    facts_key = hash((frozenset(facts.files), frozenset(facts.urls), frozenset(facts.topic_index),
                      facts.summary_bounds))
    found = []
    for source, kind in sources:
        memo = _CHECKED.get(source.absolute_path)
        if memo and memo[0] is source and memo[1] == facts_key:
            found += memo[2]  # unchanged file, unchanged site: the same problems
            continue
        pattern = settings["ARTICLE_URL"] if kind == "article" else settings["PAGE_URL"]
        url = source.value("url") or pattern.format(slug=post_slug(source, settings))
        problems = check_metadata(source, kind, facts) + check_body(source, url, facts)
        _CHECKED[source.absolute_path] = (source, facts_key, problems)
        found += problems
        if with_reading_levels and kind == "article" and source.text.strip():
            from .readability import grade_level  # loads a hyphenation dictionary: only when asked

            report.reading_levels[source.path] = grade_level(source.text[len(_head(source)):])
    found += check_slugs([source for source, _ in sources], settings)
    found.sort(key=lambda problem: (problem.path, problem.line))  # stable: rule order kept

    drafts = {s.path for s, _ in sources if s.value("status", "published").lower() == "draft"}
    absolute = {s.path: s.absolute_path for s, _ in sources}
    for problem in found:
        (report.draft_warnings if problem.path in drafts else report.errors).append(problem)
        report.problems_by_source.setdefault(absolute.get(problem.path, problem.path), []).append(problem)
    report.scheduled = _scheduled(sources, ZoneInfo(settings.get("TIMEZONE", "UTC")), now)
    return report


def _head(source):
    """The metadata block's text, to measure only the body."""
    return "\n".join(source.text.splitlines()[:source.body_start - 1])


def _scheduled(sources, timezone, now=None):
    """(path, date, absolute path) of articles to be published later, by their Date.

    A date without a zone is in the site's TIMEZONE, as Pelican reads it."""
    now = now or datetime.now(timezone)
    scheduled = []
    for source, kind in sources:
        if kind != "article" or source.value("status", "published").lower() != "published":
            continue
        if not hasattr(source, "parsed_date"):  # parsed once per version of the file
            try:
                source.parsed_date = get_date(source.value("date"))
            except (ValueError, OverflowError):
                source.parsed_date = None
        date = source.parsed_date
        if date is None:
            continue
        if date.tzinfo is None:
            date = date.replace(tzinfo=timezone)
        if date > now:
            scheduled.append((source.path, date, source.absolute_path))
    return scheduled


def format_report(report, with_reading_levels=False):
    """The text `invoke check` prints: one line per problem, then a summary."""
    lines = [str(problem) for problem in report.errors]
    if report.draft_warnings:
        lines.append("In drafts (these do not stop the preview; fix them before publishing):")
        lines += [f"  {problem}" for problem in report.draft_warnings]
    for path, date, _ in report.scheduled:
        lines.append(f"Scheduled: {path} will be published on {date:%B %-d, %Y} (its Date).")
    if with_reading_levels and report.reading_levels:
        lines.append("Reading level (information only; aim for grade 8 or below):")
        lines += [f"  {path}: grade {grade}" for path, grade in sorted(report.reading_levels.items())]
    files = report.files_checked
    if report.errors:
        broken = len({problem.path for problem in report.errors})
        lines.append(f"{len(report.errors)} problem{'s' if len(report.errors) != 1 else ''} "
                     f"in {broken} file{'s' if broken != 1 else ''}. Fix them, then check again.")
    else:
        lines.append(f"No problems that stop publishing, in {files} files checked.")
    return "\n".join(lines)
