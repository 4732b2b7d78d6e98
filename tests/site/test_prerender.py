"""What a worker process makes of a file is what the build makes of it alone, problems included;
a file a worker could not read is left to the build."""

import json
from concurrent.futures import wait

import pytest
from pelican.settings import read_settings

from tests.helpers import DEV_SETTINGS
from uplift.content.markdown import markdown_converter
from uplift.site.prerender import Prerender
from uplift.site.reader import render_file

HEADER = "Title: A post\nDate: 2025-10-01 09:00\nTags: communication\nSummary: A summary of the post.\n\n"
FILES = {
    "plain.md": HEADER + "## A part\n\nWords, with [a link](/first-post/) and a list:\n\n- one\n- two\n",
    "broken-link.md": HEADER + "See [the missing page](/a-page-nobody-wrote/).\n",
    "placeholder.md": HEADER + "TODO: write this part. Lorem ipsum.\n",
    "raw-html.md": HEADER + '<p style="color: red" onclick="x()">Styled</p>\n\n<script>alert(1)</script>\n',
    "pasted-bullets.md": HEADER + "• first\n• second\n",
    "lead-image.md": HEADER.replace("Summary", "Image: {static}/images/missing.jpg\nSummary") + "Text.\n",
    "utf16.md": (HEADER + "Saved as UTF-16.\n").encode("utf-16"),
}


@pytest.fixture(scope="module")
def settings():
    return {"MARKDOWN": read_settings(str(DEV_SETTINGS))["MARKDOWN"]}


@pytest.fixture(scope="module")
def read_by_worker(tmp_path_factory, settings):
    root = tmp_path_factory.mktemp("content")
    for name, text in {**FILES, "taken-twice.md": FILES["plain.md"]}.items():
        (root / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    paths = [str(root / name) for name in [*FILES, "taken-twice.md", "deleted-since.md"]]
    prerender = Prerender(paths, str(root), json.dumps(settings["MARKDOWN"]), workers=1)
    wait(prerender.futures.values())  # every file read by the worker, none by this process
    yield root, prerender
    prerender.stop()


@pytest.mark.parametrize("name", FILES)
def test_a_worker_reads_a_file_as_the_build_does(read_by_worker, settings, name):
    root, prerender = read_by_worker
    by_worker = prerender.take(str(root / name))
    assert by_worker is not None
    alone = render_file(str(root / name), str(root), markdown_converter(settings))
    assert by_worker == alone
    if name != "plain.md":
        assert by_worker.problems or by_worker.source.problems or by_worker.references


def test_a_file_the_worker_could_not_read_or_never_had_is_left_to_the_build(read_by_worker):
    root, prerender = read_by_worker
    assert prerender.take(str(root / "deleted-since.md")) is None  # the build reads it and says why
    assert prerender.take(str(root / "never-listed.md")) is None
    assert prerender.take(str(root / "taken-twice.md")) is not None
    assert prerender.take(str(root / "taken-twice.md")) is None  # each result is handed over once
