"""The content checks over real builds: every class of mistake refused once, or built safely.

Each test builds its own fixture site (tests/fixtures/content plus the files
it adds), so adding a post or a topic to the real site never changes them.
"""

import gzip
import io
import json
import re
import shutil
import subprocess
import sys

import pytest
from PIL import Image

from tests.helpers import DEV_SETTINGS, FIXTURE_CONTENT, ROOT, run_pelican

SUMMARY = "A post that is fine in every way except the one mistake this test makes, and long."


def post(slug, body="A paragraph.\n", status="published", date="2025-11-02 09:00", title=None, extra=""):
    return (f"Title: {title or 'Post ' + slug}\nSlug: {slug}\nDate: {date}\nStatus: {status}\n"
            f"Tags: communication\nSummary: {SUMMARY}\n{extra}\n{body}")


# (file, text or bytes, the exact line `invoke check` and the build print for it)
def tiny_jpeg():
    """A real photograph's format, one colour: images are opened and checked (uplift.checks.media)."""
    data = io.BytesIO()
    Image.new("RGB", (8, 8), "#9c6b4e").save(data, "JPEG")
    return data.getvalue()


JPEG = tiny_jpeg()
MISTAKES = [
    ("articles/no-title.md",
     "Date: 2025-11-02 09:00\nTags: communication\nSummary: " + SUMMARY + "\n\nText.\n",
     "content/articles/no-title.md:1: the post has no Title. Add a line like 'Title: When the Spark Fades' "
     "at the top of the file."),
    ("articles/us-date.md", post("us-date", date="03/12/2025"),
     "content/articles/us-date.md:3: Date '03/12/2025' is not written the way the site reads dates. Write "
     "it as 2025-09-16, or 2025-09-16 09:00 with a time (year-month-day, 24-hour clock)."),
    ("articles/twice.md", post("twice", extra="Tags: trust\n"),
     "content/articles/twice.md:7: 'Tags' is written twice (lines 5 and 7); the site would use only the "
     "first. Keep one 'Tags:' line."),
    ("articles/reference-image.md", post("reference-image", "Look ![A couple][pic].\n\n"
                                         "[pic]: https://images.example.org/couple.jpg\n"),
     "content/articles/reference-image.md:10: the image 'couple.jpg' is loaded from another site "
     "(images.example.org): that site would learn who reads this post. Save the picture in content/images/ "
     "and use {static}/images/couple.jpg."),
    ("articles/encoded-js.md", post("encoded-js", '<a href="&#x6A;avascript:alert(1)">x</a>\n'),
     "content/articles/encoded-js.md:8: a 'javascript:' address runs code and is not allowed. Link to a "
     "page instead."),
    ("articles/preview-link.md", post("preview-link", "See [us](http://127.0.0.1:8000/about/).\n"),
     "content/articles/preview-link.md:8: the link 'http://127.0.0.1:8000/about/' goes to the preview on "
     "your own computer, which readers cannot reach. Use the page's path, /about/, instead."),
    ("articles/lost-section.md", post("lost-section", "See [that](/first-post/#no-such-section).\n"),
     "content/articles/lost-section.md:8: the link '/first-post/#no-such-section' goes to a section "
     "'#no-such-section' that the page does not have. Check the section's name: it is the heading's words "
     "in lower case, joined by hyphens."),
    ("articles/lost-file-section.md", post("lost-file-section",
                                           "See [that]({filename}/articles/first-post.md#nope).\n"),
     "content/articles/lost-file-section.md:8: the link '/articles/first-post.md#nope' goes to a section "
     "'#nope' that the page does not have. Check the section's name: it is the heading's words in lower "
     "case, joined by hyphens."),
    ("articles/lost-page.md", post("lost-page", "See [fees](/feez/).\n"),
     "content/articles/lost-page.md:8: the link to '/feez/' leads to no page of the site. Check it, or "
     "link to the post's file instead: {filename}/articles/other-post.md."),
    ("articles/lost-file.md", post("lost-file", "Read [this]({filename}/articles/no-such-post.md).\n"),
     "content/articles/lost-file.md:8: the link to '/articles/no-such-post.md' points to a file that does "
     "not exist. Check the name; links to other posts look like {filename}/articles/other-post.md."),
    ("articles/to-a-draft.md", post("to-a-draft", "Read [it]({filename}/articles/a-draft.md).\n"),
     "content/articles/to-a-draft.md:8: the link to '/articles/a-draft.md' goes to a post readers cannot "
     "see yet (it is a draft). Publish that post first, or remove the link."),
    ("articles/a-draft.md", post("a-draft", status="draft"), None),
    ("articles/missing-image.md", post("missing-image", "![A quiet room]({static}/images/nowhere.jpg)\n"),
     "content/articles/missing-image.md:8: the image '{static}/images/nowhere.jpg' does not exist. Put the "
     "file in content/images/ and check the name's spelling."),
    ("articles/wrong-case.md", post("wrong-case", "![A quiet room]({static}/images/Room.jpg)\n"),
     "content/articles/wrong-case.md:8: the image '{static}/images/Room.jpg' does not match the file's "
     "name exactly: it is 'room.jpg' (capitals count on the web). Write it that way."),
    ("images/room.jpg", JPEG, None),
    ("images/My Photo.JPG", JPEG,
     "content/images/My Photo.JPG:1: the file name 'My Photo.JPG' "
     "has characters web addresses cannot carry as they are. Rename the file to 'my-photo.jpg' (and its "
     "links too)."),
    ("articles/markup-title.md", post("markup-title", title="A <b>bold</b> title"),
     "content/articles/markup-title.md:1: the Title contains HTML (<b>). Fields at the top are plain text "
     "and would show it as code: remove it (links and emphasis belong in the text below)."),
    ("articles/form.md", post("form", "<form><input name=q></form>\n"),
     "content/articles/form.md:8: <form> is not allowed in posts: forms would send readers' answers "
     "somewhere the practice does not control. Remove it, and point readers to the contact page instead."),
    ("articles/lorem.md", post("lorem", "Lorem ipsum dolor sit amet.\n"),
     "content/articles/lorem.md:8: 'Lorem ipsum' is still here. Replace it with your own words (see "
     "WRITING.md for each field)."),
    ("articles/unknown-topic.md", post("unknown-topic").replace("Tags: communication", "Tags: comunication"),
     "content/articles/unknown-topic.md:5: 'comunication' is not one of the site's topics. Did you mean "
     "'Communication'? Use a topic's name or alias from content/topics/, or add a topic file there."),
    ("articles/same-slug.md", post("first-post"),
     "content/articles/same-slug.md:2: the slug 'first-post' is also used by "
     "content/articles/first-post.md. Give one of them a different 'Slug:' line."),
    ("articles/saved-as.txt", post("saved-as"),
     "content/articles/saved-as.txt:1: the site reads only files whose names end in '.md', so this one is "
     "not on the site. Rename it to 'saved-as.md' (and save it as plain text)."),
    ("articles/photo.png", b"\x89PNG", "content/articles/photo.png:1: images belong in content/images/, or "
     "the site will not show this one. Move it there and show it with ![what it shows]"
     "({static}/images/photo.png)."),
    ("pages/notes.docx", b"PK", "content/pages/notes.docx:1: the site cannot read this document. Copy its "
     "text into a .md file in content/articles/ (see WRITING.md); to offer it as a download, move it to "
     "content/extra/."),
    ("stray.md", post("stray"), "content/stray.md:1: the site does not read files in content/ itself. "
     "Move it to content/articles/ (posts) or content/pages/ (pages)."),
    ("articles/latin1.md", post("latin1").encode() + "Caf\u00e9 au lait.\n".encode("latin-1"),
     "content/articles/latin1.md:9: the file is not saved as UTF-8 text. Save it again choosing the UTF-8 "
     "encoding (most editors offer it under Save As)."),
    ("articles/bom.md", b"\xef\xbb\xbf" + post("bom").replace("\n", "\r\n").encode(), None),
    ("articles/empty.md", b"",
     "content/articles/empty.md:1: the file is empty. Write the post, or delete the file."),
    ("articles/shouting.MD", post("shouting"),
     "content/articles/shouting.MD:1: the site reads only files whose names end in '.md', so this one is not "
     "on the site. Rename it to 'shouting.md' (and save it as plain text)."),
]


# Lines the mistakes above cause besides their own: the other half of a shared slug, and the
# second element of the form.
ALSO = [
    "content/articles/first-post.md:2: the slug 'first-post' is also used by content/articles/same-slug.md. "
    "Give one of them a different 'Slug:' line.",
    "content/articles/form.md:8: <input> is not allowed in posts: forms would send readers' answers "
    "somewhere the practice does not control. Remove it, and point readers to the contact page instead.",
]


def fixture_content(tmp_path, files=()):
    """A copy of the fixture site with `files` ({relative path: text or bytes}) added."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    for relative, text in dict(files).items():
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text if isinstance(text, bytes) else text.encode())
    return content


def check(content):
    """`invoke check --path content`, run beside it so paths read content/..."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "check", "--path", "content"],
        cwd=content.parent, capture_output=True, text=True)


def build(content, *extra):
    command = [sys.executable, "-m", "pelican", "content", "-s", str(DEV_SETTINGS),
               "-o", str(content.parent / "output"), *extra]
    return subprocess.run(command, cwd=content.parent, capture_output=True, text=True)


@pytest.fixture(scope="module")
def mistakes(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("mistakes")
    content = fixture_content(tmp, {name: text for name, text, _ in MISTAKES})
    return content, check(content), build(content)


def test_the_fixture_site_passes(tmp_path):
    result = check(fixture_content(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No problems that stop publishing" in result.stdout
    assert "Reading level" in result.stdout


@pytest.mark.parametrize("name, expected", [(name, line) for name, _, line in MISTAKES if line],
                         ids=[name for name, _, line in MISTAKES if line])
def test_check_and_build_refuse_each_mistake_once_naming_file_and_line(mistakes, name, expected):
    _, checked, built = mistakes
    assert checked.returncode == 1 and built.returncode == 1
    assert checked.stdout.splitlines().count(expected) == 1, checked.stdout
    assert built.stderr.splitlines().count(expected) == 1, built.stderr


def test_nothing_else_is_reported_and_nothing_twice(mistakes):
    _, checked, built = mistakes
    expected = [line for _, _, line in MISTAKES if line] + ALSO
    problems = [line for line in checked.stdout.splitlines() if line.startswith("content/")]
    assert sorted(problems) == sorted(expected)
    files = len({line.split(":")[0] for line in expected})
    assert f"{len(expected)} problems in {files} files. Fix them, then check again." in checked.stdout
    reported = [line for line in built.stderr.splitlines() if line.startswith("content/")]
    assert sorted(reported) == sorted(expected)  # Pelican repeats none of them
    for output in (checked.stdout + checked.stderr, built.stdout + built.stderr):
        assert "Traceback" not in output and "[warning]" not in output.lower() and "WARNING" not in output


def test_a_strict_build_writes_nothing_when_content_has_mistakes(mistakes):
    content, _, _ = mistakes
    assert not (content.parent / "output" / "first-post").exists()


def test_the_site_content_passes_invoke_check():
    result = subprocess.run([sys.executable, "-m", "invoke", "--search-root", str(ROOT), "check"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_drafts_problems_are_shown_but_do_not_fail(tmp_path):
    content = fixture_content(tmp_path, {
        "articles/draft.md": post("draft", "<script>x()</script>\n", status="draft")})
    result = check(content)
    assert result.returncode == 0, result.stdout
    assert "In drafts (these do not stop the preview; fix them before publishing):" in result.stdout
    assert "  content/articles/draft.md:8: <script> is not allowed in posts" in result.stdout
    built = build(content)
    assert built.returncode == 0, built.stderr
    assert "<script>x()" not in (content.parent / "output/drafts/draft/index.html").read_text()


# --- Metadata is text: escaped wherever it is shown ------------------------------------

TITLE = 'Love <b>bold</b> & "quoted" <img src=x onerror=alert(1)>'
SUMMARY_MARKUP = 'Summary with <script>alert(1)</script> and <a href="javascript:x">a link</a> in it, long.'


@pytest.fixture(scope="module")
def preview_with_markup(tmp_path_factory):
    """A published post with markup in its fields, built as the live preview builds (not strict)."""
    tmp = tmp_path_factory.mktemp("markup")
    content = fixture_content(tmp, {
        "articles/markup.md": (f"Title: {TITLE}\nSlug: markup\nDate: 2025-12-01 09:00\n"
                               f"Tags: communication\nSummary: {SUMMARY_MARKUP}\n\nA paragraph.\n")})
    result = build(content, "-e", "STRICT_BUILD=false", "SEARCH_INDEX=true")
    assert result.returncode == 0, result.stderr
    return tmp / "output"


def test_markup_in_fields_is_refused_by_a_strict_build(tmp_path):
    content = fixture_content(tmp_path, {
        "articles/markup.md": f"Title: {TITLE}\nDate: 2025-12-01 09:00\nTags: communication\n"
                              f"Summary: {SUMMARY_MARKUP}\n\nText.\n"})
    result = build(content)
    assert result.returncode == 1
    assert "content/articles/markup.md:1: the Title contains HTML (<b>)." in result.stderr
    assert "content/articles/markup.md:4: the Summary contains HTML (<script>)." in result.stderr


@pytest.mark.parametrize("page", ["markup/index.html", "index.html", "archives/index.html",
                                  "topics/communication/index.html", "second-post/index.html",
                                  "feeds/all.atom.xml", "feeds/topics/communication.atom.xml", "sitemap.xml"])
def test_markup_in_fields_is_shown_as_text_everywhere(preview_with_markup, page):
    text = (preview_with_markup / page).read_text(encoding="utf-8")
    for raw in ("<b>bold</b>", "<img src=x", "<script>alert", 'href="javascript:'):
        assert raw not in text, f"{raw} reached {page}"
    if page.endswith(".html") and page != "sitemap.xml":
        assert "Love &lt;b&gt;bold&lt;/b&gt; &amp;" in text, page


def test_markup_in_fields_is_text_in_structured_data_and_search(preview_with_markup):
    html = (preview_with_markup / "markup" / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "<" not in "".join(blocks)  # tojson escapes it
    posting = next(json.loads(block) for block in blocks if '"BlogPosting"' in block)
    assert posting["headline"] == TITLE and posting["description"] == SUMMARY_MARKUP
    records = [json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
               for path in (preview_with_markup / "pagefind" / "fragment").glob("*.pf_fragment")]
    titles = [record["meta"]["title"] for record in records if record["url"] == "/markup/"]
    assert titles == [TITLE]  # the text as written; search.js shows it with textContent
    search_script = (ROOT / "theme/static/js/search.js").read_text(encoding="utf-8")
    assert "link.textContent = data.meta.title" in search_script


HTML_POST = """<html><head><title>An Old Post</title><meta name="date" content="2025-01-01 09:00">
<meta name="tags" content="communication"></head><body><p>Written as HTML.</p></body></html>
"""


@pytest.mark.parametrize("check_only", [False, True])
def test_only_the_sites_own_reader_reads_posts(tmp_path, check_only):
    """Pelican's other readers are off: an .html post is named with what to do, never published
    (Pelican's HTML reader would otherwise read it as it is, unchecked)."""
    content = fixture_content(tmp_path, {"articles/old-post.html": HTML_POST})
    extra = ("-e", "CHECK_ONLY=true") if check_only else ()
    result = run_pelican(content, tmp_path / "output", DEV_SETTINGS, *extra)
    assert result.returncode == 1, result.stdout + result.stderr
    assert ("content/articles/old-post.html:1: the site reads only files whose names end in '.md'"
            in result.stdout + result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "output" / "old-post").exists()
