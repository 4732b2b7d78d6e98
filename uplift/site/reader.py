"""The build's reader for .md files: the one reading, rendered, checked and cleaned.

It replaces Pelican's MarkdownReader, so the build reads exactly what the
checker checked: the header by uplift.content (BOM, line endings, repeated
fields, YAML habits), the body by Python-Markdown with the site's settings,
and what Markdown makes of it through the rendered-HTML rules and the nh3
allowlist. Problems travel with the content (its metadata is cached with it
in the live preview), for the report at the end of reading.

`render_file` is the part that needs nothing of the build but the file and
the Markdown settings, so another process may run it (prerender.py); `read`
turns its result into Pelican's metadata.
"""

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from pelican.readers import BaseReader

from uplift.checks.fields import DATE_FIELDS
from uplift.checks.links import ids_in
from uplift.checks.rendered import Reference, render
from uplift.content import DateProblem, Source, date_text, parse_date, read_source
from uplift.content.markdown import add_heading_ids, markdown_converter

from . import state
from .reading_aids import section_outline, word_count


@dataclass
class Rendered:
    """What reading one .md file makes of it, before Pelican's metadata (picklable)."""
    source: Source  # its header (the text is not kept)
    html: str = ""  # checked, cleaned, with section ids
    problems: list = field(default_factory=list)  # [Problem] in the rendered text
    references: list = field(default_factory=list)  # [Reference] to other files, for the checks across files
    words: int = 0
    outline: list = field(default_factory=list)
    ids: set = field(default_factory=set)


def render_file(path, root, converter):
    """Read, render, check and clean one .md file (Rendered)."""
    source = read_source(path, root)
    if not source.readable:
        return Rendered(source)
    html, inspection = render(source, converter)
    if source.value("image"):  # a lead image must exist like any image of the text
        inspection.references.append(Reference("image", source.value("image"), source.line_of("image")))
    # Section headings get their ids here, so the live preview's cache keeps them too.
    html = add_heading_ids(html)
    return Rendered(source.header_only(), html, inspection.problems, inspection.references,
                    word_count(html), section_outline(html), set(ids_in(html)))


class ContentReader(BaseReader):
    """Reads every .md article and page (see module docstring)."""

    enabled = True
    file_extensions = ["md"]

    def __init__(self, settings):
        super().__init__(settings)
        self._converter = markdown_converter(settings)

    def read(self, source_path):
        build = self.settings.get(state.STATE)  # none when the reader is used outside a build
        rendered = build.prerender.take(source_path) if build and build.prerender else None
        if rendered is None:
            rendered = render_file(source_path, self.settings["PATH"], self._converter)
        source = rendered.source
        metadata = {"content_source": source, "content_problems": list(source.problems),
                    "content_references": [], "content_ids": set()}
        if not source.readable:
            return "", metadata
        for name, found in source.fields.items():
            value = found.value
            if not value:
                continue
            if name in DATE_FIELDS:
                try:
                    when = parse_date(value)
                except DateProblem:
                    continue  # reported by the field rules; Pelican must not guess
                if name == "reviewed_on":  # not one of Pelican's own dates
                    when = when.replace(tzinfo=ZoneInfo(self.settings.get("TIMEZONE", "UTC")))
                    metadata["reviewed_on"] = when
                    metadata["locale_reviewed_on"] = when.strftime(self.settings["DEFAULT_DATE_FORMAT"])
                    continue
                value = date_text(when)
            metadata[name] = self.process_metadata(name, value)
        metadata["content_problems"] += rendered.problems
        # For reading_aids.py: kept with the post in Pelican's content cache.
        metadata["reading_words"], metadata["outline"] = rendered.words, rendered.outline
        metadata["content_references"] = rendered.references
        metadata["content_ids"] = rendered.ids
        # What the checks still need once the file is read: its fields, not its text.
        metadata["content_source"] = source
        return rendered.html, metadata
