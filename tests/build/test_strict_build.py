"""A writer's mistake stops the build and every problem is listed at once."""

from helpers import build_fixture_site

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
    assert "no-title.md" in result.stderr
    assert "bad-date.md" in result.stderr
    assert "'2025-13-45' is not a valid date" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
