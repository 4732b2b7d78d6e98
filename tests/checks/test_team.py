"""Team member files and bylines, table-driven: file text in, problems or people out."""

import pytest
from pelican.settings import DEFAULT_CONFIG

from uplift.checks.team import find_person, names_index, parse_member, unknown_person_message
from uplift.checks.topics import Topic, term_index
from uplift.content import parse_source
from uplift.content.markdown import markdown_converter

TOPICS = term_index([Topic("Communication", "communication", "d", "<p>i</p>", ["talking"]),
                     Topic("Trust and repair", "trust-and-repair", "d", "<p>i</p>", ["trust"])])
GOOD = """Name: Robin Example
Credentials: LMFT
Role: Couples therapist
License: Licensed Marriage and Family Therapist
License_number: LMFT 111111
License_states: Springfield State, Newland
License_board: Springfield State Board of Behavioral Sciences
Specialties: talking, trust
New_clients: yes
Summary: Robin helps couples talk again, with a summary long enough for the team page.

Robin has worked with couples for ten years.
"""


def parse(text):
    return parse_member(parse_source(text, "team/robin.md"), markdown_converter(DEFAULT_CONFIG), TOPICS)


def test_a_complete_profile():
    member, problems = parse(GOOD)
    assert problems == []
    assert (member.slug, member.byline_name, member.license_states) == (
        "robin-example", "Robin Example, LMFT", ["Springfield State", "Newland"])
    assert [topic.name for topic in member.specialties] == ["Communication", "Trust and repair"]
    assert member.new_clients and not member.placeholder and member.languages == ["English"]
    assert member.bio_html == "<p>Robin has worked with couples for ten years.</p>"


# (name, change, the exact problems "line: message")
PROFILES = [
    ("no license number", lambda t: t.replace("License_number: LMFT 111111\n", ""),
     ["1: the profile has no License_number. Add the license's number, like 'License_number: LMFT 123456'."]),
    ("a misspelt field", lambda t: t.replace("License_board:", "Licence_board:"),
     ["7: 'Licence_board' is not a field the site knows. Did you mean 'License_board'? Correct the "
      "spelling, or remove the line.",
      "1: the profile has no License_board. Add the board that issued it, like 'License_board: Board of "
      "Behavioral Sciences'."]),
    ("new clients neither yes nor no", lambda t: t.replace("New_clients: yes", "New_clients: maybe"),
     ["9: New_clients is 'maybe'. Write yes or no."]),
    ("a photo without alt text",
     lambda t: t.replace("New_clients:", "Photo: {static}/images/r.jpg\nNew_clients:"),
     ["9: the photo has no Photo_alt. Add a line describing it, like 'Photo_alt: Ana, smiling, in the "
      "practice's garden'."]),
    ("a specialty that is not a topic", lambda t: t.replace("talking, trust", "talking, trsut"),
     ["8: 'trsut' is not one of the site's topics. Did you mean 'Trust and repair'? Use a topic's name or "
      "alias from content/topics/, or add a topic file there."]),
    ("markup in the role", lambda t: t.replace("Role: Couples therapist", "Role: <b>Lead</b> therapist"),
     ["3: the Role contains HTML (<b>). Fields at the top are plain text and would show it as code: remove "
      "it (links and emphasis belong in the text below)."]),
    ("no biography", lambda t: t.split("\n\n")[0] + "\n",
     ["1: the profile has no biography. Write a few sentences after the fields and a blank line: who they "
      "are and how they work."]),
]


@pytest.mark.parametrize("name, change, expected", PROFILES, ids=[p[0] for p in PROFILES])
def test_profile_problems(name, change, expected):
    _, problems = parse(change(GOOD))
    assert sorted(f"{p.line}: {p.message}" for p in problems) == sorted(expected)


@pytest.mark.parametrize("written, found", [
    ("Robin Example", "Robin Example"), ("robin example", "Robin Example"),
    ("robin-example", "Robin Example"),
    ("Robin Example, LMFT", "Robin Example"), ("The Uplift team", None), ("Uplift Couples Therapy", None),
])
def test_bylines_name_a_member_or_the_practice(written, found):
    member, _ = parse(GOOD)
    index = names_index([member], ["The Uplift team", "Uplift", "Uplift Couples Therapy"])
    known, who = find_person(written, index)
    assert known and (who.name if who else None) == found


def test_an_unknown_name_gets_a_did_you_mean():
    member, _ = parse(GOOD)
    index = names_index([member], ["The Uplift team"])
    assert find_person("Robyn Example", index) == (False, None)
    assert unknown_person_message("Author", "Robyn Example", index) == (
        "Author 'Robyn Example' is not a member of the team. Did you mean 'Robin Example'? Use the name from "
        "their file in content/team/, or the practice's name.")
