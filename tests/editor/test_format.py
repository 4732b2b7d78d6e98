"""The editor's file format (uplift/editor/static/pelican-format.js) in Node.js, on real files.

Opening a file in the browser editor and saving it unchanged must leave it byte
for byte as it was; a changed field changes only its own line; a new file reads
back through the site's one reading (site_content) with the same fields."""

import json
import subprocess

import pytest

from tests.helpers import FIXTURE_CONTENT, ROOT
from uplift.content import model, parse_source

FORMAT = ROOT / "uplift" / "editor" / "static" / "pelican-format.js"
DRIVER = """
const fs = require('fs');
require(process.argv[1]);
const {fromFile, toFile} = globalThis.PelicanFormat;
const jobs = JSON.parse(fs.readFileSync(0, 'utf8'));
globalThis.UPLIFT = {topicNames: {'sex': 'sexual intimacy', 'sexual intimacy': 'sexual intimacy'},
                     listFields: JSON.parse(process.argv[2])};
const out = jobs.map(job => {
  const data = job.raw === null ? {} : fromFile(job.raw);
  Object.assign(data, job.change || {});
  return {data: Object.fromEntries(Object.entries(data).filter(([k]) => k !== '_pelican')),
          raw: toFile(data, job.fields || [])};
});
process.stdout.write(JSON.stringify(out));
"""


def run(jobs):
    # The list fields as each build writes them into site.js: the content model's.
    result = subprocess.run(["node", "-e", DRIVER, str(FORMAT), json.dumps(model.LIST_FIELDS)],
                            input=json.dumps(jobs), capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout)


CONTENT_FILES = sorted([*ROOT.glob("content/**/*.md"), *FIXTURE_CONTENT.glob("**/*.md")])


def test_every_content_file_round_trips_byte_for_byte():
    texts = [path.read_text(encoding="utf-8") for path in CONTENT_FILES]
    results = run([{"raw": text} for text in texts])
    for path, text, result in zip(CONTENT_FILES, texts, results, strict=False):
        assert result["raw"] == text, path


@pytest.mark.parametrize("raw", [
    "Title: A\nTags: sex,  Communication\nSummary: one\n    two\nX_custom:   spaced  \n\nBody\n\n\n",
    "\ufeffTitle: With a BOM\n\nBody",
    "Title: No body\n",
    "Just text, no header.\n",
])
def test_odd_files_round_trip_too(raw):
    assert run([{"raw": raw}])[0]["raw"] == raw


def test_a_changed_field_changes_only_its_line():
    path = ROOT / "content" / "articles" / "when-the-spark-fades.md"
    text = path.read_text(encoding="utf-8")
    [result] = run([{"raw": text, "change": {"summary": "A new summary."}}])
    old, new = text.splitlines(), result["raw"].splitlines()
    assert len(old) == len(new)
    assert [b for a, b in zip(old, new, strict=True) if a != b] == ["Summary: A new summary."]


def test_aliases_reach_the_pick_list_as_names_and_untouched_lines_stay():
    [result] = run([{"raw": "Title: A\nTags: sex, Sexual intimacy\n\nBody\n"}])
    assert result["data"]["tags"] == ["sexual intimacy", "sexual intimacy"]
    assert result["raw"] == "Title: A\nTags: sex, Sexual intimacy\n\nBody\n"


def test_a_new_post_reads_back_as_the_site_reads_it():
    fields = ["title", "slug", "date", "tags", "summary", "status", "author", "reviewed_by", "reviewed_on",
              "modified", "image", "image_alt", "body"]
    data = {"title": "Don’t Stop", "slug": "dont-stop", "date": "2025-12-01 09:00",
            "tags": ["communication", "sexual intimacy"], "summary": "One sentence.", "status": "draft",
            "reviewed_by": "Ana Example", "body": "Text.\n\n- a\n"}
    [result] = run([{"raw": None, "change": data, "fields": fields}])
    assert result["raw"] == ("Title: Don’t Stop\nSlug: dont-stop\nDate: 2025-12-01 09:00\n"
                             "Tags: communication, sexual intimacy\nSummary: One sentence.\nStatus: draft\n"
                             "Reviewed_by: Ana Example\n\nText.\n\n- a\n")
    source = parse_source(result["raw"], "new.md")
    assert source.problems == [] and source.value("reviewed_by") == "Ana Example"
    assert source.value("tags") == "communication, sexual intimacy" and source.body == "Text.\n\n- a\n"
