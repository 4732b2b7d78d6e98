import pytest
from pelican.settings import DEFAULT_CONFIG

from uplift.checks.topics import (
    Topic,
    load_topics,
    match_tag,
    normalise,
    parse_topic,
    related_topics,
    suggestions,
    term_index,
    unknown_tag_message,
)
from uplift.content import parse_source
from uplift.content.markdown import markdown_converter


def parse(text, path="t.md"):
    return parse_topic(parse_source(text, path), markdown_converter(DEFAULT_CONFIG))


def topic(name, aliases=(), slug=None):
    return Topic(name=name, slug=slug or name.lower().replace(" ", "-"), description="d",
                 intro_html="<p>i</p>", aliases=list(aliases))


TOPICS = [topic("Sexual intimacy", ["sex", "desire"]), topic("Emotional intimacy", ["closeness"]),
          topic("Communication"), topic("Couples therapy", ["marriage counseling"])]
INDEX = term_index(TOPICS)


@pytest.mark.parametrize("tag", ["Sex", "sexual intimacy", "sexual-intimacy", "Sexual  Intimacy",
                                 "SEXUAL_INTIMACY", " desire "])
def test_tags_match_by_name_slug_or_alias_ignoring_case_and_spacing(tag):
    assert match_tag(tag, INDEX).name == "Sexual intimacy"


def test_unknown_tag_matches_nothing():
    assert match_tag("gardening", INDEX) is None


def test_did_you_mean_offers_the_closest_topics():
    assert suggestions("sexual intimacey", INDEX)[0] == "Sexual intimacy"
    assert suggestions("comunication", INDEX) == ["Communication"]
    assert suggestions("gardening", INDEX) == []


def test_unknown_tag_message_names_tag_and_suggestion():
    message = unknown_tag_message("Comunication", INDEX)
    assert message.startswith("'Comunication' is not one of the site's topics. "
                              "Did you mean 'Communication'?")
    assert "content/topics/" in message


def test_normalise_folds_case_hyphens_and_spaces():
    assert normalise("  Stress-and_Life   Transitions ") == "stress and life transitions"


def test_parse_topic_reads_every_field():
    parsed, problems = parse(
        "Title: Trust and repair\nAliases: trust, betrayal\nDescription: Rebuilding trust.\n"
        "Start_here: some-post\n\nFirst paragraph.\n\nSecond paragraph.\n", "trust.md")
    assert problems == []
    assert (parsed.name, parsed.slug, parsed.aliases, parsed.start_here_slug) == (
        "Trust and repair", "trust-and-repair", ["trust", "betrayal"], "some-post")
    assert parsed.intro_html == "<p>First paragraph.</p>\n<p>Second paragraph.</p>"


def test_topic_without_description_or_intro_is_reported_with_its_line():
    parsed, problems = parse("Title: Trust\nAliases: faith\n", "content/topics/trust.md")
    # Still a topic, so posts tagged with it are not reported as well; its problems stop the build.
    assert (parsed.name, parsed.slug, parsed.aliases) == ("Trust", "trust", ["faith"])
    assert [str(p).split(": ", 1)[0] for p in problems] == ["content/topics/trust.md:1"] * 2
    assert "has no Description" in str(problems[0])
    assert "has no introduction" in str(problems[1])


def test_unknown_field_in_a_topic_file_is_reported():
    _, problems = parse("Title: T\nDescription: d\nAlias: x\n\nIntro.\n", "t.md")
    assert [str(p) for p in problems] == [
        "t.md:3: 'Alias' is not a field the site knows. Did you mean 'Aliases'? Correct the spelling, or "
        "remove the line."]


def test_two_topics_claiming_one_word_are_reported(tmp_path):
    (tmp_path / "a.md").write_text("Title: Touch\nDescription: d\n\nIntro.\n")
    (tmp_path / "b.md").write_text("Title: Affection\nAliases: touch\nDescription: d\n\nIntro.\n")
    topics, problems = load_topics(tmp_path)
    assert len(topics) == 2
    assert len(problems) == 1 and "'touch' also names the topic 'Touch'" in str(problems[0])


def test_related_topics_rank_by_shared_articles():
    a, b, c = object(), object(), object()
    sexual, emotional, talk, therapy = (topic(n) for n in ("Sexual", "Emotional", "Talk", "Therapy"))
    sexual.articles = [a, b]
    emotional.articles = [b]
    therapy.articles = [a, b, c]
    talk.articles = [c]
    assert related_topics(sexual, [sexual, emotional, talk, therapy]) == [therapy, emotional]
