"""The search index is made again only when the written pages changed, or the index did."""

import shutil

from tests.helpers import DEV_SETTINGS, FIXTURE_CONTENT, run_pelican


def build(tmp_path):
    """A build with the content cache, as `make html` runs one; the index's entry file."""
    result = run_pelican(tmp_path / "content", tmp_path / "output", DEV_SETTINGS, "-e",
                         f'CACHE_PATH="{tmp_path / "cache"}"', "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true")
    assert result.returncode == 0, result.stderr[-2000:]
    return tmp_path / "output" / "pagefind" / "pagefind-entry.json"


def test_the_index_is_kept_for_the_same_pages_and_made_again_for_changed_ones(tmp_path):
    shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    build(tmp_path)
    # The second build's pages include what the first wrote after indexing (the editor's page).
    made = build(tmp_path).stat().st_mtime_ns
    assert build(tmp_path).stat().st_mtime_ns == made  # nothing changed: Pagefind did not run

    post = tmp_path / "content" / "articles" / "first-post.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nOne more sentence for readers.\n", encoding="utf-8")
    assert build(tmp_path).stat().st_mtime_ns != made  # a page changed: indexed again

    shutil.rmtree(tmp_path / "output" / "pagefind" / "fragment")
    build(tmp_path)
    assert (tmp_path / "output" / "pagefind" / "fragment").is_dir()  # a damaged index is made again
