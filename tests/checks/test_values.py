"""One value, by its declared type: table-driven, the exact message (or none) for each input."""

import pytest

from uplift.checks import values

LABEL = "the Tags"


@pytest.mark.parametrize("value, expected", [
    ("Affection and touch", []),
    ("Café, naïve, Ångström", []),  # accents are letters, not tricks
    ("Affection\u200b and touch", ["the Tags contains an invisible character, U+200B ZERO WIDTH SPACE, after "
                                   "'Affection': readers would not see it, but it changes the text. Delete it "
                                   "(retype the words around it)."]),
    ("Uplift\u202e Couples", ["the Tags contains a direction-changing character, U+202E RIGHT-TO-LEFT OVERRIDE, "
                              "after 'Uplift': readers would not see it, but it changes the text. Delete it "
                              "(retype the words around it)."]),
    ("\u2067trust", ["the Tags contains a direction-changing character, U+2067 RIGHT-TO-LEFT ISOLATE, at the "
                     "start: readers would not see it, but it changes the text. Delete it (retype the words "
                     "around it)."]),
    ("inti\u00admacy", ["the Tags contains an invisible character, U+00AD SOFT HYPHEN, after 'inti': readers "
                        "would not see it, but it changes the text. Delete it (retype the words around it)."]),
])
def test_invisible_characters(value, expected):
    assert values.invisible_characters(LABEL, value) == expected


@pytest.mark.parametrize("value, expected", [
    ("Affection and touch", []),
    ("Ελληνικά και English", []),  # two alphabets, each word whole: fine
    ("\u0410ffection and touch", ["the Tags has a word that mixes alphabets, '\u0410ffection': '\u0410' "
                                  "(U+0410 CYRILLIC CAPITAL LETTER A, letter 1) is not Latin like the rest, though "
                                  "it looks the same. Retype the word."]),
    ("tr\u03bfst", ["the Tags has a word that mixes alphabets, 'tr\u03bfst': '\u03bf' (U+03BF GREEK SMALL LETTER "
                    "OMICRON, letter 3) is not Latin like the rest, though it looks the same. Retype the word."]),
])
def test_mixed_scripts(value, expected):
    assert values.mixed_scripts(LABEL, value) == expected


@pytest.mark.parametrize("checker, value, problem", [
    (values.email_problem, "hello@example.org", None),
    (values.email_problem, "mailto:hello@example.org", "the email starts with 'mailto:': 'mailto:hello@example.org'. "
     "Write the address alone, like hello@example.org; the site makes the link."),
    (values.email_problem, "hello.example.org", "the email is not an email address: 'hello.example.org'. Write it "
     "like hello@example.org"),
    (values.phone_problem, "(555) 010-0142", None),
    (values.phone_problem, "+44 20 7946 0000", None),
    (values.phone_problem, "1-555-010-0142", None),
    (values.phone_problem, "988", None),
    (values.phone_problem, "(555) 010-014", "the email has 9 digits: '(555) 010-014'. Write the whole number with "
     "its area code, like (555) 010-0142 (10 digits), or +44 20 7946 0000 with a country code: readers call it "
     "from every page."),
    (values.phone_problem, "call us", "the email is not a phone number: 'call us'. Write digits, like "
     "(555) 010-0142"),
    (values.site_url_problem, "https://www.example.org", None),
    (values.site_url_problem, "https://www.example.org/", None),
    (values.site_url_problem, "https://www.example.org/?utm_source=mail#top", "the email has a query ('?...') and "
     "a fragment ('#...') after the host: 'https://www.example.org/?utm_source=mail#top'. Write the site's "
     "address alone, like https://www.example.org: every canonical address, the sitemap and robots.txt start "
     "with it."),
    (values.site_url_problem, "http://www.example.org", "the email is not a web address: 'http://www.example.org'. "
     "Write the whole address, starting with https://"),
    (values.https_problem, "https://booking.example.com/x", None),
    (values.https_problem, "booking.example.com/x", "the email is not a web address: 'booking.example.com/x'. "
     "Write the whole address, starting with https://"),
    (values.slug_problem, "money-and-couples", None),
    (values.slug_problem, "Money & Couples", "the email 'Money & Couples' is not a web address part: use "
     "lower-case letters, digits and hyphens only, like 'money-couples'."),
    (values.slug_problem, "/team/robin-third/", "the email '/team/robin-third/' is not a web address part: use "
     "lower-case letters, digits and hyphens only, like 'team-robin-third'."),
    (values.slug_problem, "../contact", "the email '../contact' is not a web address part: use lower-case letters, "
     "digits and hyphens only, like 'contact'."),
    (values.slug_problem, "a" * 81, f"the email '{'a' * 40}...' is 81 characters long. Make it at most 80: it "
     "becomes a folder name and part of the address."),
])
def test_typed_values(checker, value, problem):
    assert checker("the email", value) == problem
