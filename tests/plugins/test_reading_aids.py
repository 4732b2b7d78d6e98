from reading_aids.measure import reading_minutes, section_outline


def test_reading_minutes_round_up_and_never_reach_zero():
    assert reading_minutes("<p>Short.</p>") == 1
    assert reading_minutes("<p>" + "word " * 221 + "</p>") == 2
    assert reading_minutes("<p>" + "word " * 440 + "</p>", words_per_minute=220) == 2


def test_outline_lists_second_level_headings_with_ids():
    html = ('<h2 id="why">Why &ldquo;it&rdquo; <em>fades</em></h2><p>x</p>'
            '<h3 id="sub">Sub</h3><h2 id="how">How</h2><h2>No id</h2>')
    assert section_outline(html) == [("why", "Why “it” fades"), ("how", "How")]
