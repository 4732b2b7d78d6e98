"""`invoke check`: one fixture per rule, its exit code and the exact line it prints."""

import shutil
import subprocess
import sys

import pytest

from helpers import ROOT

GOOD_HEAD = ("Title: A good post\nSlug: {slug}\nDate: 2025-11-02 09:00\nTags: communication\n"
             "Summary: A post that is fine in every way except the one mistake this test makes.\n")


def post(slug, body="A paragraph.\n", head=None):
    return (head or GOOD_HEAD.format(slug=slug)) + "\n" + body


# (file name, file text, the exact line `invoke check` must print)
RULES = {
    "missing title": (
        "no-title.md",
        "Date: 2025-11-02 09:00\nTags: communication\n"
        "Summary: A post that is fine in every way except the one mistake this test makes.\n\nText.\n",
        "content/articles/no-title.md:1: the post has no Title. Add a line like "
        "'Title: When the Spark Fades' at the top of the file."),
    "missing date": (
        "no-date.md",
        "Title: No date\nTags: communication\n"
        "Summary: A post that is fine in every way except the one mistake this test makes.\n\nText.\n",
        "content/articles/no-date.md:1: the post has no Date. Add a line like 'Date: 2025-09-16 09:00'."),
    "impossible date": (
        "bad-date.md",
        post("bad-date").replace("2025-11-02 09:00", "2025-02-30"),
        "content/articles/bad-date.md:3: '2025-02-30' is not a real date. "
        "Use the form 2025-09-16 or 2025-09-16 09:00."),
    "summary too short": (
        "short-summary.md",
        post("short-summary").replace(
            "A post that is fine in every way except the one mistake this test makes.", "Too short."),
        "content/articles/short-summary.md:5: the Summary is 10 characters long. "
        "Make it 70 to 160 characters so search engines show it whole."),
    "no tags": (
        "no-tags.md",
        post("no-tags").replace("Tags: communication\n", ""),
        "content/articles/no-tags.md:1: the post has no Tags. Add a line like "
        "'Tags: emotional intimacy, communication' naming at least one topic."),
    "unknown topic": (
        "unknown-topic.md",
        post("unknown-topic").replace("Tags: communication", "Tags: comunication"),
        "content/articles/unknown-topic.md:4: 'comunication' is not one of the site's topics. "
        "Did you mean 'Communication'? Use a topic's name or alias from content/topics/, "
        "or add a topic file there."),
    "unknown status": (
        "bad-status.md",
        post("bad-status").replace("Tags:", "Status: pubished\nTags:"),
        "content/articles/bad-status.md:4: Status 'pubished' is not known. "
        "Use one of: published, draft, hidden."),
    "misspelt field": (
        "misspelt.md",
        post("misspelt").replace("Title:", "Tittle:"),
        "content/articles/misspelt.md:1: 'Tittle' is not a field the site knows. Did you mean 'Title'? "
        "Correct the spelling, or remove the line."),
    "duplicate slug": (
        "duplicate.md",
        post("when-the-spark-fades"),
        "content/articles/duplicate.md:2: the slug 'when-the-spark-fades' is also used by "
        "content/articles/when-the-spark-fades.md. Give one of them a different 'Slug:' line."),
    "broken filename link": (
        "broken-link.md",
        post("broken-link", "Read [this post]({filename}/articles/no-such-post.md).\n"),
        "content/articles/broken-link.md:7: the link to '/articles/no-such-post.md' points to a file "
        "that does not exist. Check the name; links to other posts look like "
        "{filename}/articles/other-post.md."),
    "broken relative link": (
        "broken-relative.md",
        post("broken-relative", "See [fees](/feez/).\n"),
        "content/articles/broken-relative.md:7: the link to '/feez/' leads to no page of the site. "
        "Check it, or link to the post's file instead: {filename}/articles/other-post.md."),
    "image without alt text": (
        "no-alt.md",
        post("no-alt", "![]({static}/images/missing-alt.jpg)\n"),
        "content/articles/no-alt.md:7: the image 'missing-alt.jpg' has no alt text. Describe the "
        "picture between the square brackets, like ![Two mugs of coffee on a table](...)."),
    "missing image": (
        "missing-image.md",
        post("missing-image", "![A quiet room]({static}/images/nowhere.jpg)\n"),
        "content/articles/missing-image.md:7: the image '{static}/images/nowhere.jpg' does not exist. "
        "Put the file in content/images/ and check the name's spelling."),
    "hotlinked image": (
        "hotlink.md",
        post("hotlink", "![A couple](https://images.example.org/couple.jpg)\n"),
        "content/articles/hotlink.md:7: the image 'couple.jpg' is loaded from another site "
        "(images.example.org). Save it in content/images/ and use {static}/images/couple.jpg."),
    "script": (
        "script.md",
        post("script", "<script>alert(1)</script>\n"),
        "content/articles/script.md:7: <script> is not allowed in posts: it could run code or load "
        "another site. Remove it; ask the web team if the post needs an embedded feature."),
    "iframe": (
        "iframe.md",
        post("iframe", '<iframe src="https://video.example.org/x"></iframe>\n'),
        "content/articles/iframe.md:7: <iframe> is not allowed in posts: it could run code or load "
        "another site. Remove it; ask the web team if the post needs an embedded feature."),
    "event handler": (
        "handler.md",
        post("handler", '<span onclick="steal()">Click</span>\n'),
        "content/articles/handler.md:7: an 'on...=' attribute runs code and is not allowed in posts. "
        "Remove it."),
    "style attribute": (
        "styled.md",
        post("styled", '<span style="color:red">Loud</span>\n'),
        "content/articles/styled.md:7: a 'style=' attribute is not allowed in posts: the site's design "
        "sets the look. Remove it, and use Markdown for emphasis."),
    "javascript link": (
        "js-link.md",
        post("js-link", "[Click](javascript:alert(1))\n"),
        "content/articles/js-link.md:7: a 'javascript:' link runs code and is not allowed. "
        "Link to a page instead."),
    "level-one heading": (
        "h1.md",
        post("h1", "# A second title\n"),
        "content/articles/h1.md:7: a '#' heading is the same level as the title. "
        "Start sections with '##'."),
    "skipped heading level": (
        "skip.md",
        post("skip", "## Section\n\n#### Too deep\n"),
        "content/articles/skip.md:9: the heading jumps from level 2 to level 4. "
        "Use ### here, or add the missing level above it."),
    "empty file": (
        "empty.md", "",
        "content/articles/empty.md:1: the file is empty. Write the post, or delete the file."),
    "leftover placeholder": (
        "placeholder.md",
        post("placeholder", "FILL IN your opening paragraph.\n"),
        "content/articles/placeholder.md:7: 'FILL IN' is still here. Replace it with your own words "
        "(see WRITING.md for each field)."),
    "review without date": (
        "review.md",
        post("review").replace("Tags:", "Reviewed_by: Dr. Ana Example, LMFT\nTags:"),
        "content/articles/review.md:4: a clinical review needs both Reviewed_by (the clinician's name) "
        "and Reviewed_on (the date). Add the missing line."),
}


@pytest.fixture
def content(tmp_path):
    """A copy of the real content, to add one broken file to."""
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    return copy


def check(content):
    """`invoke check --path content`, run beside it so paths read content/..."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "check", "--path", "content"],
        cwd=content.parent, capture_output=True, text=True)


def test_the_real_content_passes(content):
    result = check(content)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No problems that stop publishing" in result.stdout
    assert "Reading level" in result.stdout


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_prints_its_line_and_fails(content, rule):
    name, text, expected = RULES[rule]
    (content / "articles" / name).write_text(text, encoding="utf-8")
    result = check(content)
    assert result.returncode == 1
    assert expected in result.stdout.splitlines(), result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_file_that_is_not_utf8(content):
    (content / "articles" / "latin1.md").write_bytes(
        post("latin1").encode() + "Caf\u00e9 au lait.\n".encode("latin-1"))
    result = check(content)
    assert result.returncode == 1
    assert ("content/articles/latin1.md:8: the file is not saved as UTF-8 text. Save it again "
            "choosing the UTF-8 encoding (most editors offer it under Save As).") \
        in result.stdout.splitlines()


def test_every_problem_in_every_file_is_listed_at_once(content):
    for rule in ("missing title", "script", "skipped heading level"):
        name, text, _ = RULES[rule]
        (content / "articles" / name).write_text(text, encoding="utf-8")
    result = check(content)
    assert result.returncode == 1
    for rule in ("missing title", "script", "skipped heading level"):
        assert RULES[rule][2] in result.stdout.splitlines()
    assert "3 problems in 3 files." in result.stdout


def test_a_drafts_problems_are_shown_but_do_not_fail(content):
    name, text, expected = RULES["script"]
    (content / "articles" / name).write_text(text.replace("Tags:", "Status: draft\nTags:"), "utf-8")
    result = check(content)
    assert result.returncode == 0
    assert "In drafts (these do not stop the preview; fix them before publishing):" in result.stdout
    assert "content/articles/script.md:8: <script> is not allowed" in result.stdout
