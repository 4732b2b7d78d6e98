"""The checker on an entry as typed (the editor's preSave): real checks of a fixture site copy,
problems placed at fields and text-box lines, in the editor's words, the status as the site sees it."""

import json
import shutil
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from pelican.settings import read_settings

from tests.helpers import DEV_SETTINGS, FIXTURE_CONTENT
from uplift.content import model
from uplift.preview.entry_check import answer, in_writers_words, place, status_of
from uplift.site.settings import apply_defaults

POST = ("Title: A post typed in the editor\nDate: 2025-10-01 09:00\nTags: communication\n"
        "Summary: A fixture post long enough to be a real summary for the cards and search results.\n"
        "Status: {status}\n{extra}\nFirst line of the text.\n\nSee [this](/no-such-page/).\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = tmp_path_factory.mktemp("entry") / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    settings = read_settings(str(DEV_SETTINGS), override={"PATH": str(content)})
    apply_defaults(settings)
    return content, settings


def ask(site, path, text):
    content, settings = site
    return answer(json.dumps({"path": path, "text": text}).encode(), DEV_SETTINGS, settings)


def test_problems_are_found_before_saving_at_their_field_and_text_line(site):
    content, _ = site
    text = POST.format(status="draft", extra="Image: {static}/images/none.jpg\n")
    status, found = ask(site, "content/articles/typed.md", text)
    assert status == 200
    assert not (content / "articles" / "typed.md").exists()  # checked, never written
    # Checked as if published (a draft's problems would not stop a build): both stop publishing.
    assert found["stops"] and found["status"] == {"status": "draft"} and found["current"] is None
    by_place = {(problem.get("field"), problem.get("textLine")): problem for problem in found["problems"]}
    assert by_place[(None, 3)]["label"] == "Text"  # the text box's third line, not the file's
    assert "'/no-such-page/' leads to no page of the site" in by_place[(None, 3)]["message"]
    image = [problem for problem in found["problems"] if problem.get("field") == "image"]
    assert image and all(problem["label"] == "Image" for problem in image)
    words = " ".join(problem["message"] for problem in found["problems"])
    assert "Image_alt" not in words and "Add a line" not in words
    assert "\u201cImage description (alt text)\u201d" in words


def test_a_clean_entry_stops_nothing_and_knows_the_file_on_disk(site):
    content, _ = site
    existing = content / "articles" / "first-post.md"
    status, found = ask(site, "content/articles/first-post.md", existing.read_text(encoding="utf-8"))
    assert status == 200 and found == {"problems": [], "stops": False, "status": {"status": "published"},
                                       "current": {"status": "published"}}


@pytest.mark.parametrize("path, text, expected", [
    ("tasks.py", "x", 403), ("content/../tasks.py", "x", 403), ("content/practice.yml", "x", 403),
    ("content/images/x.md", "x", 403), ("/etc/passwd", "x", 403), ("content/articles/x.md", None, 400),
])
def test_only_posts_pages_topics_and_team_files_are_checked(site, path, text, expected):
    status, found = ask(site, path, text)
    assert status == expected and "error" in found


def test_status_is_what_the_site_will_do(site):
    _, settings = site
    now = datetime(2026, 1, 10, 12, 0, tzinfo=ZoneInfo(settings["TIMEZONE"]))
    header = "Title: T\nDate: {date}\nStatus: {status}\n\nText.\n"
    assert status_of(header.format(date="2026-01-10 11:59", status="published"), settings, now) == {
        "status": "published"}
    assert status_of(header.format(date="2026-01-10 12:01", status="published"), settings, now) == {
        "status": "scheduled", "date": "2026-01-10 12:01"}
    assert status_of(header.format(date="2026-01-11 09:00", status="draft"), settings, now) == {"status": "draft"}
    assert status_of("Title: T\nDate: 2026-01-09\n\nText.\n", settings, now) == {"status": "published"}


@pytest.mark.parametrize("message, expected", [
    ("the Image has no Image_alt. Add a line 'Image_alt: ' saying what the picture shows.",
     "the \u201cImage\u201d has no \u201cImage description (alt text)\u201d. Fill in \u201cImage description "
     "(alt text)\u201d saying what the picture shows."),
    ("the Title is 130 characters long.", "the \u201cTitle\u201d is 130 characters long."),
    ("the link to '/x/' leads to no page of the site.", "the link to '/x/' leads to no page of the site."),
])
def test_messages_use_the_editors_labels(message, expected):
    assert in_writers_words(message, model.ARTICLE) == expected


def test_lines_are_placed_at_fields_or_in_the_text_box():
    text = "Title: T\nSummary: S\n    continued\n\nOne.\nTwo.\n"
    problems = [{"line": 2, "message": "m"}, {"line": 6, "message": "n"}]
    assert place(problems, text, model.ARTICLE) == [
        {"field": "summary", "label": "Summary", "message": "m"},
        {"textLine": 2, "label": "Text", "message": "n"}]
