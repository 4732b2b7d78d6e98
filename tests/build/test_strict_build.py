"""A writer's mistake stops the build and every problem is listed at once, each once."""

import json

from tests.helpers import DEV_SETTINGS, FIXTURE_CONTENT, build_fixture_site, dev_settings, run_pelican

NO_TITLE = "Date: 2025-01-01 10:00\nSummary: A post that forgot its title.\n\nBody.\n"
BAD_DATE = "Title: A post with an impossible date\nDate: 2025-13-45\n\nBody.\n"


def test_broken_posts_fail_the_build_and_are_all_named(tmp_path):
    result = build_fixture_site(tmp_path, {
        "articles/no-title.md": NO_TITLE,
        "articles/bad-date.md": BAD_DATE,
    })
    assert result.returncode != 0
    assert "articles/no-title.md:1: the post has no Title." in result.stderr
    assert "articles/bad-date.md:2: Date '2025-13-45' is not a real date." in result.stderr
    assert "6 problems in 2 files. Fix them, then build again." in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "Skipping" not in result.stderr  # Pelican's own message would repeat the checker's


def test_a_plugin_that_cannot_load_fails_the_build(tmp_path):
    plugins = json.dumps(dev_settings()["PLUGINS"] + ["no_such_plugin"])
    result = run_pelican(FIXTURE_CONTENT, tmp_path / "output", DEV_SETTINGS, "-e", f"PLUGINS={plugins}")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Cannot load plugin `no_such_plugin` Cannot import plugin `no_such_plugin`",
        "1 problem. Fix it, then build again."]
