"""content_checks: the build reads every post through the content rules; nothing unchecked is built.

How a build reads content:

1. reader.ContentReader replaces Pelican's readers: every .md article and page
   is read once by site_content (the one reading), its body rendered by
   Python-Markdown, the HTML checked (rendered.py) and cleaned with nh3.
2. As each file is read, the rules for its kind (fields.py) run on its fields;
   a file Pelican could not make a page of (no title, no date) is skipped
   quietly: its problems are reported here, once.
3. Once everything is read, the checks across files run (links.py: links,
   sections, images, slugs; files.py: files the site would not read), then
   every problem is reported at once, as "path:line: what is wrong. what to do".
   A strict build (STRICT_BUILD) stops there, before anything is written.
   The live preview writes the pages anyway, each showing its own problems.

A draft's problems never stop a build: drafts may be unfinished.
`invoke check` is the same build, stopped after step 3 (CHECK_ONLY).

Other plugins report content problems with `add_problems` (the topics).

Settings:
    SUMMARY_LENGTH ((int, int), default (70, 160)): allowed Summary length.
    CHECK_ONLY (bool, default False): report and stop before writing (`invoke check`).
    CONTENT_DATA_FILES (list, default []): other files under PATH the site reads.
    TOPICS_PATH, TEAM_PATH: folders of .md files other plugins read (not unread files).
"""

import logging
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican import signals

import strict_build  # its log records belong in the same report
from site_content import Problem, count, format_problems, shown_path, slug

from . import links
from .fields import check_fields
from .files import unread_files
from .reader import ContentReader, markdown_converter, render
from .rendered import PLACEHOLDERS, clean, inspect

__all__ = ["register", "add_problems", "problems_by_file", "ContentReader", "markdown_converter", "render",
           "clean", "inspect",
           "PLACEHOLDERS", "check_fields"]

logger = logging.getLogger(__name__)
DEFAULTS = {"SUMMARY_LENGTH": (70, 160), "CHECK_ONLY": False, "CONTENT_DATA_FILES": []}
RESERVED_SLUGS = {"topics", "archives", "drafts", "feeds", "theme", "images", "pagefind", "search",
                  "extra", "admin", "book", "team"}
# Pelican's own messages for what the checks above report first, in the writer's
# words; Pelican has no setting to turn them off, so they are left out here.
_REPORTED_BY_THE_CHECKS = {
    "Unable to find '%s', skipping url replacement.",
    "Empty alt attribute for image %s in %s",
    "{filename} used for linking to static content %s in %s. Use {static} instead",
}


@dataclass
class Entry:
    """What the build learned about one content file."""
    path: str  # as shown
    draft: bool = False
    scheduled: object = None  # the date a published post waits for, or None
    problems: list = field(default_factory=list)


class BuildState:
    """Everything this plugin gathers during one build; reset when a build starts."""

    def __init__(self, settings=None):
        self.settings = settings or {}
        self.entries = {}  # shown path -> Entry
        self.other_problems = []  # topics, files the site does not read...
        self.root = None  # the content folder, once everything is checked

    def record(self, path, problems, draft=False, scheduled=None):
        """A file as it is read: its problems so far, and whether it is a draft or scheduled."""
        entry = self.entries.setdefault(path, Entry(path))
        entry.draft, entry.scheduled = draft, scheduled
        self.add(path, problems)

    def add(self, path, problems):
        """More problems of a file (checks across files, other plugins), each once."""
        entry = self.entries.setdefault(path, Entry(path))
        entry.problems = list(dict.fromkeys([*entry.problems, *problems]))


_build = BuildState()


def problems_by_file():
    """{content-relative path: [Problem]} found by the last build (the editor shows them)."""
    root = _build.root.resolve() if _build.root else None
    found = {}
    for entry in _build.entries.values():
        absolute = Path(entry.path).resolve()
        if root and absolute.is_relative_to(root):
            found[absolute.relative_to(root).as_posix()] = sorted(entry.problems, key=lambda p: p.line)
    return found


def add_problems(problems):
    """Report problems found by another plugin (topic files, unknown topics, team files)."""
    _build.other_problems.extend(problems)


def _drop_repeated_messages(record):
    return record.msg not in _REPORTED_BY_THE_CHECKS


def start_build(pelican):
    global _build
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)
    _build = BuildState(pelican.settings)
    for name in ("pelican.contents", "pelican.readers"):
        target = logging.getLogger(name)
        if _drop_repeated_messages not in target.filters:
            target.addFilter(_drop_repeated_messages)


def use_content_reader(readers):
    """Our reader for .md; no other text format is read (files.py names what is left out).
    "static" is Pelican's reader for files copied as they are."""
    readers.reader_classes = {"md": ContentReader, "static": readers.reader_classes["static"]}


def _now(settings):
    return datetime.now(ZoneInfo(settings.get("TIMEZONE", "UTC")))


def _scheduled_date(source, metadata, settings):
    date = metadata.get("date")
    if not isinstance(date, datetime) or source.value("status", "published").lower() != "published":
        return None
    zone = ZoneInfo(settings.get("TIMEZONE", "UTC"))
    aware = date if date.tzinfo else date.replace(tzinfo=zone)
    return aware if aware > _now(settings) else None


def _check_kind(settings, metadata, kind):
    source = metadata.get("content_source")
    if source is None:
        return
    problems, fatal = check_fields(source, kind, tuple(settings.get("SUMMARY_LENGTH", (70, 160))))
    if not source.readable:
        fatal, problems = True, []
    metadata["content_problems"] = list(dict.fromkeys([*metadata.get("content_problems", []), *problems]))
    if fatal:
        metadata["status"] = "skip"  # Pelican leaves it out quietly; reported below
    _build.record(source.path, metadata["content_problems"],
                  draft=source.value("status").lower() == "draft",
                  scheduled=_scheduled_date(source, metadata, settings) if kind == "article" else None)


def drop_missing_static_links(generator):
    """{static} links to missing files are reported by the checks (with the line and the
    fix); Pelican would try to copy them and warn once more."""
    links_found = generator.context.get("static_links", set())
    root = Path(generator.settings["PATH"])
    generator.context["static_links"] = {path for path in links_found if (root / path).is_file()}


def check_article(generator, metadata):
    _check_kind(generator.settings, metadata, "article")


def check_page(generator, metadata):
    _check_kind(generator.settings, metadata, "page")


# --- Once everything is read -----------------------------------------------------------

def _contents(generators):
    items = []
    for generator in generators:
        for name in ("articles", "translations", "drafts", "drafts_translations", "hidden_articles",
                     "pages", "hidden_pages", "draft_pages"):
            items += getattr(generator, name, None) or []
    return items


def _site_map(generators, contents, settings, files):
    context = generators[0].context if generators else {}
    topic_slugs = set(context.get("topics", {}))
    template_ids = links.template_ids_reader(Path(settings["THEME"]) / "templates")
    pages = {}

    def listing(url, template):
        pages["/" + url.removesuffix("index.html")] = links.Page(template, None, template_ids(template))

    for template in settings.get("DIRECT_TEMPLATES", []):
        listing(settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html"), template)
    listing("", "index")
    for topic in topic_slugs:
        listing(settings["TAG_SAVE_AS"].format(slug=topic), "tag")
        if settings.get("TAG_FEED_ATOM"):
            listing(settings["TAG_FEED_ATOM"].format(slug=topic), "feed")
    for extra in ("FEED_ALL_ATOM", "FEED_ALL_RSS"):
        if settings.get(extra):
            listing(settings[extra], "feed")
    for written in ("sitemap.xml", "robots.txt"):
        listing(written, "file")
    for generator in generators:
        for static in getattr(generator, "staticfiles", []) or []:
            listing(static.url, "file")
        for url, template in getattr(generator, "site_pages", {}).items():  # e.g. the team's pages
            listing(url, template)
    theme_static = Path(settings["THEME"]) / "static"
    for path in theme_static.rglob("*"):
        if path.is_file():
            listing(f"{settings['THEME_STATIC_DIR']}/{path.relative_to(theme_static).as_posix()}", "file")
    for item in contents:
        pages["/" + item.url.removesuffix("index.html")] = links.Page(item.template, item)
        if item.save_as.endswith(".html") and not item.save_as.endswith("index.html"):
            pages["/" + item.save_as] = links.Page(item.template, item)
    by_source = {item.relative_source_path: item for item in contents}
    return links.Site(files=files, pages=pages, by_source=by_source, topic_slugs=topic_slugs,
                      template_ids=template_ids)


def _slug_problems(contents, settings):
    """Two posts at one address, or a post named like a part of the site."""
    problems, owners = [], {}
    for item in contents:
        owners.setdefault(getattr(item, "slug", ""), []).append(item)
    for item_slug, sharing in owners.items():
        for item in sharing:
            source = getattr(item, "content_source", None)
            if source is None:
                continue
            line = source.line_of("slug") if source.value("slug") else source.line_of("title")
            if item_slug in RESERVED_SLUGS and not source.value("save_as"):
                problems.append(Problem(source.path, line, f"the slug '{item_slug}' is the name of a part of "
                                        "the site. Add a different 'Slug:' line."))
            others = ", ".join(other.content_source.path for other in sharing
                               if other is not item and getattr(other, "content_source", None))
            if others:
                problems.append(Problem(source.path, line, f"the slug '{item_slug}' is also used by "
                                        f"{others}. Give one of them a different 'Slug:' line."))
                if not settings.get("STRICT_BUILD", True) and item is not sharing[0]:
                    # The preview keeps going: the copy is written aside, not over the first.
                    item.override_save_as = f"drafts/same-slug/{slug(source.path)}/index.html"
                    item.override_url = f"drafts/same-slug/{slug(source.path)}/"
    return problems


def check_everything(generators):
    """The checks across files, then the one report (see the module docstring)."""
    settings = _build.settings
    root = Path(settings["PATH"])
    contents = _contents(generators)
    for item in contents:  # posts the live preview took from its cache were not read again
        source = getattr(item, "content_source", None)
        if source is not None and source.path not in _build.entries:
            _build.record(source.path, getattr(item, "content_problems", []),
                          draft=source.value("status").lower() == "draft",
                          scheduled=_scheduled_date(source, item.metadata, settings))
    for item in contents:
        source = getattr(item, "content_source", None)
        entry = _build.entries.get(source.path) if source else None
        item.is_scheduled = bool(entry and entry.scheduled)

    files = {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}
    site = None  # the map of every address the build writes: made only when a post links
    found = []
    for item in contents:
        source = getattr(item, "content_source", None)
        for reference in getattr(item, "content_references", []):
            site = site or _site_map(generators, contents, settings, files)
            message = links.check_reference(reference, item, site)
            if message:
                found.append(Problem(source.path, reference.line, message))
    found += _slug_problems(contents, settings)
    read_folders = [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"],
                    *(settings[name] for name in ("TOPICS_PATH", "TEAM_PATH") if settings.get(name))]
    found += unread_files(files, lambda relative: shown_path(root / relative), read_folders,
                          set(settings.get("CONTENT_DATA_FILES", [])), set(settings["STATIC_PATHS"]))
    found += _build.other_problems
    for problem in found:
        _build.add(problem.path, [problem])

    errors, drafts = [], []
    for entry in sorted(_build.entries.values(), key=lambda entry: entry.path):
        (drafts if entry.draft else errors).extend(sorted(entry.problems, key=lambda p: p.line))
    by_path = {entry.path: entry.problems for entry in _build.entries.values()}
    _build.root = root
    for item in contents:
        source = getattr(item, "content_source", None)
        item.content_problems = sorted(by_path.get(source.path, []), key=lambda p: p.line) if source else []
    _report(errors, drafts, contents, settings)


def _report(errors, drafts, contents, settings):
    scheduled = sorted((entry.path, entry.scheduled) for entry in _build.entries.values() if entry.scheduled)
    problems = errors + strict_build.logged_problems()
    if settings.get("CHECK_ONLY"):
        lines = [str(problem) for problem in problems]
        if drafts:
            lines.append("In drafts (these do not stop the preview; fix them before publishing):")
            lines += [f"  {problem}" for problem in drafts]
        lines += [f"Scheduled: {path} will be published on {date:%B %-d, %Y} (its Date)."
                  for path, date in scheduled]
        lines += _reading_levels(contents)
        if problems:
            lines.append(format_problems(problems, "check again").splitlines()[-1])
        else:
            checked = count(len(_build.entries), "file")
            lines.append(f"No problems that stop publishing, in {checked} checked.")
        print("\n".join(lines))
        sys.stdout.flush()
        raise SystemExit(1 if problems else 0)
    for problem in drafts:
        sys.stderr.write(f"Draft, fix before publishing: {problem}\n")
    for path, date in scheduled:
        sys.stderr.write(f"Scheduled: {path} waits for its date, {date:%Y-%m-%d %H:%M}; it is left out "
                         "of the published site until then.\n")
    strict_build.report(problems, settings)


def _reading_levels(contents):
    """Information for `invoke check`: how hard each article is to read."""
    from .readability import grade_level  # loads a hyphenation dictionary: only when asked

    levels = sorted((item.content_source.path, grade_level(item._content))
                    for item in contents if getattr(item, "content_source", None) and hasattr(item, "tags"))
    if not levels:
        return []
    return ["Reading level (information only; aim for grade 8 or below):"] + [
        f"  {path}: grade {grade}" for path, grade in levels]


def register():
    signals.initialized.connect(start_build)
    signals.readers_init.connect(use_content_reader)
    signals.article_generator_context.connect(check_article)
    signals.page_generator_context.connect(check_page)
    # Both run before the static generator collects the linked files.
    signals.article_generator_finalized.connect(drop_missing_static_links)
    signals.page_generator_finalized.connect(drop_missing_static_links)
    signals.all_generators_finalized.connect(check_everything)

