"""The practice's facts: one YAML file the office manager edits, checked like a post.

Every field the site uses is described in FIELDS, with the words an office
manager knows it by. `load_facts` reads the file, checks every field (missing,
malformed, unknown) with the file's line numbers, and returns plain Python
values; `placeholder_problems` names the facts still marked as stand-ins, for
the publish refusal.
"""

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .problems import Problem, shown_path
from .source import decode


@dataclass
class Fact:
    label: str  # what an office manager calls it
    kind: str = "text"  # text, url, email, phone, minutes, hours, group, list
    required: bool = True
    fields: dict = field(default_factory=dict)  # for a group


ADDRESS = {
    "street": Fact("the street address"),
    "locality": Fact("the town or city"),
    "region": Fact("the state (two letters)"),
    "postal_code": Fact("the ZIP code"),
    "country": Fact("the country (two letters, US)"),
}
FIELDS = {
    "name": Fact("the practice's short name"),
    "full_name": Fact("the practice's full name"),
    "tagline": Fact("the one-line description on the home page"),
    "about": Fact("the paragraph about the practice on the home page"),
    "site_url": Fact("the site's public address", "url"),
    "phone": Fact("the phone number", "phone"),
    "email": Fact("the email address", "email"),
    "booking_url": Fact("the online booking address", "url"),
    "address": Fact("the office address", "group", fields=ADDRESS),
    "hours": Fact("the opening hours", "hours"),
    "area_served": Fact("where the practice sees clients"),
    "consultation": Fact("the free consultation", "group", fields={
        "minutes": Fact("the consultation's length in minutes", "minutes"),
        "summary": Fact("the sentence describing the consultation"),
    }),
    "first_session": Fact("the first session", "group", fields={
        "minutes": Fact("the first session's length in minutes", "minutes"),
        "fee": Fact("the fee for a session"),
        "who_comes": Fact("who comes to the first session"),
    }),
    "cancellation_policy": Fact("the cancellation policy"),
    "crisis": Fact("the crisis line", "group", fields={
        "number": Fact("the crisis line's number", "phone"),
        "service": Fact("the crisis line's name"),
    }),
    "domestic_violence": Fact("the domestic-violence hotline", "group", fields={
        "service": Fact("the hotline's name"),
        "phone": Fact("the hotline's phone number", "phone"),
        "text": Fact("how to reach the hotline by text", required=False),
        "url": Fact("the hotline's website", "url"),
    }),
    "privacy_notice_url": Fact("the address of the notice of privacy practices", "url", required=False),
    "placeholders": Fact("the list of facts still to be confirmed", "list", required=False),
}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}")
_PHONE = re.compile(r"\+?[\d\s().-]{3,20}")


class _Facts:
    """Reads one file; collects problems with the file's line numbers."""

    def __init__(self, path):
        self.path = shown_path(path)
        self.problems = []

    def problem(self, node, message):
        line = node.start_mark.line + 1 if node is not None else 1
        self.problems.append(Problem(self.path, line, message))

    def group(self, node, spec, prefix=""):
        values = {}
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{prefix or 'the file'} should be a list of 'name: value' lines.")
            return values
        seen = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                self.problem(key_node, f"'{prefix}{key}' is written twice (lines {seen[key]} and "
                             f"{key_node.start_mark.line + 1}). Keep one.")
                continue
            seen[key] = key_node.start_mark.line + 1
            if key not in spec:
                close = difflib.get_close_matches(key, spec, n=1, cutoff=0.6)
                hint = f" Did you mean '{prefix}{close[0]}'?" if close else ""
                self.problem(key_node, f"'{prefix}{key}' is not a fact the site knows.{hint} Correct the "
                             "name, or remove the line.")
                continue
            values[key] = self.value(value_node, spec[key], f"{prefix}{key}")
        for key, fact in spec.items():
            if fact.required and key not in seen:
                self.problem(node, f"{fact.label} ('{prefix}{key}') is missing. Add a line "
                             f"'{key}: ...' {'under ' + prefix.rstrip('.') if prefix else 'to the file'}.")
            if key not in values:  # templates still find every fact: the problem stops the build
                values[key] = empty(fact)
        return values

    def value(self, node, fact, name):
        if fact.kind == "group":
            return self.group(node, fact.fields, f"{name}.")
        if fact.kind == "hours":
            return self.hours(node, fact, name)
        if fact.kind == "list":
            if not isinstance(node, yaml.SequenceNode):
                self.problem(node, f"{fact.label} ('{name}') should be a list, one '- name' per line.")
                return []
            return [str(item.value) for item in node.value]
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"{fact.label} ('{name}') should be one value on its line.")
            return ""
        text = str(node.value).strip()
        if not text:
            if fact.required:
                self.problem(node, f"{fact.label} ('{name}') is empty. Write it after the colon.")
            return ""
        if fact.kind == "url":
            parts = urlsplit(text)
            if parts.scheme != "https" or not parts.netloc or " " in text:
                self.problem(node, f"{fact.label} ('{name}') is not a web address: '{text}'. Write the "
                             "whole address, starting with https://")
        elif fact.kind == "email" and not _EMAIL.fullmatch(text):
            self.problem(node, f"{fact.label} ('{name}') is not an email address: '{text}'. Write it like "
                         "hello@example.org")
        elif fact.kind == "phone" and not (_PHONE.fullmatch(text) and re.search(r"\d{3}", text)):
            self.problem(node, f"{fact.label} ('{name}') is not a phone number: '{text}'. Write digits, "
                         "like (555) 010-0142")
        elif fact.kind == "minutes":
            if not text.isdigit() or not 5 <= int(text) <= 240:
                self.problem(node, f"{fact.label} ('{name}') should be a number of minutes, like 15.")
                return 0
            return int(text)
        return text

    def hours(self, node, fact, name):
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.problem(node, f"{fact.label} ('{name}') should be a list of days and times, like:\n"
                         "  - days: Monday to Thursday\n    times: 9 am to 7 pm")
            return []
        spec = {"days": Fact("the days"), "times": Fact("the times")}
        return [self.group(item, spec, f"{name}.") for item in node.value]


# Where the facts file is, inside the content folder (the PRACTICE_FILE setting).
DEFAULT_FILE = "practice.yml"


def facts_path(settings):
    return Path(settings["PATH"]) / settings.get("PRACTICE_FILE", DEFAULT_FILE)


def empty_facts():
    """Every fact, empty: what templates get when the file cannot be read (the problem stops the build)."""
    return empty(Fact("", "group", fields=FIELDS))


def empty(fact):
    if fact.kind == "group":
        return {key: empty(child) for key, child in fact.fields.items()}
    return [] if fact.kind in ("hours", "list") else 0 if fact.kind == "minutes" else ""


def load_facts(path):
    """(facts as plain values, [Problem]) for the facts file at `path`."""
    reader = _Facts(path)
    text, problem = decode(Path(path).read_bytes(), reader.path)
    if problem:
        return empty_facts(), [problem]
    try:
        node = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        what = getattr(error, "problem", None) or "it cannot be read"
        return empty_facts(), [
            Problem(reader.path, line, f"this line breaks the file's layout (the YAML reader says: {what}). "
                    "Check its indentation against the lines around it, and put text containing ': ' or "
                    "'#' in quotation marks.")]
    if node is None:
        return empty_facts(), [
            Problem(reader.path, 1, "the facts file is empty. Restore it from the site's history.")]
    facts = reader.group(node, FIELDS)
    for name in facts.get("placeholders", []):
        if name not in FIELDS or name == "placeholders":
            reader.problem(node, f"'{name}' in the placeholders list is not a fact the site knows. "
                           "Remove it from the list.")
    facts["phone_e164"] = phone_e164(facts["phone"]) if facts.get("phone") else ""
    facts["_lines"] = {key.value: key.start_mark.line + 1 for key, _ in node.value} \
        if isinstance(node, yaml.MappingNode) else {}
    return facts, reader.problems


def phone_e164(phone):
    """'(555) 010-0142' -> '+15550100142': the same number for tel: links (US numbers)."""
    digits = re.sub(r"\D", "", phone)
    if phone.strip().startswith("+"):
        return "+" + digits
    return "+1" + digits if len(digits) == 10 else digits


def placeholder_problems(facts, path):
    """[Problem] for each fact still marked as a stand-in: what to do, in the office's words."""
    shown = shown_path(path)
    problems = []
    for name in facts.get("placeholders", []):
        fact = FIELDS.get(name)
        if fact is None or name == "placeholders":
            continue
        value = facts.get(name)
        shown_value = f": '{value}'" if isinstance(value, str) and value else ""
        verb = "are" if name == "hours" else "is"
        problems.append(Problem(shown, facts.get("_lines", {}).get(name, 1),
                                f"{fact.label} ('{name}') {verb} still a placeholder{shown_value}. Replace "
                                f"{'them' if verb == 'are' else 'it'} with the practice's real "
                                f"{'ones' if verb == 'are' else 'one'}, then remove '{name}' from the "
                                "'placeholders' list at the end of the file."))
    return problems
