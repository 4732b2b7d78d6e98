"""The facts file's format for the editor (uplift/editor/static/facts-format.js) in Node.js,
with the yaml package's browser build the editor loads, on facts files.

Opening the facts file in the browser editor and saving it unchanged leaves it byte
for byte as it was: comments, blank lines, folded paragraphs, quotes. A changed
value changes only its own line(s), quoted where YAML needs it; a list entry
removed or added removes or adds only its own lines. The site reads what is
written as the editor meant it."""

import json
import subprocess

import pytest

from tests.helpers import FIXTURE_CONTENT, ROOT
from uplift.checks.facts import load_facts

FORMAT = ROOT / "uplift" / "editor" / "static" / "facts-format.js"
YAML = ROOT / "node_modules" / "yaml" / "browser" / "dist" / "index.js"
# Each job: the file's text, then changes to the data the editor read: ["set", path, value],
# ["remove", path of a list, index], ["append", path of a list, value].
DRIVER = """
import fs from 'fs';
import { createRequire } from 'module';
const [format, library] = process.argv.slice(1);
globalThis.YAML = await import(library);
createRequire(import.meta.url)(format);
const {fromFile, toFile, BOOK} = globalThis.FactsFormat;
const jobs = JSON.parse(fs.readFileSync(0, 'utf8'));
const at = (data, path) => path.reduce((value, key) => value[key], data);
const out = jobs.map(job => {
  const data = fromFile(job.raw);
  for (const [op, path, value] of job.changes || []) {
    if (op === 'set') at(data, path.slice(0, -1))[path[path.length - 1]] = value;
    if (op === 'remove') at(data, path).splice(value, 1);
    if (op === 'append') at(data, path).push(value);
  }
  const read = Object.fromEntries(Object.entries(data).filter(([key]) => key !== BOOK));
  return {data: read, raw: toFile(data)};
});
process.stdout.write(JSON.stringify(out));
"""

FACTS_LIKE = """\
# A facts file as people write them: notes, blank lines, folded text.
# Edit a value after its colon.

name: Example   # the short name
full_name: 'Example Couples Therapy'
tagline: "Couples therapy, #1 in kindness: \\"warm\\" and plain"
about: >
  A paragraph folded over
  several lines, kept as written.

# The address (a '#' inside quotes is part of the value).
address:
  street: "12 Main Street #3"
  locality: Springfield
  postal_code: "00000"

hours:
  - days: Monday to Thursday
    times: 9 am to 7 pm

  # Fridays are short.
  - days: Friday
    times: 9 am to 3 pm
notes: |
  A literal block,
    with an indented line.
empty:
privacy_notice_url: ""
placeholders:
  - phone
  - hours
# The end.
"""

FACTS_FILES = [ROOT / "content" / "practice.yml", FIXTURE_CONTENT / "practice.yml"]
PRACTICE = (ROOT / "content" / "practice.yml").read_text(encoding="utf-8")


def run(jobs):
    result = subprocess.run(["node", "--input-type=module", "-e", DRIVER, str(FORMAT), str(YAML)],
                            input=json.dumps(jobs), capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def edit(raw, *changes):
    return run([{"raw": raw, "changes": list(changes)}])[0]["raw"]


def changed_lines(old, new):
    """(lines only in old, lines only in new), in order: what a line diff shows."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    start = 0
    while start < min(len(old_lines), len(new_lines)) and old_lines[start] == new_lines[start]:
        start += 1
    end = 0
    while end < min(len(old_lines), len(new_lines)) - start and old_lines[-1 - end] == new_lines[-1 - end]:
        end += 1
    return old_lines[start:len(old_lines) - end], new_lines[start:len(new_lines) - end]


@pytest.mark.parametrize("raw", [
    *[path.read_text(encoding="utf-8") for path in FACTS_FILES],
    FACTS_LIKE,
    FACTS_LIKE.rstrip("\n"),  # no newline at the end
    FACTS_LIKE.replace("\n", "\r\n"),
    "\ufeff" + FACTS_LIKE,
], ids=["practice", "fixture", "facts-like", "no-final-newline", "crlf", "bom"])
def test_a_facts_file_saved_unchanged_is_byte_identical(raw):
    [result] = run([{"raw": raw}])
    assert result["raw"] == raw


def test_the_editor_reads_the_values_the_site_reads(tmp_path):
    [result] = run([{"raw": FACTS_LIKE}])
    assert result["data"]["tagline"] == 'Couples therapy, #1 in kindness: "warm" and plain'
    assert result["data"]["address"]["street"] == "12 Main Street #3"
    assert result["data"]["hours"][1] == {"days": "Friday", "times": "9 am to 3 pm"}
    assert result["data"]["about"] == "A paragraph folded over several lines, kept as written.\n"


def test_changing_the_phone_changes_only_its_line():
    new = edit(PRACTICE, ["set", ["phone"], "(555) 010-9999"])
    assert changed_lines(PRACTICE, new) == (["phone: (555) 010-0142\n"], ["phone: (555) 010-9999\n"])


def test_changing_one_hour_entry_changes_only_its_line():
    new = edit(PRACTICE, ["set", ["hours", 1, "times"], "9 am to 4 pm"])
    assert changed_lines(PRACTICE, new) == (["    times: 9 am to 3 pm\n"], ["    times: 9 am to 4 pm\n"])


def test_a_value_with_a_hash_is_quoted_and_the_site_reads_it_whole(tmp_path):
    new = edit(PRACTICE, ["set", ["address", "street"], "100 Example Avenue #200"])
    assert changed_lines(PRACTICE, new) == (["  street: 100 Example Avenue, Suite 200\n"],
                                            ['  street: "100 Example Avenue #200"\n'])
    path = tmp_path / "practice.yml"
    path.write_text(new, encoding="utf-8")
    facts, problems = load_facts(path)
    assert problems == [] and facts["address"]["street"] == "100 Example Avenue #200"


@pytest.mark.parametrize(("path", "value", "old", "new"), [
    (["crisis", "number"], "911", '  number: "988"\n', '  number: "911"\n'),
    (["address", "postal_code"], "00001", '  postal_code: "00000"\n', '  postal_code: "00001"\n'),
    (["privacy_notice_url"], "https://www.example.com/privacy", 'privacy_notice_url: ""\n',
     'privacy_notice_url: "https://www.example.com/privacy"\n'),
    (["consultation", "minutes"], 20, "  minutes: 15\n", "  minutes: 20\n"),
])
def test_a_quoted_value_stays_quoted_and_a_number_stays_a_number(path, value, old, new):
    assert changed_lines(PRACTICE, edit(PRACTICE, ["set", path, value])) == ([old], [new])


def test_a_changed_paragraph_stays_folded_between_its_neighbours(tmp_path):
    text = ("Uplift helps partners who feel distant or stuck to understand what has changed, "
            "and to find their way back to each other at their own pace.")
    new = edit(PRACTICE, ["set", ["about"], text])
    old_lines, new_lines = changed_lines(PRACTICE, new)
    assert old_lines == PRACTICE.splitlines(keepends=True)[9:12]  # the three lines of the paragraph
    assert len(new_lines) == 2 and all(line.startswith("  ") and len(line) <= 81 for line in new_lines)
    assert " ".join(line.strip() for line in new_lines) == text
    path = tmp_path / "practice.yml"
    path.write_text(new, encoding="utf-8")
    facts, problems = load_facts(path)
    assert problems == [] and facts["about"] == text


def test_removing_or_adding_a_list_entry_touches_only_its_lines():
    removed = edit(PRACTICE, ["remove", ["hours"], 0])
    assert changed_lines(PRACTICE, removed) == (["  - days: Monday to Thursday\n", "    times: 9 am to 7 pm\n"],
                                                [])
    added = edit(PRACTICE, ["append", ["hours"], {"days": "Sunday", "times": "Closed"}])
    assert changed_lines(PRACTICE, added) == ([], ["  - days: Sunday\n", "    times: Closed\n"])
    confirmed = edit(PRACTICE, ["remove", ["placeholders"], 0])
    assert changed_lines(PRACTICE, confirmed) == (["  - site_url\n"], [])
    last = edit(PRACTICE, ["remove", ["placeholders"], 6])
    assert changed_lines(PRACTICE, last) == (["  - area_served\n"], [])


def test_edits_of_a_facts_like_file_keep_its_notes():
    removed = edit(FACTS_LIKE, ["remove", ["hours"], 0])
    assert changed_lines(FACTS_LIKE, removed) == (
        ["  - days: Monday to Thursday\n", "    times: 9 am to 7 pm\n", "\n"], [])
    assert "  # Fridays are short.\n  - days: Friday\n" in removed
    quoted = edit(FACTS_LIKE, ["set", ["full_name"], "Example Therapy"], ["set", ["address", "street"], "14 Main"])
    pairs = list(zip(FACTS_LIKE.splitlines(), quoted.splitlines(), strict=True))
    assert [(a, b) for a, b in pairs if a != b] == [
        ("full_name: 'Example Couples Therapy'", "full_name: 'Example Therapy'"),
        ('  street: "12 Main Street #3"', '  street: "14 Main"')]
    named = edit(FACTS_LIKE, ["set", ["name"], "Other"])
    assert changed_lines(FACTS_LIKE, named) == (["name: Example   # the short name\n"],
                                                ["name: Other   # the short name\n"])


@pytest.mark.parametrize("emptied", [[], None])
def test_a_list_emptied_stays_a_list_and_its_notes_stay(emptied, tmp_path):
    new = edit(PRACTICE, ["set", ["placeholders"], emptied])
    assert changed_lines(PRACTICE, new) == (PRACTICE.splitlines(keepends=True)[-7:], ["  []\n"])
    path = tmp_path / "practice.yml"
    path.write_text(new, encoding="utf-8")
    facts, problems = load_facts(path)
    assert problems == [] and facts["placeholders"] == []


def test_a_fact_the_file_did_not_have_is_added_to_its_group():
    raw = PRACTICE.replace("  text: Text START to 88788\n", "")
    new = edit(raw, ["set", ["domestic_violence", "text"], "Text START to 88788"])
    assert changed_lines(raw, new) == ([], ["  text: Text START to 88788\n"])  # at the group's end
    assert new.replace("  text: Text START to 88788\n", "") == raw
    untouched = edit(raw, ["set", ["domestic_violence", "text"], ""])
    assert untouched == raw
