"""A clean build read with worker processes is the build read alone: the same pages, byte for
byte (what a worker makes of each file: tests/site/test_prerender.py)."""

import os
import shutil

from tests.helpers import DEV_SETTINGS, FIXTURE_CONTENT, run_pelican

SUMMARY = "A post to read with worker processes, with a summary long enough for the site's rules."


def post(number, body):
    return (f"Title: Worker post {number}\nDate: 2025-10-{number:02d} 09:00\nTags: communication\n"
            f"Summary: {SUMMARY}\n\n{body}\n")


def content(tmp_path, extra):
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, folder)
    for number in range(1, 13):
        (folder / "articles" / f"worker-post-{number}.md").write_text(
            post(number, f"## Part {number}\n\nWords for post {number}, with [a link](/first-post/).\n\n"
                         "- one\n- two\n"), encoding="utf-8")
    for name, data in extra.items():
        (folder / "articles" / name).write_bytes(data)
    return folder


def build(folder, output, workers, *overrides, verbose=False):
    least = "1" if workers else "1000000"
    return run_pelican(folder, output, DEV_SETTINGS, *(["-v"] if verbose else []), "-e",
                       f"PRERENDER_MIN_FILES={least}", f'CACHE_PATH="{output}-cache"', *overrides)


def files(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


def test_pages_read_by_workers_are_the_pages_read_alone(tmp_path):
    folder = content(tmp_path, {})
    shared = build(folder, tmp_path / "shared", workers=True, verbose=True)
    alone = build(folder, tmp_path / "alone", workers=False, verbose=True)
    assert shared.returncode == 0 and alone.returncode == 0, shared.stderr[-2000:] + alone.stderr[-2000:]
    if len(os.sched_getaffinity(0)) > 1:  # one processor: the build reads alone, as it should
        assert "worker process" in shared.stdout + shared.stderr
    assert "worker process" not in alone.stdout + alone.stderr
    made, expected = files(tmp_path / "shared"), files(tmp_path / "alone")
    assert made.keys() == expected.keys()
    assert [name for name in made if made[name] != expected[name]] == []
