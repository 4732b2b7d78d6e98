"""The content rules: pure functions from a parsed source to problems.

Every message reads "what is wrong. what to do", in words a writer who is not
a developer understands, and points at the line where the mistake is.
"""

import difflib
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urlparse

from pelican.utils import get_date, slugify

from topics.vocabulary import normalise, unknown_tag_message

ARTICLE_KEYS = {"title", "slug", "date", "modified", "tags", "summary", "author", "authors",
                "status", "reviewed_by", "reviewed_on", "template", "lang"}
PAGE_KEYS = {"title", "slug", "summary", "status", "template", "save_as", "url", "modified"}
STATUSES = ("published", "draft", "hidden")
PLACEHOLDER = "FILL IN"

_HEADING = re.compile(r"^(#{1,6})\s+\S")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_RAW_TAG = re.compile(r"<\s*(script|iframe|object|embed)\b", re.I)
_HTML_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
_STYLE = re.compile(r"\sstyle\s*=", re.I)
_RAW_IMG = re.compile(r"<img\b[^>]*>", re.I)
_INTERNAL_PREFIX = re.compile(r"^\{(filename|static|attach|tag|index|category|author)\}(.*)$")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class SiteFacts:
    """What the rules need to know about the rest of the site."""
    files: set  # every file under the content folder, relative, with "/"
    urls: set  # every URL the build writes, root-relative ("/slug/")
    topic_index: dict  # normalised topic term -> topic (plugins/topics)
    summary_bounds: tuple = (70, 160)


def did_you_mean(word, choices):
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" Did you mean '{close[0].capitalize()}'?" if close else ""


# --- Metadata ---------------------------------------------------------------------

def check_metadata(source, kind, facts):
    """Required fields present and well formed; no unknown fields."""
    problems = []

    def problem(line, message):
        problems.append(Problem(source.path, line, message))

    known = ARTICLE_KEYS if kind == "article" else PAGE_KEYS
    for key, found in source.fields.items():
        if key not in known:
            problem(found.line, f"'{found.key.capitalize()}' is not a field the site knows."
                    f"{did_you_mean(key, known)} Correct the spelling, or remove the line.")

    if not source.value("title"):
        problem(source.line_of("title"), "the post has no Title. Add a line like "
                "'Title: When the Spark Fades' at the top of the file.")
    summary = source.value("summary")
    low, high = facts.summary_bounds
    if PLACEHOLDER in summary:
        pass  # reported once, by the placeholder rule
    elif not summary:
        problem(source.line_of("summary"), f"the post has no Summary. Add a line 'Summary: ' with one "
                f"sentence of {low} to {high} characters; it is shown in search results and on cards.")
    elif not low <= len(summary) <= high:
        problem(source.line_of("summary"), f"the Summary is {len(summary)} characters long. "
                f"Make it {low} to {high} characters so search engines show it whole.")
    status = source.value("status", "published").lower()
    if status not in STATUSES:
        problem(source.line_of("status"), f"Status '{source.value('status')}' is not known. "
                f"Use one of: {', '.join(STATUSES)}.")

    if kind == "article":
        problems += _check_dates(source)
        tags = [t for t in source.value("tags").split(",") if t.strip()]
        if not tags:
            problem(source.line_of("tags"), "the post has no Tags. Add a line like "
                    "'Tags: emotional intimacy, communication' naming at least one topic.")
        for tag in ([] if PLACEHOLDER in source.value("tags") else tags):
            if normalise(tag) not in facts.topic_index:
                problem(source.line_of("tags"), unknown_tag_message(tag.strip(), facts.topic_index))
    return problems


def _parse_date(value):
    try:
        return get_date(value)
    except (ValueError, OverflowError):
        return None


def _check_dates(source):
    problems = []
    example = "Use the form 2025-09-16 or 2025-09-16 09:00."
    date = None
    if not source.value("date"):
        problems.append(Problem(source.path, source.line_of("date"),
                                "the post has no Date. Add a line like 'Date: 2025-09-16 09:00'."))
    else:
        date = _parse_date(source.value("date"))
        source.parsed_date = date  # reused to find scheduled posts
        if date is None:
            problems.append(Problem(source.path, source.line_of("date"),
                                    f"'{source.value('date')}' is not a real date. {example}"))
    for key, label in (("modified", "Modified"), ("reviewed_on", "Reviewed_on")):
        if source.value(key):
            when = _parse_date(source.value(key))
            if when is None:
                problems.append(Problem(source.path, source.line_of(key),
                                        f"{label} '{source.value(key)}' is not a real date. {example}"))
            elif date and when.replace(tzinfo=None) < date.replace(tzinfo=None):
                problems.append(Problem(source.path, source.line_of(key),
                                        f"{label} is before the post's Date. Check both dates."))
    if bool(source.value("reviewed_by")) != bool(source.value("reviewed_on")):
        line = source.line_of("reviewed_by" if source.value("reviewed_by") else "reviewed_on")
        problems.append(Problem(source.path, line, "a clinical review needs both Reviewed_by (the "
                                "clinician's name) and Reviewed_on (the date). Add the missing line."))
    return problems


# --- Body -------------------------------------------------------------------------

def check_body(source, url, facts):
    """Headings, links, images, unsafe HTML and placeholders in the text."""
    problems = []
    previous_level = 1
    if not source.text.strip():
        return [Problem(source.path, 1, "the file is empty. Write the post, or delete the file.")]
    if PLACEHOLDER in source.text:
        for number, line in enumerate(source.text.splitlines(), start=1):
            if PLACEHOLDER in line:
                problems.append(Problem(source.path, number, f"'{PLACEHOLDER}' is still here. Replace "
                                        "it with your own words (see WRITING.md for each field)."))
    for number, line in source.body_lines():
        def problem(message):
            problems.append(Problem(source.path, number, message))

        # Most lines are plain prose: the patterns below only run where their
        # first character appears (a build checks every line of every post).
        heading = _HEADING.match(line) if line[:1] == "#" else None
        if heading:
            level = len(heading.group(1))
            if level == 1:
                problem("a '#' heading is the same level as the title. Start sections with '##'.")
            elif level > previous_level + 1:
                problem(f"the heading jumps from level {previous_level} to level {level}. "
                        f"Use {'#' * (previous_level + 1)} here, or add the missing level above it.")
            previous_level = max(level, 2) if level > 1 else previous_level
        has_bracket, has_tag = "[" in line, "<" in line
        for alt, target in _IMAGE.findall(line) if has_bracket else ():
            problems += [Problem(source.path, number, m) for m in _image_problems(alt, target, source, facts)]
        for tag in _RAW_IMG.findall(line) if has_tag else ():
            src = re.search(r'src\s*=\s*"([^"]*)"', tag)
            alt = re.search(r'alt\s*=\s*"([^"]*)"', tag)
            problems += [Problem(source.path, number, m) for m in
                         _image_problems(alt.group(1) if alt else "", src.group(1) if src else "",
                                         source, facts)]
        targets = _LINK.findall(line) + _REFERENCE.findall(line) if has_bracket else ()
        for target in targets:
            message = _link_problem(target, source, url, facts)
            if message:
                problem(message)
        raw = _RAW_TAG.search(line) if has_tag else None
        if raw:
            problem(f"<{raw.group(1).lower()}> is not allowed in posts: it could run code or load "
                    "another site. Remove it; ask the web team if the post needs an embedded feature.")
        for tag in _HTML_TAG.findall(line) if has_tag else ():
            if _HANDLER.search(tag):
                problem("an 'on...=' attribute runs code and is not allowed in posts. Remove it.")
            if _STYLE.search(tag):
                problem("a 'style=' attribute is not allowed in posts: the site's design sets the look. "
                        "Remove it, and use Markdown for emphasis.")
        if ":" in line and "javascript:" in line.lower():
            problem("a 'javascript:' link runs code and is not allowed. Link to a page instead.")
    return problems


def _image_problems(alt, target, source, facts):
    problems = []
    name = posixpath.basename(target) or target
    if not alt.strip():
        problems.append(f"the image '{name}' has no alt text. Describe the picture between the square "
                        "brackets, like ![Two mugs of coffee on a table](...).")
    if urlparse(target).scheme in ("http", "https") or target.startswith("//"):
        problems.append(f"the image '{name}' is loaded from another site ({urlparse(target).netloc}). "
                        "Save it in content/images/ and use {static}/images/" + name + ".")
    else:
        resolved = _content_path(target, source)
        if resolved is not None and resolved not in facts.files:
            problems.append(f"the image '{target}' does not exist. Put the file in content/images/ "
                            "and check the name's spelling.")
    return problems


def _content_path(target, source):
    """The content-relative path a {static}, {attach} or {filename} target names."""
    match = _INTERNAL_PREFIX.match(target)
    path = match.group(2) if match else target
    path = path.split("#")[0].split("?")[0]
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    folder = posixpath.dirname(source.relative_path)
    return posixpath.normpath(posixpath.join(folder, path))


def _link_problem(target, source, url, facts):
    parsed = urlparse(target)
    if target.lower().startswith("javascript:"):
        return None  # reported once, by the javascript: rule
    if parsed.scheme or target.startswith(("#", "//")):
        return None  # other sites, mail and phone links are not checked here
    match = _INTERNAL_PREFIX.match(target)
    if match:
        kind, rest = match.groups()
        if kind in ("filename", "static", "attach"):
            resolved = _content_path(target, source)
            if resolved not in facts.files:
                return (f"the link to '{rest}' points to a file that does not exist. Check the "
                        "name; links to other posts look like {filename}/articles/other-post.md.")
        elif kind == "tag" and normalise(rest) not in facts.topic_index:
            return f"the link to topic '{rest}' names no topic. Use a topic's slug from content/topics/."
        return None
    path = parsed.path
    resolved = path if path.startswith("/") else posixpath.join("/" + url, path)
    resolved = posixpath.normpath(resolved)
    if path.endswith("/") and resolved != "/":
        resolved += "/"
    if resolved in facts.urls or resolved.lstrip("/") in facts.files or resolved + "/" in facts.urls:
        return None
    return (f"the link to '{target}' leads to no page of the site. Check it, or link to the post's "
            "file instead: {filename}/articles/other-post.md.")


# --- Across files -------------------------------------------------------------------

RESERVED_SLUGS = {"topics", "archives", "drafts", "feeds", "theme", "images", "pagefind", "search"}


def post_slug(source, settings=None):
    """The slug Pelican will give a post: its Slug field, or one made from its Title."""
    settings = settings or {}
    return source.value("slug") or slugify(
        source.value("title"), regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))


def check_slugs(sources, settings=None):
    """Slugs unique across articles and pages, and not the name of a site section."""
    problems, owners = [], {}
    for source in sources:
        slug = post_slug(source, settings)
        if slug:
            owners.setdefault(slug, []).append(source)
    for slug, sharing in owners.items():
        for source in sharing:
            line = source.line_of("slug") if source.value("slug") else source.line_of("title")
            if slug in RESERVED_SLUGS and not source.value("save_as"):
                problems.append(Problem(source.path, line, f"the slug '{slug}' is the name of a part "
                                        "of the site. Add a different 'Slug:' line."))
            others = ", ".join(other.path for other in sharing if other is not source)
            if others:
                problems.append(Problem(source.path, line, f"the slug '{slug}' is also used by {others}. "
                                        "Give one of them a different 'Slug:' line."))
    return problems
