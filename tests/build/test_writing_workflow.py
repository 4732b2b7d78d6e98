"""From `invoke new-post` to publication: drafts, scheduling, review metadata."""

import subprocess
import sys
from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup

from tests.helpers import ROOT, build_fixture_site

PUBLISH_SETTINGS = ROOT / "publishconf.py"
SUMMARY = "A post used by the tests, with a summary long enough to be a fine meta description."


def invoke(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "invoke", "--search-root", str(ROOT), *args],
                          cwd=cwd, capture_output=True, text=True)


def fill_in(text):
    """What a writer does with the scaffold: replace every FILL IN."""
    filled = []
    for line in text.splitlines():
        if line.startswith("Tags:"):
            line = "Tags: communication, trust"
        elif line.startswith("Summary:"):
            line = f"Summary: {SUMMARY}"
        elif line.startswith("Status:"):
            line = "Status: published"
        elif line.startswith("## "):
            line = "## What helps"
        elif "FILL IN" in line:
            line = "A paragraph the writer wrote."
        filled.append(line)
    return "\n".join(filled) + "\n"


def test_new_post_scaffold_builds_once_filled_in(tmp_path):
    folder = tmp_path / "new"
    result = invoke("new-post", "Talking About Money Without Fighting", "--folder", str(folder))
    assert result.returncode == 0, result.stderr
    created = folder / "talking-about-money-without-fighting.md"
    assert "talking-about-money-without-fighting.md (a draft)" in result.stdout
    assert "/drafts/talking-about-money-without-fighting/" in result.stdout
    scaffold = created.read_text()
    for field in ("Title: Talking About Money Without Fighting", "Slug:", "Date: 20", "Status: draft",
                  "Author: The Uplift team", "Tags: FILL IN", "Summary: FILL IN"):
        assert field in scaffold

    again = invoke("new-post", "Talking About Money Without Fighting", "--folder", str(folder))
    assert again.returncode != 0 and "already exists; nothing was changed" in again.stderr
    assert created.read_text() == scaffold

    build = build_fixture_site(tmp_path, {"articles/money.md": fill_in(scaffold)})
    assert build.returncode == 0, build.stderr
    page = (tmp_path / "output" / "talking-about-money-without-fighting" / "index.html").read_text()
    assert "What helps" in page and "Draft:" not in page


def draft(slug, status="draft", date="2025-11-03 09:00", extra=""):
    return (f"Title: Post {slug}\nSlug: {slug}\nDate: {date}\nStatus: {status}\n"
            f"Tags: communication\nSummary: {SUMMARY}\n{extra}\nA paragraph.\n")


FUTURE = (datetime.now() + timedelta(days=30)).strftime("%Y-%m-%d 09:00")


@pytest.fixture(scope="module")
def preview_and_production(tmp_path_factory):
    """The same content built as the live preview builds it and as production does."""
    tmp = tmp_path_factory.mktemp("workflow")
    files = {
        "articles/clean-draft.md": draft("clean-draft"),
        "articles/unfinished-draft.md": draft("unfinished-draft", extra="Tags2: oops\n"),
        "articles/scheduled-post.md": draft("scheduled-post", status="published", date=FUTURE),
        "articles/reviewed-post.md": draft(
            "reviewed-post", status="published",
            extra=("Modified: 2025-11-20 10:00\nReviewed_by: Robin Fixture\n"
                   "Reviewed_on: 2025-11-19\n")),
    }
    preview = build_fixture_site(tmp / "preview", files, extra=("-e", "STRICT_BUILD=false"))
    production = build_fixture_site(tmp / "production", files, settings=PUBLISH_SETTINGS)
    return tmp, preview, production


def test_preview_shows_drafts_with_a_banner_and_their_problems(preview_and_production):
    tmp, preview, _ = preview_and_production
    assert preview.returncode == 0, preview.stderr
    output = tmp / "preview" / "output"
    clean = (output / "drafts" / "clean-draft" / "index.html").read_text()
    assert "<strong>Draft:</strong> only visible in the preview" in clean
    unfinished = (output / "drafts" / "unfinished-draft" / "index.html").read_text()
    assert "Fix before publishing" in unfinished and "Line 7: &#39;Tags2&#39;" in unfinished
    assert "Draft, fix before publishing: " in preview.stderr
    assert 'href="/drafts/clean-draft/"' in (output / "index.html").read_text()
    scheduled = (output / "drafts" / "scheduled-post" / "index.html").read_text()
    assert "<strong>Scheduled:</strong>" in scheduled


def test_production_never_contains_drafts_or_scheduled_posts(preview_and_production):
    tmp, _, production = preview_and_production
    assert production.returncode == 0, production.stderr
    output = tmp / "production" / "output"
    written = {path.relative_to(output).as_posix() for path in output.rglob("*.html")}
    assert not [path for path in written if path.startswith("drafts/")]
    for slug in ("clean-draft", "unfinished-draft", "scheduled-post"):
        assert not any(slug in path for path in written)
        for page in output.rglob("*.html"):
            assert f"/{slug}/" not in page.read_text(), f"{page} links {slug}"
    assert "reviewed-post/index.html" in written
    sitemap = (output / "sitemap.xml").read_text()
    assert "/reviewed-post/" in sitemap
    assert not [slug for slug in ("clean-draft", "unfinished-draft", "scheduled-post") if slug in sitemap]
    assert "Scheduled: " in production.stdout + production.stderr
    assert "scheduled-post.md" in production.stdout + production.stderr


def test_updated_and_reviewed_by_appear_in_the_byline(preview_and_production):
    tmp, _, _ = preview_and_production
    html = (tmp / "production" / "output" / "reviewed-post" / "index.html").read_text()
    byline = BeautifulSoup(html, "html.parser").select_one(".byline")
    spans = {span.get_text(" ", strip=True): span for span in byline.find_all("span")}
    updated = next(span for text, span in spans.items() if text.startswith("Updated"))
    assert updated.time["datetime"].startswith("2025-11-20T10:00:00")
    reviewed = next(text for text in spans if text.startswith("Reviewed by"))
    assert reviewed == "Reviewed by Robin Fixture, LMFT on November 19, 2025"
    assert spans[reviewed].a["href"].endswith("/team/robin-fixture/")
