"""The live preview's quick pass writes the saved page at once, and little else."""

import json
import shutil
from types import SimpleNamespace

from tests.helpers import DEV_SETTINGS, FIXTURE_CONTENT, ROOT
from uplift.preview import PreviewBuilder, affected
from uplift.preview.builder import MOVED


def test_affected_selects_the_changed_sources_their_topics_and_home():
    changed, topics = {"/c/a.md"}, {"sex"}
    article = SimpleNamespace(source_path="/c/a.md")
    other = SimpleNamespace(source_path="/c/b.md")
    assert affected("a/index.html", {"article": article}, changed, topics)
    assert not affected("b/index.html", {"article": other}, changed, topics)
    assert affected("topics/sex/index.html", {"tag": SimpleNamespace(slug="sex")}, changed, topics)
    assert not affected("topics/talk/index.html", {"tag": SimpleNamespace(slug="talk")}, changed, topics)
    assert affected("index.html", {}, changed, topics)
    assert not affected("archives/index.html", {}, changed, topics)
    # A pass for no change (loading the state) writes nothing, home included.
    assert not affected("index.html", {}, set(), set())


def test_quick_build_rewrites_the_saved_article_only(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    output = tmp_path / "output"
    builder = PreviewBuilder(DEV_SETTINGS, content=content, output=output, cache=tmp_path / "cache")
    assert builder.full_build(index=False) == 0
    edited = output / "when-the-spark-fades" / "index.html"
    untouched = output / "emotional-intimacy-fades" / "index.html"
    untouched_before = untouched.stat().st_mtime_ns

    source = content / "articles" / "when-the-spark-fades.md"
    source.write_text(source.read_text() + "\nA sentence the writer just added.\n")
    builder.warm_up()
    builder.quick_build([str(source)])
    assert "A sentence the writer just added." in edited.read_text()
    assert untouched.stat().st_mtime_ns == untouched_before
    assert "When the Spark Fades" in (output / "index.html").read_text()

    assert builder.full_build(index=False) == 0
    assert untouched.stat().st_mtime_ns > untouched_before


def test_render_saved_writes_the_saved_page_alone_as_a_complete_build_would(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    output = tmp_path / "output"
    builder = PreviewBuilder(DEV_SETTINGS, content=content, output=output, cache=tmp_path / "cache")
    assert builder.full_build(index=False) == 0
    builder.warm_up()
    edited, home = output / "first-post" / "index.html", output / "index.html"
    others = {path: path.stat().st_mtime_ns for path in output.rglob("*.html") if path != edited}

    source = content / "articles" / "first-post.md"
    source.write_text(source.read_text() + "\nSee [a page](/a-page-nobody-wrote/), written alone.\n")
    assert builder.render_saved(source) == str(edited)
    assert "written alone." in edited.read_text()
    assert {path: path.stat().st_mtime_ns for path in others} == others  # home, topics: later
    checks = json.loads((output / "admin" / "checks.json").read_text())
    assert any("/a-page-nobody-wrote/" in problem["message"]
               for problem in checks["content/articles/first-post.md"]), checks

    written_alone = edited.read_bytes()
    assert builder.full_build(index=False) == 0
    assert edited.read_bytes() == written_alone
    assert home.stat().st_mtime_ns > others[home]


def test_render_saved_leaves_new_files_and_new_addresses_to_a_quick_pass(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    builder = PreviewBuilder(DEV_SETTINGS, content=content, output=tmp_path / "output", cache=tmp_path / "cache")
    builder.warm_up()
    new = content / "articles" / "new-one.md"
    new.write_text((content / "articles" / "first-post.md").read_text().replace("Title: ", "Title: New "))
    assert builder.render_saved(new) is None
    source = content / "articles" / "second-post.md"
    source.write_text("Slug: somewhere-else\n" + source.read_text())
    assert builder.render_saved(source) == MOVED  # every page that links to it is written again


def test_a_post_saved_while_the_state_loaded_is_moved_for_every_page(tmp_path):
    """The state was loaded after a save that changed the post's address, but no page was
    written for that address yet: the next save of it rebuilds every page, so none links to a
    page that is not there, and the home page is not written from the newer state meanwhile."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    output = tmp_path / "output"
    builder = PreviewBuilder(DEV_SETTINGS, content=content, output=output, cache=tmp_path / "cache")
    assert builder.full_build(index=False) == 0
    home = (output / "index.html").read_bytes()
    source = content / "articles" / "second-post.md"
    source.write_text("Slug: somewhere-else\n" + source.read_text())
    builder.warm_up()  # the state now says somewhere-else/; the pages still say second-post/
    assert (output / "index.html").read_bytes() == home
    assert not (output / "somewhere-else").exists()
    source.write_text(source.read_text() + "\nAnd one more sentence.\n")
    assert builder.render_saved(source) == MOVED
