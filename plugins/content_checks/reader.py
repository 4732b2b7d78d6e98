"""The build's reader for .md files: the one reading, rendered, checked and cleaned.

It replaces Pelican's MarkdownReader, so the build reads exactly what the
checker checked: the header by site_content (BOM, line endings, repeated
fields, YAML habits), the body by Python-Markdown with the site's settings,
and what Markdown makes of it through the rendered-HTML rules and the nh3
allowlist. Problems travel with the content (its metadata is cached with it
in the live preview), for the report at the end of reading.
"""

from zoneinfo import ZoneInfo

from markdown import Markdown
from pelican.readers import BaseReader

from reading_aids.measure import add_heading_ids
from site_content import DateProblem, date_text, parse_date, read_source

from .fields import DATE_FIELDS
from .links import ids_in
from .rendered import Reference, clean, inspect


def markdown_converter(settings):
    """A Markdown converter with the site's MARKDOWN settings, for a body without its header.

    The meta extension is left out: the header is read by site_content, and a
    body paragraph that happens to start with "Note: ..." must stay text."""
    config = settings["MARKDOWN"]
    configs = {name: options for name, options in config.get("extension_configs", {}).items()
               if not name.endswith("meta")}
    names = [name for name in [*configs, *config.get("extensions", [])] if not str(name).endswith("meta")]
    return Markdown(extensions=list(dict.fromkeys(names)), extension_configs=configs,
                    output_format=config.get("output_format", "html5"))


def render(source, converter):
    """(clean HTML, Inspection) of a source's body."""
    converter.reset()
    html = converter.convert(source.body)
    return clean(html), inspect(html, source)


class ContentReader(BaseReader):
    """Reads every .md article and page (see module docstring)."""

    enabled = True
    file_extensions = ["md"]

    def __init__(self, settings):
        super().__init__(settings)
        self._converter = markdown_converter(settings)

    def read(self, source_path):
        source = read_source(source_path, self.settings["PATH"])
        metadata = {"content_source": source, "content_problems": list(source.problems),
                    "content_references": [], "content_ids": set()}
        if not source.readable:
            return "", metadata
        html, inspection = render(source, self._converter)
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
        metadata["content_problems"] += inspection.problems
        if source.value("image"):  # a lead image must exist like any image of the text
            inspection.references.append(Reference("image", source.value("image"), source.line_of("image")))
        # Section headings get their ids here, so the live preview's cache keeps them too.
        html = add_heading_ids(html)
        metadata["content_references"] = inspection.references
        metadata["content_ids"] = set(ids_in(html))
        # What the checks still need once the file is read: its fields, not its text.
        metadata["content_source"] = source.header_only()
        return html, metadata
