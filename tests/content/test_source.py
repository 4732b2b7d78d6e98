"""The one reading of a content file: (file bytes in, fields and problems out)."""

import pytest

from uplift.content import DateProblem, decode, parse_date, parse_source, slug

GOOD = "Title: When the Spark Fades\nDate: 2025-09-16 09:00\nTags: sexual intimacy, trust\n\nBody text.\n"

# (name, file bytes, expected {field: value}, expected first body line, expected problems "line: start")
READINGS = [
    ("plain", GOOD.encode(), {"title": "When the Spark Fades", "tags": "sexual intimacy, trust"}, 5, []),
    ("byte-order mark", b"\xef\xbb\xbf" + GOOD.encode(), {"title": "When the Spark Fades"}, 5, []),
    ("Windows line endings", GOOD.replace("\n", "\r\n").encode(), {"date": "2025-09-16 09:00"}, 5, []),
    ("old Mac line endings", GOOD.replace("\n", "\r").encode(), {"tags": "sexual intimacy, trust"}, 5, []),
    ("value continued on an indented line",
     b"Title: A\nSummary: one\n    two\n\nBody\n", {"summary": "one two"}, 5, []),
    ("field written twice",
     b"Title: A\nTags: trust\nTags: sex\n\nBody\n", {"tags": "trust"}, 5,
     ["3: 'Tags' is written twice (lines 2 and 3); the site would use only the first. "
      "Keep one 'Tags:' line."]),
    ("YAML front matter with quotes and a list",
     b'---\ntitle: "A post"\ntags:\n  - trust\n  - sex\n---\n\nBody\n',
     {"title": '"A post"', "tags": "trust, sex"},
     7, ["3: the tags are written as a list below the field. Write them on its line, separated by commas: "
         "'tags: trust, sex'.",
         "2: the title is in quotation marks, which would show on the page. Remove the quotation marks "
         "around it."]),
    ("tags in square brackets", b"Title: A\nTags: [trust, sex]\n\nBody\n", {"tags": "[trust, sex]"}, 4,
     ["2: the Tags are in square brackets. Remove the brackets and separate the words with commas: "
      "'Tags: trust, sex'."]),
    ("a field name with a space", b"Title: A\nReviewed by: Dr B\n\nBody\n", {"reviewed_by": "Dr B"}, 4,
     ["2: 'Reviewed by:' is not a field name the site reads: field names have no spaces. "
      "Write it as 'Reviewed_by:'."]),
    ("text among the fields", b"Title: A\nThis is the first sentence.\n\nBody\n", {"title": "A"}, 2,
     ["2: this line is among the fields at the top but is not a 'Name: value' line. If it belongs to "
      "the text, add a blank line above it; if it continues the field above, indent it by four spaces."]),
    ("no header at all", b"Just text.\n", {}, 1, []),
    ("empty file", b"", {}, 1, []),
]


@pytest.mark.parametrize("name, data, fields, body_start, problems", READINGS, ids=[r[0] for r in READINGS])
def test_reading(name, data, fields, body_start, problems):
    text, problem = decode(data, "post.md")
    assert problem is None
    source = parse_source(text, "post.md")
    for key, value in fields.items():
        assert source.value(key) == value
    assert source.body_start == body_start
    assert [f"{p.line}: {p.message}" for p in source.problems] == problems


def test_a_blank_line_too_early_leaves_fields_in_the_body():
    source = parse_source("Title: A\n\nDate: 2025-01-01\nTags: trust\n\nBody\n", "post.md")
    assert source.field_like_body_lines == [(3, "date"), (4, "tags")]


@pytest.mark.parametrize("data, line, words", [
    ("Caf\u00e9\n".encode("latin-1"), 1, "not saved as UTF-8"),
    (b"Title: A\n\nfine\n" + "caf\u00e9".encode("cp1252"), 4, "not saved as UTF-8"),
    ("Title: A\n".encode("utf-16"), 1, "saved as UTF-16"),
])
def test_files_that_are_not_utf8_name_the_line(data, line, words):
    _, problem = decode(data, "post.md")
    assert (problem.line, words in problem.message) == (line, True)


@pytest.mark.parametrize("value, expected", [
    ("2025-09-16", (2025, 9, 16, 0, 0)),
    ("2025-09-16 09:30", (2025, 9, 16, 9, 30)),
    ("2025-09-16 9:30", (2025, 9, 16, 9, 30)),
])
def test_dates_in_the_one_form(value, expected):
    when = parse_date(value)
    assert (when.year, when.month, when.day, when.hour, when.minute) == expected


@pytest.mark.parametrize("value, words", [
    ("03/12/2025", "is not written the way the site reads dates"),
    ("12.03.2025", "is not written the way the site reads dates"),
    ("March 12, 2025", "is not written the way the site reads dates"),
    ("2025-3-12", "is not written the way the site reads dates"),
    ("2025-09-16T09:00:00", "is not written the way the site reads dates"),
    ("2025-02-30", "is not a real date"),
    ("2025-09-16 25:00", "is not a real date"),
])
def test_other_dates_are_refused_naming_the_form(value, words):
    with pytest.raises(DateProblem) as refused:
        parse_date(value)
    assert words in str(refused.value) and "2025-09-16 09:00" in str(refused.value)


@pytest.mark.parametrize("text, expected", [
    ("When the Spark Fades", "when-the-spark-fades"),
    ("Don’t Stop: Café Talks & More", "dont-stop-cafe-talks-more"),
    ("  Stress -- and   life ", "stress-and-life"),
])
def test_one_slug_function(text, expected):
    assert slug(text) == expected
