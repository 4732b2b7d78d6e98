"""Team members: pure functions over content/team/*.md, read by site_content.

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

from content_checks import render
from content_checks.fields import field_problems
from site_content import Problem, slug

FIELDS = {"name", "slug", "credentials", "pronouns", "role", "license", "license_number", "license_states",
          "license_board", "photo", "photo_alt", "languages", "specialties", "approach", "online_states",
          "new_clients", "placeholder", "summary"}
REQUIRED = {
    "name": "their name, like 'Name: Ana Example'",
    "credentials": "their credentials, like 'Credentials: LMFT'",
    "role": "what they do here, like 'Role: Couples therapist'",
    "license": "the license's type, like 'License: Licensed Marriage and Family Therapist'",
    "license_number": "the license's number, like 'License_number: LMFT 123456'",
    "license_states": "the states that issued it, like 'License_states: California'",
    "license_board": "the board that issued it, like 'License_board: Board of Behavioral Sciences'",
    "new_clients": "whether they take new clients, 'New_clients: yes' or 'no'",
    "summary": "one sentence for the team page, like 'Summary: Ana helps couples ...'",
}
YES, NO = {"yes", "true"}, {"no", "false"}
SHOWN = ("name", "credentials", "pronouns", "role", "license", "license_number", "license_states",
         "license_board", "photo_alt", "languages", "specialties", "approach", "online_states", "summary")


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
    specialties: list = field(default_factory=list)  # topics (plugins/topics)
    approach: list = field(default_factory=list)
    online_states: list = field(default_factory=list)
    new_clients: bool = False
    placeholder: bool = False
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
    from topics.vocabulary import match_tag, unknown_tag_message

    problems = list(source.problems)

    def problem(name, message):
        problems.append(Problem(source.path, source.line_of(name), message))

    if not source.readable:
        return None, problems
    problems += field_problems(source, FIELDS, SHOWN)
    for name, what in REQUIRED.items():
        if not source.value(name):
            problem(name, f"the profile has no {name.capitalize()}. Add {what}.")
    for name in ("new_clients", "placeholder"):
        value = source.value(name).lower()
        if value and value not in YES | NO:
            problem(name, f"{source.fields[name].name} is '{source.value(name)}'. Write yes or no.")
    if source.value("photo") and not source.value("photo_alt"):
        problem("photo", "the photo has no Photo_alt. Add a line describing it, like "
                "'Photo_alt: Ana, smiling, in the practice's garden'.")
    specialties = []
    for term in listed(source.value("specialties")):
        topic = match_tag(term, topic_index)
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
        placeholder=source.value("placeholder").lower() in YES)
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
