"""The build reads every post through the content rules; nothing unchecked is built.

How a build reads content:

1. reader.ContentReader replaces Pelican's readers: every .md article and page
   is read once by uplift.content, its body rendered by Python-Markdown, the
   HTML checked and cleaned with nh3 (uplift.checks.rendered).
2. As each file is read, the rules for its kind (uplift.checks.fields) run on
   its fields; a file Pelican could not make a page of (no title, no date) is
   skipped quietly: its problems are reported here, once.
3. Once everything is read, the checks across files run (links, sections,
   images, slugs; files the site would not read), then every problem is
   reported at once, as "path:line: what is wrong. what to do". A strict build
   (STRICT_BUILD) stops there, before anything is written. The live preview
   writes the pages anyway, each showing its own problems.

A draft's problems never stop a build: drafts may be unfinished.
`invoke check` is the same build, stopped after step 3 (CHECK_ONLY).
Other parts of the site report content problems with `add_problems`.
"""

import json
import logging
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican import signals

from uplift.checks import links
from uplift.checks.fields import check_fields
from uplift.checks.files import SYSTEM_FILES, nested_files, unread_files
from uplift.checks.media import link_problems, media_problems
from uplift.checks.media import links as links_under
from uplift.checks.readability import grade_level
from uplift.content import Problem, count, format_problems, shown_path, slug

from . import state, strict
from .reader import ContentReader
from .redirects import former_slugs

logger = logging.getLogger(__name__)
RESERVED_SLUGS = {"topics", "archives", "drafts", "feeds", "theme", "images", "pagefind", "search",
                  "extra", "admin", "book", "team"}
# Pelican's own messages for what the checks above report first, in the writer's
# words; Pelican has no setting to turn them off, so they are left out here.
_REPORTED_BY_THE_CHECKS = {
    "Unable to find '%s', skipping url replacement.",
    "Empty alt attribute for image %s in %s",
    "{filename} used for linking to static content %s in %s. Use {static} instead",
}


def add_problems(settings, problems):
    """Report problems found by another part of the site (topic files, unknown topics, team files)."""
    state.of(settings).other_problems.extend(problems)


def _drop_repeated_messages(record):
    return record.msg not in _REPORTED_BY_THE_CHECKS


def start_build(pelican):
    # Files editors and operating systems leave behind are never read or published.
    pelican.settings["IGNORE_FILES"] = list(dict.fromkeys([*pelican.settings["IGNORE_FILES"], *SYSTEM_FILES]))
    # Pelican follows links into folders (even in a loop); the checks name each link instead.
    linked = [relative for relative in links_under(pelican.settings["PATH"])
              if (Path(pelican.settings["PATH"]) / relative).is_dir()]
    for name in ("STATIC_EXCLUDES", "ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
        pelican.settings[name] = [*pelican.settings[name], *linked]
    for name in ("pelican.contents", "pelican.readers"):
        target = logging.getLogger(name)
        if _drop_repeated_messages not in target.filters:
            target.addFilter(_drop_repeated_messages)


def use_content_reader(readers):
    """Our reader for .md; no other text format is read (files.py names what is left out).
    "static" is Pelican's reader for files copied as they are."""
    readers.reader_classes = {"md": ContentReader, "static": readers.reader_classes["static"]}


def _now(settings):
    return datetime.now(ZoneInfo(settings["TIMEZONE"]))


def _scheduled_date(source, metadata, settings):
    date = metadata.get("date")
    if not isinstance(date, datetime) or source.value("status", "published").lower() != "published":
        return None
    zone = ZoneInfo(settings["TIMEZONE"])
    aware = date if date.tzinfo else date.replace(tzinfo=zone)
    return aware if aware > _now(settings) else None


def _check_kind(settings, metadata, kind):
    source = metadata.get("content_source")
    if source is None:
        return
    problems, fatal = check_fields(source, kind, tuple(settings["SUMMARY_LENGTH"]))
    if not source.readable:
        fatal, problems = True, []
    metadata["content_problems"] = list(dict.fromkeys([*metadata.get("content_problems", []), *problems]))
    if fatal:
        metadata["status"] = "skip"  # Pelican leaves it out quietly; reported below
        state.of(settings).refused_slugs.update(
            slug(text, settings) for text in (source.value("slug"), source.value("title"), Path(source.path).stem)
            if text)
        state.of(settings).refused_sources.add(Path(source.path).resolve())
    state.of(settings).record(source.path, metadata["content_problems"],
                  draft=source.value("status").lower() == "draft",
                  scheduled=_scheduled_date(source, metadata, settings) if kind == "article" else None)


def drop_linked_static_files(generator):
    """A file reached through a link (symlink) may lie outside the site: never copied (the checks
    name the link)."""
    root = Path(generator.settings["PATH"])
    generator.staticfiles = [static for static in generator.staticfiles
                             if not _through_a_link(Path(static.source_path), root)]


def _through_a_link(path, root):
    """Is `path`, or a folder between it and the content folder, a link?"""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return True  # not under the content folder at all
    return any((root.joinpath(*parts[:depth])).is_symlink() for depth in range(1, len(parts) + 1))


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
        for former in former_slugs(item):  # an old address still leads to the post
            pages.setdefault(f"/{former}/", links.Page(item.template, item))
        if item.save_as.endswith(".html") and not item.save_as.endswith("index.html"):
            pages["/" + item.save_as] = links.Page(item.template, item)
    by_source = {item.relative_source_path: item for item in contents}
    build, root = state.of(settings), Path(settings["PATH"]).resolve()
    refused = {path.relative_to(root).as_posix() for path in build.refused_sources if path.is_relative_to(root)}
    return links.Site(files=files, pages=pages, by_source=by_source, topic_slugs=topic_slugs,
                      template_ids=template_ids, refused_sources=refused, refused_slugs=build.refused_slugs)


def saved_file_links(item, generators, site=None):
    """The problems of one post's links, for the live preview's pass over the saved file alone:
    (problems, the site map, kept by the caller for the next save)."""
    references = getattr(item, "content_references", [])
    if not references:
        return [], site
    if site is None:
        root = Path(generators[0].settings["PATH"])
        files = {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}
        site = _site_map(generators, _contents(generators), generators[0].settings, files)
    source = item.content_source
    found = [Problem(source.path, reference.line, message) for reference in references
             if (message := links.check_reference(reference, item, site))]
    return found, site


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
                if not settings["STRICT_BUILD"] and item is not sharing[0]:
                    # The preview keeps going: the copy is written aside, not over the first.
                    item.override_save_as = f"drafts/same-slug/{slug(source.path)}/index.html"
                    item.override_url = f"drafts/same-slug/{slug(source.path)}/"
    # A former address (Former_slugs) must lead to one page only, and not be another's address now.
    formers = {}
    for item in contents:
        for former in former_slugs(item):
            formers.setdefault(former, []).append(item)
    for former, claiming in formers.items():
        for item in claiming:
            source = item.content_source
            line = source.line_of("former_slugs")
            now = [other.content_source.path for other in owners.get(former, [])
                   if other is not item and getattr(other, "content_source", None)]
            also = [other.content_source.path for other in claiming if other is not item]
            if now:
                problems.append(Problem(source.path, line, f"the former address '{former}' is the address of "
                                        f"{', '.join(now)} now: readers would reach that page, not this one. "
                                        "Remove it from Former_slugs."))
            elif former in RESERVED_SLUGS:
                problems.append(Problem(source.path, line, f"the former address '{former}' is the name of a part "
                                        "of the site. Remove it from Former_slugs."))
            if also:
                problems.append(Problem(source.path, line, f"the former address '{former}' is also claimed by "
                                        f"{', '.join(also)}: it can lead to one page only. Keep it in one file."))
    return problems


def check_everything(generators):
    """The checks across files, then the one report (see the module docstring)."""
    build = state.of(generators[0].settings)
    settings = build.settings
    root = Path(settings["PATH"])
    contents = _contents(generators)
    for item in contents:  # posts the live preview took from its cache were not read again
        source = getattr(item, "content_source", None)
        if source is not None and source.path not in build.entries:
            build.record(source.path, getattr(item, "content_problems", []),
                         draft=source.value("status").lower() == "draft",
                         scheduled=_scheduled_date(source, item.metadata, settings))
    for item in contents:
        source = getattr(item, "content_source", None)
        entry = build.entries.get(source.path) if source else None
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
            elif settings["EDITOR_CHECKS"]:
                linked = links.linked_item(reference, item, site)
                if linked is not None and linked is not item:
                    build.link(linked.relative_source_path, item.relative_source_path, item.title)
    found += _slug_problems(contents, settings)
    read_folders = [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"],
                    settings["TOPICS_PATH"], settings["TEAM_PATH"]]
    def shown(relative):
        return shown_path(root / relative)

    found += unread_files(files, shown, read_folders, set(settings["CONTENT_DATA_FILES"]),
                          set(settings["STATIC_PATHS"]))
    found += nested_files(files, shown, {settings["TOPICS_PATH"]: "topic", settings["TEAM_PATH"]: "team"})
    found += link_problems(root, shown)
    found += media_problems(root, files, shown)
    found += build.other_problems
    for problem in found:
        build.add(problem.path, [problem])

    errors, drafts = [], []
    for entry in sorted(build.entries.values(), key=lambda entry: entry.path):
        (drafts if entry.draft else errors).extend(sorted(entry.problems, key=lambda p: p.line))
    by_path = {entry.path: entry.problems for entry in build.entries.values()}
    build.root = root
    for item in contents:
        source = getattr(item, "content_source", None)
        item.content_problems = sorted(by_path.get(source.path, []), key=lambda p: p.line) if source else []
    _report(build, errors, drafts, contents, settings)


def _report(build, errors, drafts, contents, settings):
    scheduled = sorted((entry.path, entry.scheduled) for entry in build.entries.values() if entry.scheduled)
    problems = errors + strict.logged_problems(build)
    if settings["CHECK_ONLY"]:
        if settings["CHECK_REPORT"]:
            found = {path: [{"line": problem.line, "message": problem.message} for problem in listed]
                     for path, listed in build.problems_by_file().items()}
            Path(settings["CHECK_REPORT"]).write_text(json.dumps(found, sort_keys=True), encoding="utf-8")
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
            checked = count(len(build.entries), "file")
            lines.append(f"No problems that stop publishing, in {checked} checked.")
        print("\n".join(lines))
        sys.stdout.flush()
        raise SystemExit(1 if problems else 0)
    for problem in drafts:
        sys.stderr.write(f"Draft, fix before publishing: {problem}\n")
    for path, date in scheduled:
        sys.stderr.write(f"Scheduled: {path} waits for its date, {date:%Y-%m-%d %H:%M}; it is left out "
                         "of the published site until then.\n")
    strict.report(problems, settings)


def _reading_levels(contents):
    """Information for `invoke check`: how hard each article is to read."""
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
    signals.static_generator_finalized.connect(drop_linked_static_files)
    signals.all_generators_finalized.connect(check_everything)

