"""Compiled templates are kept between builds, and a template edited since is compiled again."""

import shutil

from tests.helpers import DEV_SETTINGS, FIXTURE_CONTENT, ROOT, run_pelican


def test_compiled_templates_are_kept_and_an_edited_one_is_compiled_again(tmp_path):
    theme, cache = tmp_path / "theme", tmp_path / "cache"
    shutil.copytree(ROOT / "theme", theme)
    shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")

    def build():
        result = run_pelican(tmp_path / "content", tmp_path / "output", DEV_SETTINGS, "-e", f'THEME="{theme}"',
                             f'CACHE_PATH="{cache}"')
        assert result.returncode == 0, result.stderr[-2000:]
        return (tmp_path / "output" / "index.html").read_text(encoding="utf-8")

    assert "Edited since" not in build()
    assert any((cache / "templates").iterdir())  # the compiled templates, kept for the next build
    footer = theme / "templates" / "partials" / "footer.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace("</footer>", "<p>Edited since</p></footer>"),
                      encoding="utf-8")
    assert "Edited since" in build()
