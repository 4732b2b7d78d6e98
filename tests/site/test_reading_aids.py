from uplift.site.reading_aids import reading_minutes, section_outline


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
