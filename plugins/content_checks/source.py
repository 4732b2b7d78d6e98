"""Reading a Markdown source file the way a writer sees it: fields and lines."""

import re
from dataclasses import dataclass, field

_FIELD = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s?(.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass
class Field:
    key: str  # lower-case
    value: str
    line: int


@dataclass
class Source:
    path: str  # as shown to the writer
    text: str
    relative_path: str = ""  # inside the content folder, with "/"
    fields: dict = field(default_factory=dict)  # lower-case key -> Field
    body_start: int = 1  # line number of the first body line

    def value(self, key, default=""):
        found = self.fields.get(key)
        return found.value if found else default

    def line_of(self, key):
        found = self.fields.get(key)
        return found.line if found else 1

    def body_lines(self):
        """(line number, text) of the body, code blocks left out."""
        in_code = False
        for number, line in enumerate(self.text.splitlines()[self.body_start - 1:], self.body_start):
            if _FENCE.match(line):
                in_code = not in_code
                continue
            if not in_code and not line.startswith("    "):
                yield number, line


def parse_source(path, text, relative_path=""):
    """Split `text` into its metadata fields (with line numbers) and body."""
    source = Source(path=path, text=text, relative_path=relative_path)
    lines = text.splitlines()
    last = None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            source.body_start = number + 1
            break
        match = _FIELD.match(line)
        if match and not line.startswith((" ", "\t")):
            key = match.group(1).lower()
            last = Field(key, match.group(2).strip(), number)
            source.fields.setdefault(key, last)
        elif last is not None and line.startswith((" ", "\t")):
            last.value = f"{last.value} {line.strip()}".strip()  # a continued value
        else:
            source.body_start = number  # no metadata block: the body starts here
            break
    else:
        source.body_start = len(lines) + 1
    return source
