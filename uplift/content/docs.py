"""The field tables of WRITING.md, made from the content model (model.py).

`invoke docs` writes each table between its markers in WRITING.md
(<!-- fields: article --> ... <!-- end fields -->); a test holds the file equal to
what the model makes, so the guide never describes a field the checker does not.
"""

import re

from . import model

_BLOCK = re.compile(r"(<!-- fields: ([a-z ]+) -->\n).*?(<!-- end fields -->)", re.S)


def _cell(text):
    return text.replace("|", "\\|")


def field_table(kind):
    """A Markdown table: each field of `kind`, whether it is required, what to write, an example."""
    rows = ["| Field | Required | What to write | Example | What it is for |", "|---|---|---|---|---|"]
    for item in kind.fields:
        if not item.editor:
            continue
        example = f"`{item.name}: {item.example}`" if item.example else ""
        limits = f", {item.limits[0]} to {item.limits[1]} characters" if item.limits and item.limits[0] > 1 \
            else f", at most {item.limits[1]} characters" if item.limits else ""
        choices = f": {', '.join(item.choices)}" if item.choices else ""
        what = item.help[:1].upper() + item.help[1:]
        rows.append(f"| `{item.name}` | {'yes' if item.required else 'no'} | "
                    f"{_cell(item.type.description + choices + limits)} | {_cell(example)} | "
                    f"{_cell(what if what.endswith('.') else what + '.')} |")
    return "\n".join(rows) + "\n"


def with_tables(text):
    """WRITING.md's text with every marked table made anew from the model."""
    kinds = {kind.name: kind for kind in model.KINDS}
    return _BLOCK.sub(lambda match: match.group(1) + field_table(kinds[match.group(2)]) + match.group(3), text)
