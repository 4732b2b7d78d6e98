"""The pages' folders are made on a second thread before the writer needs them, and only theirs."""

from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from uplift.site.output_folders import _make, page_folders


@dataclass(frozen=True)
class Item:  # a post, page, profile or topic: what the writer writes it as
    save_as: str | None


item = Item


@pytest.mark.parametrize(("generator", "folders"), [
    (SimpleNamespace(articles=[item("a/index.html"), item("b/index.html")]), ["a", "b"]),
    (SimpleNamespace(members=[item("team/ana/index.html")]), ["team/ana"]),
    (SimpleNamespace(tags={item("topics/trust/index.html"): []}), ["topics/trust"]),
    # Written at the top of the output (no folder), or not written at all (no save_as).
    (SimpleNamespace(pages=[item("404.html"), item("")], drafts=[item(None)]), []),
    # Two pages in one folder: made once.
    (SimpleNamespace(articles=[item("a/index.html")], hidden_articles=[item("a/other.html")]), ["a"]),
])
def test_the_folder_of_every_page_written(tmp_path, generator, folders):
    assert page_folders([generator], tmp_path) == [tmp_path / folder for folder in folders]


def test_folders_are_made_and_one_that_cannot_be_is_left_to_the_writer(tmp_path):
    (tmp_path / "taken").write_text("a file where a folder should go", encoding="utf-8")
    _make([tmp_path / "a", tmp_path / "taken" / "b", tmp_path / "team" / "ana"])
    assert (tmp_path / "a").is_dir() and (tmp_path / "team" / "ana").is_dir()
    assert not (tmp_path / "taken" / "b").exists()


def test_no_folder_of_the_built_site_is_empty(site):
    empty = [folder for folder in site.output.rglob("*") if folder.is_dir() and not any(folder.iterdir())]
    assert not empty
