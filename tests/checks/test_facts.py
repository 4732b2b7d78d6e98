"""The practice's facts file, table-driven: YAML in, the exact problems out."""

import pytest

from tests.helpers import FIXTURE_CONTENT
from uplift.checks.facts import load_facts, phone_e164, placeholder_problems

# The fixture site's facts file: the office manager's edits to content/practice.yml change no test.
GOOD = (FIXTURE_CONTENT / "practice.yml").read_text(encoding="utf-8")


def facts_of(tmp_path, text):
    path = tmp_path / "practice.yml"
    path.write_text(text, encoding="utf-8")
    return load_facts(path)


def lines_of(problems):
    return [f"{problem.line}: {problem.message}" for problem in problems]


def line_number(text, start):
    return next(number for number, line in enumerate(text.splitlines(), 1) if line.startswith(start))


# (name, change to the good file, the exact problems)
FACTS = [
    ("the site's own file", lambda t: t, []),
    ("a missing phone number", lambda t: t.replace("phone: (555) 010-0142\n", ""),
     ["6: the phone number ('phone') is missing. Add a line 'phone: ...' to the file."]),
    ("a booking address without https", lambda t: t.replace("https://booking.", "booking."),
     ["18: the online booking address ('booking_url') is not a web address: "
      "'booking.example.com/uplift/free-consultation'. Write the whole address, starting with https://"]),
    ("an email address without @", lambda t: t.replace("hello@example.com", "hello.example.com"),
     ["17: the email address ('email') is not an email address: 'hello.example.com'. Write it like "
      "hello@example.org"]),
    # One mistake, one line: the missing fact is the misspelt one.
    ("a misspelt field", lambda t: t.replace("area_served:", "area_serverd:"),
     ["32: 'area_serverd' is not a fact the site knows. Did you mean 'area_served'? Correct the name, or "
      "remove the line."]),
    ("a misspelt field in a group", lambda t: t.replace("  locality:", "  town:"),
     ["21: 'address.town' is not a fact the site knows. Correct the name, or remove the line.",
      "20: the town or city ('address.locality') is missing. Add a line 'locality: ...' under address."]),
    ("a length that is not a number", lambda t: t.replace("  minutes: 15", "  minutes: fifteen"),
     ["35: the consultation's length in minutes ('consultation.minutes') should be a number of minutes, "
      "like 15."]),
    ("an unknown placeholder", lambda t: t.replace("  - area_served", "  - area_served\n  - fax"),
     # At the entry's own line: the one after '  - area_served'.
     [f"{line_number(GOOD, '  - area_served') + 1}: 'fax' in the placeholders list is not a fact the site "
      "knows. Remove it from the list."]),
    ("broken indentation", lambda t: t.replace("  street:", "street:", 1),
     ["21: this line breaks the file's layout (the YAML reader says: mapping values are not allowed here). "
      "Check its indentation against the lines around it, and put text containing ': ' or '#' in "
      "quotation marks."]),
]


@pytest.mark.parametrize("name, change, expected", FACTS, ids=[fact[0] for fact in FACTS])
def test_facts_file(tmp_path, name, change, expected):
    _, problems = facts_of(tmp_path, change(GOOD))
    assert sorted(lines_of(problems)) == sorted(expected)


def test_facts_reach_templates_as_plain_values(tmp_path):
    facts, _ = facts_of(tmp_path, GOOD)
    assert facts["phone_e164"] == "+15550100142"
    assert facts["address"]["postal_code"] == "00000"
    assert facts["hours"][0] == {"days": "Monday to Thursday", "times": "9 am to 7 pm"}
    assert facts["consultation"]["minutes"] == 15


def test_a_value_the_browser_editor_left_unquoted_stays_text(tmp_path):
    facts, problems = facts_of(tmp_path, GOOD.replace("times: 9 am to 3 pm", "times: 17:00").replace(
        'postal_code: "00000"', "postal_code: 00000"))
    assert problems == []
    assert facts["hours"][1]["times"] == "17:00" and facts["address"]["postal_code"] == "00000"


def test_an_incomplete_file_still_gives_templates_every_fact(tmp_path):
    facts, problems = facts_of(tmp_path, "name: Uplift\n")
    assert problems and facts["address"]["street"] == "" and facts["hours"] == []


@pytest.mark.parametrize("phone, e164", [
    ("(555) 010-0142", "+15550100142"), ("+44 20 7946 0000", "+442079460000"), ("988", "988")])
def test_tel_links_get_the_same_number(phone, e164):
    assert phone_e164(phone) == e164


def test_placeholders_are_named_in_the_office_managers_words(tmp_path):
    path = tmp_path / "practice.yml"
    path.write_text(GOOD, encoding="utf-8")
    facts, _ = load_facts(path)
    messages = lines_of(placeholder_problems(facts, path))
    assert f"{line_number(GOOD, 'phone:')}: the phone number ('phone') is still a placeholder: " \
           "'(555) 010-0142'. Replace it with the practice's real one, then remove 'phone' from the " \
           "'placeholders' list at the end of the file." in messages
    assert f"{line_number(GOOD, 'hours:')}: the opening hours ('hours') are still a placeholder. Replace " \
           "them with the practice's real ones, then remove 'hours' from the 'placeholders' list at the " \
           "end " \
           "of the file." in messages
    assert len(messages) == len(facts["placeholders"])
