"""Rules on one value, by its declared type (uplift.content.model): the same for every kind of file.

Each function returns the messages for one value, in a writer's words, empty when
the value is fine. `label` is the field as the writer knows it ("the Title",
"the phone number ('phone')").
"""

import re
import unicodedata
from urllib.parse import urlsplit

from uplift.content import model

# Characters that change nothing a reader sees, or change the direction text is shown in:
# zero-width spaces and joiners, bidirectional marks, overrides and isolates, soft hyphens,
# word joiners, byte-order marks. Unicode's "format" category holds them all.
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC")
_WORD = re.compile(r"\w+")
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE_CHARACTERS = re.compile(r"\+?[\d\s().-]+")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
YES, NO = {"yes", "true"}, {"no", "false"}


def character_name(character):
    return f"U+{ord(character):04X} {unicodedata.name(character, 'an unnamed character')}"


def _where(value, index):
    before = value[:index].strip()[-20:]
    return f"after '{before}'" if before else "at the start"


def invisible_characters(label, value):
    """Characters readers cannot see, or that turn text around: each named by its code and place."""
    messages = []
    for index, character in enumerate(value):
        if unicodedata.category(character) == "Cf" or character in "\u00ad\u034f\u115f\u1160\u3164":
            kind = ("a direction-changing character" if unicodedata.bidirectional(character) in
                    ("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI", "LRM", "RLM", "ALM")
                    else "an invisible character")
            messages.append(f"{label} contains {kind}, {character_name(character)}, {_where(value, index)}: "
                            "readers would not see it, but it changes the text. Delete it (retype the words "
                            "around it).")
    return messages


def _script(character):
    name = unicodedata.name(character, "")
    return next((script for script in _SCRIPTS if name.startswith(script)), None)


def mixed_scripts(label, value):
    """A word whose letters come from more than one alphabet (a Cyrillic 'а' among Latin letters):
    it looks right and matches nothing."""
    messages = []
    for word in _WORD.finditer(value):
        scripts = [_script(character) for character in word.group(0) if character.isalpha()]
        counted = {script: scripts.count(script) for script in set(scripts) if script}
        if len(counted) < 2:
            continue
        main = max(counted, key=lambda script: (counted[script], script == "LATIN"))
        odd = [(index, character) for index, character in enumerate(word.group(0))
               if character.isalpha() and _script(character) not in (main, None)]
        letters = ", ".join(f"'{character}' ({character_name(character)}, letter {index + 1})"
                            for index, character in odd)
        messages.append(f"{label} has a word that mixes alphabets, '{word.group(0)}': {letters} "
                        f"{'is' if len(odd) == 1 else 'are'} not {main.capitalize()} like the rest, though "
                        "it looks the same. Retype the word.")
    return messages


def plain_text_problems(label, value):
    """What every text value must not hold, whatever its type."""
    if value.isascii():  # every invisible character and every other alphabet is beyond ASCII
        return []
    return invisible_characters(label, value) + mixed_scripts(label, value)


def slug_problem(label, value):
    if len(value) > model.SLUG_LIMIT:
        return (f"{label} '{value[:40]}...' is {len(value)} characters long. Make it at most "
                f"{model.SLUG_LIMIT}: it becomes a folder name and part of the address.")
    if not _SLUG.fullmatch(value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:model.SLUG_LIMIT] or "my-page"
        return (f"{label} '{value}' is not a web address part: use lower-case letters, digits and hyphens "
                f"only, like '{suggestion}'.")
    return None


def https_problem(label, value):
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname or "." not in parts.hostname or re.search(r"\s", value):
        return f"{label} is not a web address: '{value}'. Write the whole address, starting with https://"
    return None


def site_url_problem(label, value):
    problem = https_problem(label, value)
    if problem:
        return problem
    parts = urlsplit(value)
    extra = [what for what, present in (("a path", parts.path not in ("", "/")), ("a query ('?...')", parts.query),
                                        ("a fragment ('#...')", parts.fragment),
                                        ("a user name", parts.username)) if present]
    if extra:
        return (f"{label} has {' and '.join(extra)} after the host: '{value}'. Write the site's address alone, "
                f"like https://{parts.hostname}: every canonical address, the sitemap and robots.txt start "
                "with it.")
    return None


def email_problem(label, value):
    if value.lower().startswith("mailto:"):
        return (f"{label} starts with 'mailto:': '{value}'. Write the address alone, like "
                f"{value[7:] or 'hello@example.org'}; the site makes the link.")
    if not _EMAIL.fullmatch(value):
        return f"{label} is not an email address: '{value}'. Write it like hello@example.org"
    return None


def phone_digits(value):
    return re.sub(r"\D", "", value)


def phone_problem(label, value):
    """A complete number: 10 digits (US, with area code), 11 starting with 1, +country and 8 to 15
    digits, or a 3-digit service number (988, 211)."""
    digits = phone_digits(value)
    if not _PHONE_CHARACTERS.fullmatch(value) or not digits:
        return f"{label} is not a phone number: '{value}'. Write digits, like (555) 010-0142"
    complete = (8 <= len(digits) <= 15 if value.strip().startswith("+")
                else len(digits) in (3, 10) or (len(digits) == 11 and digits.startswith("1")))
    if not complete:
        return (f"{label} has {len(digits)} digits: '{value}'. Write the whole number with its area code, "
                "like (555) 010-0142 (10 digits), or +44 20 7946 0000 with a country code: readers call it "
                "from every page.")
    return None


def yes_no_problem(written_name, value):
    if value.lower() not in YES | NO:
        return f"{written_name} is '{value}'. Write yes or no."
    return None
