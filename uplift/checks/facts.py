"""The practice's facts: one YAML file the office manager edits, checked like a post.

Every fact the site uses is declared in uplift.content.model (FACTS), with the
words an office manager knows it by and its type. `load_facts` reads the file, checks every field (missing,
malformed, unknown) with the file's line numbers, and returns plain Python
values; `placeholder_problems` names the facts still marked as stand-ins, for
the publish refusal.
"""

import difflib
from pathlib import Path

import yaml

from uplift.content import Field, Problem, decode, model, shown_path

from . import values
from .fields import SHOWN_AS_TEXT, text_problems

# The facts, as the model declares them: {name: Field}, groups with fields of their own.
FIELDS = {item.name: item for item in model.FACTS.fields}
HOURS_FIELDS = (model.Field("days", model.TEXT, "the days", required=True),
                model.Field("times", model.TEXT, "the times", required=True))


class _Facts:
    """Reads one file; collects problems with the file's line numbers."""

    def __init__(self, path, text=""):
        self.path = shown_path(path)
        self.lines = text.split("\n")
        self.problems = []

    def problem(self, node, message):
        line = node.start_mark.line + 1 if node is not None else 1
        self.problems.append(Problem(self.path, line, message))

    def group(self, node, spec, prefix=""):
        """spec: {name: model.Field}."""
        found = {}
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{prefix or 'the file'} should be a list of 'name: value' lines.")
            return found
        seen, meant = {}, set()  # meant: required facts a misspelt name stands for (named once)
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                self.problem(key_node, f"'{prefix}{key}' is written twice (lines {seen[key]} and "
                             f"{key_node.start_mark.line + 1}). Keep one.")
                continue
            seen[key] = key_node.start_mark.line + 1
            if key not in spec:
                close = difflib.get_close_matches(key, spec, n=1, cutoff=0.6)
                hint = f" Did you mean '{prefix}{close[0]}'?" if close else ""
                meant.update(close)
                self.problem(key_node, f"'{prefix}{key}' is not a fact the site knows.{hint} Correct the "
                             "name, or remove the line.")
                continue
            found[key] = self.value(value_node, spec[key], f"{prefix}{key}")
        for key, fact in spec.items():
            if fact.required and key not in seen and key not in meant:
                self.problem(node, f"{fact.label} ('{prefix}{key}') is missing. Add a line "
                             f"'{key}: ...' {'under ' + prefix.rstrip('.') if prefix else 'to the file'}.")
            if key not in found:  # templates still find every fact: the problem stops the build
                found[key] = empty(fact)
        return found

    def value(self, node, fact, name):
        if fact.type is model.GROUP:
            return self.group(node, {item.name: item for item in fact.fields}, f"{name}.")
        if fact.type is model.HOURS:
            return self.hours(node, fact, name)
        if fact.type is model.FACT_NAMES:
            return self.names(node, fact, name)
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"{fact.label} ('{name}') should be one value on its line.")
            return ""
        text = str(node.value).strip()
        self.comment_in_value(node, fact, name)
        if not text:
            if fact.required:
                self.problem(node, f"{fact.label} ('{name}') is empty. Write it after the colon.")
            return ""
        label = f"{fact.label} ('{name}')"
        messages = values.plain_text_problems(label, text)
        if fact.shown:
            messages += text_problems(Field(name, text, node.start_mark.line + 1), SHOWN_AS_TEXT)
        if fact.type is model.MINUTES:
            low, high = fact.limits
            if not text.isdigit() or not low <= int(text) <= high:
                self.problem(node, f"{label} should be a number of minutes, like 15.")
                return 0
            return int(text)
        checker = {model.HTTPS: values.https_problem, model.SITE_URL: values.site_url_problem,
                   model.EMAIL: values.email_problem, model.PHONE: values.phone_problem}.get(fact.type)
        typed = checker(label, text) if checker else None
        for message in [*messages, *([typed] if typed else [])]:
            self.problem(node, message)
        return text

    def comment_in_value(self, node, fact, name):
        """`street: 100 Example Avenue #200`: YAML reads ' #200' as a comment and drops it."""
        if node.style is not None or node.end_mark.line >= len(self.lines):
            return
        rest = self.lines[node.end_mark.line][node.end_mark.column:]
        stripped = rest.lstrip()
        if stripped.startswith("#") and len(stripped) > 1 and not stripped[1].isspace() and stripped[1] != "#":
            written = f"{node.value} {stripped}".strip()
            self.problem(node, f"{fact.label} ('{name}') has a '#' in it, and the file's format reads "
                         f"everything from ' #' on as a note, so '{stripped}' would be lost. Put the value in "
                         f'quotation marks: {name.rsplit(".", 1)[-1]}: "{written}"')

    def names(self, node, fact, name):
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{fact.label} ('{name}') should be a list, one '- name' per line.")
            return []
        found = []
        for item in node.value:
            if isinstance(item, yaml.ScalarNode):
                found.append(str(item.value))
                if found[-1] not in FIELDS or found[-1] == name:
                    self.problem(item, f"'{found[-1]}' in the {name} list is not a fact the site knows. "
                                 "Remove it from the list.")
            else:
                self.problem(item, f"each entry of {fact.label} ('{name}') is one fact's name on its own "
                             "'- name' line, not a list or a group.")
        return found

    def hours(self, node, fact, name):
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.problem(node, f"{fact.label} ('{name}') should be a list of days and times, like:\n"
                         "  - days: Monday to Thursday\n    times: 9 am to 7 pm")
            return []
        spec = {item.name: item for item in HOURS_FIELDS}
        return [self.group(item, spec, f"{name}.") for item in node.value]


# Where the facts file is, inside the content folder (the PRACTICE_FILE setting).
DEFAULT_FILE = "practice.yml"


def facts_path(settings):
    return Path(settings["PATH"]) / settings.get("PRACTICE_FILE", DEFAULT_FILE)


def empty_facts():
    """Every fact, empty: what templates get when the file cannot be read (the problem stops the build)."""
    return {key: empty(fact) for key, fact in FIELDS.items()}


def empty(fact):
    if fact.type is model.GROUP:
        return {item.name: empty(item) for item in fact.fields}
    if fact.type in (model.HOURS, model.FACT_NAMES):
        return []
    return 0 if fact.type is model.MINUTES else ""


def load_facts(path):
    """(facts as plain values, [Problem]) for the facts file at `path`."""
    text, problem = decode(Path(path).read_bytes(), shown_path(path))
    if problem:
        return empty_facts(), [problem]
    reader = _Facts(path, text)
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
    facts["phone_e164"] = phone_e164(facts["phone"]) if facts.get("phone") else ""
    facts["_lines"] = {key.value: key.start_mark.line + 1 for key, _ in node.value} \
        if isinstance(node, yaml.MappingNode) else {}
    return facts, reader.problems


def phone_e164(phone):
    """'(555) 010-0142' -> '+15550100142': the same number for tel: links (US numbers)."""
    digits = values.phone_digits(phone)
    if phone.strip().startswith("+") or (len(digits) == 11 and digits.startswith("1")):
        return "+" + digits
    return "+1" + digits if len(digits) == 10 else digits  # a service number (988) stays as it is


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
