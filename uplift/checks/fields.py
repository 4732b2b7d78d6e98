"""Rules on the fields at the top of a post or page: pure functions of a Source.

Fields are plain text: the site shows them escaped, as written, so markup or
Markdown in them is refused rather than shown to readers as code.
"""

import difflib
import html
import re

from uplift.content import DateProblem, Problem, model, parse_date, slug

from . import values

STATUSES = model.STATUSES
DATE_FIELDS = {item.key: item.name for kind in (model.ARTICLE, model.PAGE) for item in kind.fields
               if item.type in (model.DATE, model.DATETIME)}

_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
_ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);")
_MARKDOWN = re.compile(r"\[[^\]]*\]\([^)]*\)|\*\*|__|`")
PLACEHOLDER = "FILL IN"


def did_you_mean(word, choices):
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" Did you mean '{close[0].capitalize()}'?" if close else ""


def header_problems(source, kind):
    """[Problem] for the fields at the top of a file of `kind` (uplift.content.model), by their
    declared types: the same rules for posts, pages, topics and team members.

    Fields the site does not know (with a did-you-mean); markup in the fields readers see;
    invisible, direction-changing or look-alike characters in any field; values that are not
    of their type (slugs, web addresses, yes/no); text over its length; a name or title
    whose address would be too long."""
    problems = []

    def problem(line, message):
        problems.append(Problem(source.path, line, message))

    for key, found in source.fields.items():
        declared = kind.field(key)
        if declared is None:
            problem(found.line, f"'{found.name}' is not a field the site knows.{did_you_mean(key, kind.keys)} "
                    "Correct the spelling, or remove the line.")
            continue
        label = f"the {found.name}"
        for message in values.plain_text_problems(label, found.value):
            problem(found.line, message)
        if declared.shown:
            for message in text_problems(found):
                problem(found.line, message)
        value = found.value
        if not value or PLACEHOLDER in value:
            continue
        message = None
        if declared.type is model.SLUG:
            message = values.slug_problem(label, value)
        elif declared.type is model.SLUGS:
            message = next(filter(None, (values.slug_problem(f"{label} entry", part.strip())
                                         for part in value.split(",") if part.strip())), None)
        elif declared.type is model.HTTPS:
            message = values.https_problem(label, value)
        elif declared.type is model.YES_NO:
            message = values.yes_no_problem(found.name, value)
        elif declared.type is model.CHOICE and value.lower() not in declared.choices:
            message = (f"{found.name.capitalize()} '{value}' is not known. Use one of: "
                       f"{', '.join(declared.choices)}.")
        elif declared.limits and key != "summary" and len(value) > declared.limits[1]:  # Summary: check_fields
            message = (f"{label} is {len(value)} characters long. Make it at most {declared.limits[1]}: "
                       "a shorter one reads better in search results and on phones.")
        if message:
            problem(found.line, message)
    named = "title" if kind.field("title") else "name"
    limit = kind.field(named).limits[1] if kind.field(named).limits else None
    too_long = limit is not None and len(source.value(named)) > limit  # reported above: shortening fixes both
    if kind.field("slug") and source.value(named) and not source.value("slug") and not too_long:
        made = slug(source.value(named))
        if len(made) > model.SLUG_LIMIT or not made:
            why = (f"would make an address of {len(made)} characters" if made
                   else "has no letters or digits to make its address from")
            problem(source.line_of(named), f"the {named.capitalize()} {why}. Add a line 'Slug: ' with a short "
                    f"address of lower-case words joined by hyphens (at most {model.SLUG_LIMIT} characters).")
    return problems


def check_fields(source, kind, summary_bounds=(70, 160)):
    """([Problem], fatal): fatal when Pelican could not make a page of the file at all."""
    problems = []
    fatal = False

    def problem(line, message):
        problems.append(Problem(source.path, line, message))

    if source.readable and source.empty:
        # One message for an empty file, not one for each missing field.
        noun = "post" if kind == "article" else "page"
        return [Problem(source.path, 1, f"the file is empty. Write the {noun}, or delete the file.")], True

    declared = model.ARTICLE if kind == "article" else model.PAGE
    noun = declared.noun
    problems += header_problems(source, declared)
    for line, name in source.field_like_body_lines:
        if name in declared.keys and name not in source.fields:
            problem(line, f"'{name.capitalize()}' is below the blank line that ends the fields at the top, "
                    "so it would show as text. Remove the blank line above it.")

    if not source.value("title"):
        fatal = True
        problem(source.line_of("title"), f"the {noun} has no Title. Add a line like "
                "'Title: When the Spark Fades' at the top of the file.")
    for found in source.fields.values():
        if PLACEHOLDER in found.value:
            problem(found.line, f"'{PLACEHOLDER}' is still here. Replace it with your own words "
                    "(see WRITING.md for each field).")

    summary = source.value("summary")
    low, high = summary_bounds
    if not summary:
        problem(source.line_of("summary"), f"the {noun} has no Summary. Add a line 'Summary: ' with one "
                f"sentence of {low} to {high} characters; it is shown in search results and on cards.")
    elif PLACEHOLDER not in summary and not low <= len(summary) <= high:
        problem(source.line_of("summary"), f"the Summary is {len(summary)} characters long. "
                f"Make it {low} to {high} characters so search engines show it whole.")

    if source.value("status", "published").lower() not in STATUSES:
        fatal = True  # reported by header_problems
    if source.value("slug") and values.slug_problem("", source.value("slug")):
        fatal = True  # reported by header_problems: Pelican would write the page where the slug says
    if source.value("title") and not source.value("slug"):
        made = slug(source.value("title"))
        if not made or len(made) > model.SLUG_LIMIT:
            fatal = True  # reported by header_problems: no file name can be made of the title

    dates, date_problems = parse_dates(source)
    for line, message in date_problems:
        problem(line, message)
    if source.fields and not source.has_text:
        problem(source.line_of("title"), f"the {noun} has no text below its fields. Write it after the "
                "blank line that ends the fields.")
    if kind == "article":
        if not source.value("date"):
            fatal = True
            problem(source.line_of("date"), "the post has no Date. Add a line like 'Date: 2025-09-16 09:00'.")
        elif "date" not in dates:
            fatal = True
        for name in ("modified", "reviewed_on"):
            if name in dates and "date" in dates and dates[name].date() < dates["date"].date():
                problem(source.line_of(name), f"{DATE_FIELDS[name]} is before the post's Date. "
                        "Check both dates.")
        if bool(source.value("reviewed_by")) != bool(source.value("reviewed_on")):
            line = source.line_of("reviewed_by" if source.value("reviewed_by") else "reviewed_on")
            problem(line, "a clinical review needs both Reviewed_by (the clinician's name) and Reviewed_on "
                    "(the date). Add the missing line.")
        if source.value("image") and not source.value("image_alt").strip():
            problem(source.line_of("image"), "the Image has no Image_alt. Add a line 'Image_alt: ' saying "
                    "what the picture shows, for readers who cannot see it.")
        if not [tag for tag in source.value("tags").split(",") if tag.strip()]:
            problem(source.line_of("tags"), "the post has no Tags. Add a line like "
                    "'Tags: emotional intimacy, communication' naming at least one topic.")
    return problems, fatal


def parse_dates(source):
    """({field: datetime}, [(line, message)]) for the date fields the source has."""
    dates, problems = {}, []
    for name, label in DATE_FIELDS.items():
        value = source.value(name)
        if value and PLACEHOLDER not in value:
            try:
                dates[name] = parse_date(value, label)
            except DateProblem as problem:
                problems.append((source.line_of(name), str(problem)))
    return dates, problems


# Where markup does belong, for a file with text below its fields; the facts file has none.
BELOW = "Fields at the top are plain text and would show it as code: remove it (links and emphasis belong in " \
    "the text below)."
SHOWN_AS_TEXT = "Readers see it as plain text, so they would see the code: remove it."


def text_problems(found, advice=BELOW):
    """Markup, entities or Markdown in a field readers see: it would show as written."""
    value, name = found.value, found.name
    markup = _MARKUP.search(value)
    if markup:
        return [f"the {name} contains HTML ({markup.group(0)[:30]}). {advice}"]
    entity = _ENTITY.search(value)
    if entity:
        return [f"the {name} contains '{entity.group(0)}', which would show as written. Type the character "
                f"itself ({html.unescape(entity.group(0))}) instead."]
    markdown = _MARKDOWN.search(value)
    if markdown:
        return [f"the {name} contains Markdown ({markdown.group(0)[:30]}), which would show as written: "
                "fields at the top are plain text. Remove it."]
    return []
