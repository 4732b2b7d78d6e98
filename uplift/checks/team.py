"""Team members: content/team/*.md, read by uplift.content and checked like posts.

A member file:

    Name: Ana Example
    Credentials: PhD, LMFT
    Pronouns: she/her                               optional
    Role: Couples therapist and clinical director
    License: Licensed Marriage and Family Therapist
    License_number: LMFT 000000
    License_states: Springfield State               one or more, separated by commas
    License_board: Springfield Board of Behavioral Sciences
    Photo: {static}/images/team/ana-example.jpg     optional, with Photo_alt
    Photo_alt: Ana, smiling, in the practice's garden
    Languages: English, Spanish
    Specialties: sexual intimacy, trust             topics of the site
    Approach: Emotionally Focused Therapy, the Gottman Method
    Online_states: Springfield State, Newland       where they see clients online
    New_clients: yes
    Placeholder: yes                                a stand-in profile: never published
    Summary: One sentence for the team page and search results.

    A short biography in Markdown.
"""

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG

from uplift.content import Problem, model, read_source, slug
from uplift.content.markdown import markdown_converter

from . import values
from .fields import header_problems
from .rendered import render
from .topics import match_tag, unknown_tag_message

YES = values.YES


def what_to_add(item):
    """What a missing required field needs, from the model: "their name, like 'Name: Ana Example'"."""
    if item.type is model.YES_NO:
        return f"{item.help}, '{item.name}: yes' or 'no'"
    return f"{item.help}, like '{item.name}: {item.example}'"


REQUIRED = {item.key: what_to_add(item) for item in model.TEAM_MEMBER.fields if item.required}


def listed(value):
    return [item.strip() for item in value.split(",") if item.strip()]


@dataclass
class Member:
    name: str
    slug: str
    credentials: str
    role: str
    license: str
    license_number: str
    license_states: list
    license_board: str
    summary: str
    bio_html: str
    source_path: str
    pronouns: str = ""
    photo: str = ""
    photo_alt: str = ""
    languages: list = field(default_factory=list)
    specialties: list = field(default_factory=list)  # topics (checks/topics.py)
    approach: list = field(default_factory=list)
    online_states: list = field(default_factory=list)
    new_clients: bool = False
    placeholder: bool = False
    license_lookup: str = ""  # the board's public page that verifies the license (https)
    photo_line: int = 1
    url: str = ""
    save_as: str = ""
    # Filled in once the articles are known.
    articles_written: list = field(default_factory=list)
    articles_reviewed: list = field(default_factory=list)

    @property
    def byline_name(self):
        return f"{self.name}, {self.credentials}"


def parse_member(source, converter, topic_index):
    """(Member or None, [Problem]) for one member file. topic_index: {normalised term: Topic}."""
    problems = list(source.problems)

    def problem(name, message):
        problems.append(Problem(source.path, source.line_of(name), message))

    if not source.readable:
        return None, problems
    problems += header_problems(source, model.TEAM_MEMBER)
    for name, what in REQUIRED.items():
        if not source.value(name):
            problem(name, f"the profile has no {name.capitalize()}. Add {what}.")
    if source.value("photo") and not source.value("photo_alt"):
        problem("photo", "the photo has no Photo_alt. Add a line describing it, like "
                "'Photo_alt: Ana, smiling, in the practice's garden'.")
    specialties = []
    for term in listed(source.value("specialties")):
        topic = match_tag(term, topic_index)
        if topic is None and values.plain_text_problems("", term):
            continue  # the invisible or look-alike character is named by the field checks
        if topic is None:
            problem("specialties", unknown_tag_message(term, topic_index))
        elif topic not in specialties:
            specialties.append(topic)
    bio_html, inspection = render(source, converter) if source.body.strip() else ("", None)
    if inspection:
        problems += inspection.problems
    if not bio_html.strip():
        problem("name", "the profile has no biography. Write a few sentences after the fields and a blank "
                "line: who they are and how they work.")
    if any(not source.value(name) for name in REQUIRED):
        return None, problems
    if source.value("slug") and values.slug_problem("", source.value("slug")):
        return None, problems  # reported: no profile is written at an address the slug would break
    if source.value("license_lookup") and values.https_problem("", source.value("license_lookup")):
        return None, problems
    name = source.value("name")
    member = Member(
        name=name, slug=source.value("slug") or slug(name), credentials=source.value("credentials"),
        role=source.value("role"), license=source.value("license"),
        license_number=source.value("license_number"), license_states=listed(source.value("license_states")),
        license_board=source.value("license_board"), summary=source.value("summary"), bio_html=bio_html,
        source_path=source.path, pronouns=source.value("pronouns"), photo=source.value("photo"),
        photo_alt=source.value("photo_alt"), languages=listed(source.value("languages")) or ["English"],
        specialties=specialties, approach=listed(source.value("approach")),
        online_states=listed(source.value("online_states")),
        new_clients=source.value("new_clients").lower() in YES,
        placeholder=source.value("placeholder").lower() in YES,
        license_lookup=source.value("license_lookup"), photo_line=source.line_of("photo"))
    return member, problems


def names_index(members, practice_names):
    """{normalised name: Member or None (the practice)}: what Author and Reviewed_by may say."""
    index = {normalise(name): None for name in practice_names if name}
    for member in members:
        for name in (member.name, member.slug, member.byline_name):
            index[normalise(name)] = member
    return index


def normalise(name):
    return " ".join(name.replace(".", " ").replace(",", " ").replace("-", " ").lower().split())


def find_person(written, index):
    """(found, Member or None): is `written` the practice or a member, and which member."""
    key = normalise(written)
    if key in index:
        return True, index[key]
    return False, None


def unknown_person_message(field_name, written, index):
    close = difflib.get_close_matches(normalise(written), list(index), n=1, cutoff=0.6)
    hint = ""
    if close:
        member = index[close[0]]
        hint = f" Did you mean '{member.name if member else close[0].title()}'?"
    return (f"{field_name} '{written}' is not a member of the team.{hint} Use the name from their file in "
            "content/team/, or the practice's name.")


# Where team files and profiles are, unless the settings say otherwise.
DEFAULTS = {"TEAM_PATH": "team", "TEAM_URL": "team/", "TEAM_SAVE_AS": "team/index.html",
            "TEAM_MEMBER_URL": "team/{slug}/", "TEAM_MEMBER_SAVE_AS": "team/{slug}/index.html"}


def setting(settings, name):
    return settings.get(name, DEFAULTS[name])


def load_team(settings, topic_index=None):
    """(members sorted by name, [Problem]) for every member file."""
    folder = Path(settings["PATH"]) / setting(settings, "TEAM_PATH")
    converter = markdown_converter(settings if "MARKDOWN" in settings else DEFAULT_CONFIG)
    members, problems, owners = [], [], {}
    for path in sorted(folder.glob("*.md")):
        member, found = parse_member(read_source(path, settings["PATH"]), converter, topic_index or {})
        problems += found
        if member is None:
            continue
        if member.slug in owners:
            problems.append(Problem(member.source_path, 1, f"the slug '{member.slug}' is also used by "
                                    f"{owners[member.slug]}. Add a different 'Slug:' line."))
            continue
        owners[member.slug] = member.source_path
        if member.photo:
            relative = member.photo.removeprefix("{static}").lstrip("/")
            if not (Path(settings["PATH"]) / relative).is_file():
                problems.append(Problem(member.source_path, member.photo_line,
                                        f"the photo '{member.photo}' does not exist. Put the picture in "
                                        "content/images/ and check the name's spelling."))
                member.photo = ""
        member.url = setting(settings, "TEAM_MEMBER_URL").format(slug=member.slug)
        member.save_as = setting(settings, "TEAM_MEMBER_SAVE_AS").format(slug=member.slug)
        members.append(member)
    return sorted(members, key=lambda member: member.name.lower()), problems


def placeholder_members(settings):
    """[Problem] for each stand-in profile, for the publish refusal."""
    members, _ = load_team(settings)
    return [Problem(member.source_path, 1, f"{member.name}'s profile is a stand-in (Placeholder: yes). "
                    "Replace it with a real clinician's details and remove the Placeholder line, or delete "
                    "the file.") for member in members if member.placeholder]
