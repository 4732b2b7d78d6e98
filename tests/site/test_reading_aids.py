from types import SimpleNamespace

from pelican.settings import read_settings

from tests.helpers import DEV_SETTINGS
from uplift.site.reader import ContentReader
from uplift.site.reading_aids import annotate, reading_minutes, section_outline


def test_reading_minutes_round_up_and_never_reach_zero():
    assert reading_minutes("<p>Short.</p>") == 1
    assert reading_minutes("<p>" + "word " * 221 + "</p>") == 2
    assert reading_minutes("<p>" + "word " * 440 + "</p>", words_per_minute=220) == 2


def test_outline_lists_second_level_headings_with_ids():
    html = ('<h2 id="why">Why &ldquo;it&rdquo; <em>fades</em></h2><p>x</p>'
            '<h3 id="sub">Sub</h3><h2 id="how">How</h2><h2>No id</h2>')
    assert section_outline(html) == [("why", "Why “it” fades"), ("how", "How")]


def test_headings_get_unique_readable_ids():
    from uplift.content.markdown import add_heading_ids
    html = ("<h2>Why Intimacy Can Fade</h2><p>x</p><h3>It’s “normal”</h3>"
            "<h2>Why Intimacy Can Fade</h2><h2 id=\"kept\">Kept</h2>")
    assert add_heading_ids(html) == (
        '<h2 id="why-intimacy-can-fade">Why Intimacy Can Fade</h2><p>x</p>'
        '<h3 id="its-normal">It’s “normal”</h3>'
        '<h2 id="why-intimacy-can-fade-2">Why Intimacy Can Fade</h2><h2 id="kept">Kept</h2>')


def test_the_reader_keeps_the_word_count_and_outline_with_the_post(tmp_path):
    """Read once, kept in Pelican's content cache with the post: a rebuild does not count again."""
    post = tmp_path / "post.md"
    post.write_text("Title: A post\nDate: 2025-11-02 09:00\n\n## Why it fades\n\n" + "word " * 300
                    + "\n\n## How\n\nText.\n", encoding="utf-8")
    _, metadata = ContentReader(read_settings(str(DEV_SETTINGS), override={"PATH": str(tmp_path)})).read(str(post))
    assert metadata["reading_words"] == 3 + 300 + 1 + 1
    assert metadata["outline"] == [("why-it-fades", "Why it fades"), ("how", "How")]
    cached = SimpleNamespace(reading_words=metadata["reading_words"], outline=metadata["outline"])
    annotate([cached], 220)
    assert cached.reading_minutes == 2
