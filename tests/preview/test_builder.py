"""The live preview's quick pass writes the saved page at once, and little else."""

import shutil
from types import SimpleNamespace

from tests.helpers import DEV_SETTINGS, ROOT
from uplift.preview import PreviewBuilder, affected


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
