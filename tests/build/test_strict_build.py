"""A writer's mistake stops the build and every problem is listed at once."""

import json

from helpers import DEV_SETTINGS, ROOT, build_fixture_site, dev_settings, run_pelican

NO_TITLE = "Date: 2025-01-01 10:00\nSummary: A post that forgot its title.\n\nBody.\n"
BAD_DATE = "Title: A post with an impossible date\nDate: 2025-13-45\n\nBody.\n"


def test_clean_site_builds(site):
    assert site.result.returncode == 0
    assert "problem" not in site.result.stderr


def test_broken_posts_fail_the_build_and_are_all_named(tmp_path):
    result = build_fixture_site(tmp_path, {
        "articles/no-title.md": NO_TITLE,
        "articles/bad-date.md": BAD_DATE,
    })
    assert result.returncode != 0
    assert "articles/no-title.md:1: the post has no Title." in result.stderr
    assert "articles/bad-date.md:2: '2025-13-45' is not a real date." in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_a_plugin_that_cannot_load_fails_the_build(tmp_path):
    plugins = json.dumps(dev_settings()["PLUGINS"] + ["no_such_plugin"])
    result = run_pelican(ROOT / "content", tmp_path / "output", DEV_SETTINGS, "-e", f"PLUGINS={plugins}")
    assert result.returncode == 1
    assert "Cannot load plugin `no_such_plugin`" in result.stderr
    assert "The build found" in result.stderr
