"""The one reading of a content file: what the build, the checker and the editor see.

A content file (a post, a page, a topic, a team member) is UTF-8 text with
any line endings; a byte-order mark, as some Windows editors save, is dropped.
It starts with a header of fields, one `Name: value` per line:

    Title: When the Spark Fades
    Tags: sexual intimacy, communication

A line indented by four spaces or a tab continues the value above it. The first
blank line ends the header (or a `---` line, when the header opens with one, as
Python-Markdown's meta extension allows); the Markdown text follows.

Reading never fails: whatever is wrong with the file is in `Source.problems`,
each naming the line and the fix, and the fields it could read are kept.
"""

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from .problems import Problem, shown_path

# The same field syntax as Python-Markdown's meta extension, which writers' files
# were written for: a name of letters, digits, "_" or "-", then a colon.
_FIELD = re.compile(r"[ ]{0,3}([A-Za-z0-9_-]+):(.*)")
_CONTINUED = re.compile(r"(?:[ ]{4,}|\t)(.*)")
# A name with spaces ("Reviewed by:") or a space before the colon ("Title :").
_ALMOST_FIELD = re.compile(r"[ ]{0,3}([A-Za-z][A-Za-z0-9_ -]{0,30}?)\s*:(.*)")
_YAML_ITEM = re.compile(r"\s*- (.*)")
_DELIMITER = re.compile(r"(-{3}|\.{3})\s*")


@dataclass
class Field:
    name: str  # as written, e.g. "Reviewed_by"
    value: str
    line: int


@dataclass
class Source:
    path: str  # as the writer knows it
    relative_path: str = ""  # inside the content folder, with "/"
    text: str = ""  # the whole file, "\n" line endings, no byte-order mark
    fields: dict = field(default_factory=dict)  # lower-case name -> Field (the first, if repeated)
    body_start: int = 1  # line number of the body's first line
    problems: list = field(default_factory=list)  # [Problem] found while reading
    # (line, lower-case name) of lines just below the header that look like fields:
    # the rules decide whether they were meant as fields.
    field_like_body_lines: list = field(default_factory=list)
    readable: bool = True  # False when the bytes are not UTF-8 text
    has_text: bool = False  # something is written below the fields
    empty: bool = True  # nothing at all is written in the file

    def value(self, name, default=""):
        found = self.fields.get(name)
        return found.value if found else default

    def line_of(self, name):
        found = self.fields.get(name)
        return found.line if found else 1

    @cached_property
    def lines(self):
        return self.text.split("\n")

    @property
    def body(self):
        return "\n".join(self.lines[self.body_start - 1:])

    def problem(self, line, message):
        self.problems.append(Problem(self.path, line, message))

    def header_only(self):
        """This source without its text: what the build keeps (and caches) once it is read."""
        return replace(self, text="")


def decode(data, path):
    """(text, problem or None): the bytes as text, exactly as the build reads them."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", Problem(path, 1, "the file is saved as UTF-16 ('Unicode'). Save it again choosing "
                           "the UTF-8 encoding (most editors offer it under Save As).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        return "", Problem(path, line, "the file is not saved as UTF-8 text. Save it again choosing "
                           "the UTF-8 encoding (most editors offer it under Save As).")
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def read_source(path, root=None):
    """Read and parse a content file. `root` is the content folder (for relative_path)."""
    path = Path(path)
    relative = path.relative_to(root).as_posix() if root else path.name
    shown = shown_path(path)
    text, problem = decode(path.read_bytes(), shown)
    if problem:
        return Source(path=shown, relative_path=relative, problems=[problem], readable=False)
    return parse_source(text, shown, relative)


def parse_source(text, path="", relative_path=""):
    """Split decoded text into header fields and body, noting every mistake in the header."""
    source = Source(path=path, relative_path=relative_path,
                    text=text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff"))
    lines = source.lines
    number = 1
    delimited = bool(lines) and lines[0].strip() == "---"
    if delimited:
        number = 2
    last = None
    while number <= len(lines):
        line = lines[number - 1]
        if not line.strip() or (delimited and _DELIMITER.fullmatch(line)):
            number += 1
            break
        if source.fields and (_YAML_ITEM.fullmatch(line) and last and not last.value):
            # A YAML list ("Tags:" then "- communication" lines): the values are
            # kept, so nothing else is reported about this field.
            items = [_YAML_ITEM.fullmatch(lines[number - 1]).group(1).strip()]
            while number < len(lines) and _YAML_ITEM.fullmatch(lines[number]):
                number += 1
                items.append(_YAML_ITEM.fullmatch(lines[number - 1]).group(1).strip())
            last.value = ", ".join(item.strip("\"'") for item in items)
            source.problem(last.line, f"the {last.name} are written as a list below the field. Write them "
                           f"on its line, separated by commas: '{last.name}: {last.value}'.")
            number += 1
            continue
        continued = _CONTINUED.fullmatch(line)
        if continued and last is not None:
            last.value = f"{last.value} {continued.group(1).strip()}".strip()
            number += 1
            continue
        match = _FIELD.fullmatch(line)
        if match is None:
            almost = _ALMOST_FIELD.fullmatch(line)
            if almost and source.fields:
                written = almost.group(1).strip()
                name = re.sub(r"[\s-]+", "_", written)
                source.problem(number, f"'{written}:' is not a field name the site reads: field names "
                               f"have no spaces. Write it as '{name}:'.")
                match = almost
            elif source.fields:
                source.problem(number, "this line is among the fields at the top but is not a "
                               "'Name: value' line. If it belongs to the text, add a blank line above it; "
                               "if it continues the field above, indent it by four spaces.")
                break
            else:
                break  # no header at all: the rules report the missing fields
        name = re.sub(r"[\s-]+", "_", match.group(1).strip())
        last = Field(name, match.group(2).strip(), number)
        key = name.lower()
        if key in source.fields:
            first = source.fields[key]
            source.problem(number, f"'{name}' is written twice (lines {first.line} and {number}); the "
                           f"site would use only the first. Keep one '{first.name}:' line.")
        else:
            source.fields[key] = last
        number += 1
    source.body_start = min(number, len(lines) + 1) if source.fields else 1
    source.has_text = any(line.strip() for line in lines[source.body_start - 1:])
    source.empty = not source.text.strip()
    for item in source.fields.values():
        _check_value_syntax(source, item)
    _note_field_like_lines(source)
    return source


def _check_value_syntax(source, item):
    """YAML habits that Pelican's header would show to readers as they are."""
    value = item.value
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        source.problem(item.line, f"the {item.name} is in quotation marks, which would show on the page. "
                       "Remove the quotation marks around it.")
    elif value.startswith("[") and value.endswith("]") and item.name.lower() in ("tags", "aliases"):
        source.problem(item.line, f"the {item.name} are in square brackets. Remove the brackets and "
                       f"separate the words with commas: '{item.name}: {value[1:-1].strip()}'.")


def _note_field_like_lines(source):
    """Field lines just below the blank line that ends the header: usually a stray blank line."""
    if not source.fields:
        return
    lines = source.lines
    number = source.body_start
    while number <= len(lines) and not lines[number - 1].strip():
        number += 1
    while number <= len(lines) and lines[number - 1].strip():
        match = _FIELD.fullmatch(lines[number - 1])
        if not match or not match.group(2).strip():
            break
        source.field_like_body_lines.append((number, match.group(1).lower()))
        number += 1


def line_of_text(source, needle, start=None):
    """The line number where `needle` first appears in the body (from line `start`), or None."""
    if not needle:
        return None
    lines = source.lines
    for number in range(max(start or source.body_start, 1), len(lines) + 1):
        if needle in lines[number - 1]:
            return number
    return None
