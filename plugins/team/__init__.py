"""team: the clinicians, one file each in content/team/, with a team page and a profile each.

Every file in TEAM_PATH is read by site_content and checked like a post
(members.py); the team page (TEAM_SAVE_AS) and one profile per member
(TEAM_MEMBER_SAVE_AS) are written with the templates `team` and `profile`.
An article's Author and Reviewed_by must name a member (or the practice
itself): an unknown name is refused with a did-you-mean. Templates get:

    team                  [Member], by name
    article.author_profile, article.reviewer_profile   the Member, or None for the practice
    member.articles_written, member.articles_reviewed   published articles, newest first

A member marked `Placeholder: yes` is a stand-in: `invoke publish` refuses to
publish while one exists (placeholder_members).

Settings:
    TEAM_PATH (str, default "team"): folder of member files, inside PATH.
    TEAM_URL, TEAM_SAVE_AS: the team page ("team/", "team/index.html").
    TEAM_MEMBER_URL, TEAM_MEMBER_SAVE_AS: a profile ("team/{slug}/", "team/{slug}/index.html").
"""

from html import escape
from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from pelican.settings import DEFAULT_CONFIG

from content_checks import add_problems, markdown_converter
from site_content import Problem, read_source

from .members import Member, find_person, names_index, parse_member, unknown_person_message

__all__ = ["register", "Member", "TeamGenerator", "load_team", "placeholder_members"]

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
                problems.append(Problem(member.source_path, 1, f"the photo '{member.photo}' does not exist. "
                                        "Put the picture in content/images/ and check the name's spelling."))
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


class TeamGenerator(Generator):
    """Reads the team, links articles to their authors and reviewers, writes the team pages."""

    def generate_context(self):
        from topics.vocabulary import term_index

        vocabulary = self.context.get("topic_vocabulary", [])
        self.members, problems = load_team(self.settings, term_index(vocabulary))
        practice = self.settings.get("PRACTICE", {})
        index = names_index(self.members, [self.settings.get("AUTHOR", ""), practice.get("name", ""),
                                           practice.get("full_name", "")])
        articles = [*self.context.get("articles", []), *self.context.get("drafts", []),
                    *self.context.get("hidden_articles", [])]
        for article in articles:
            problems += self.link_people(article, index)
        published = [a for a in self.context.get("articles", []) if a.status == "published"]
        for member in self.members:
            member.articles_written = [a for a in published if a.author_profile is member]
            member.articles_reviewed = [a for a in published if a.reviewer_profile is member]
        for member in self.members:
            member.photo_html = self.photo_html(member)
        add_problems(problems)
        self.context["team"] = self.members
        # For the link checks (content_checks): the pages this generator writes.
        self.site_pages = {setting(self.settings, "TEAM_URL"): "team",
                           **{member.url: "profile" for member in self.members}}

    def link_people(self, article, index):
        problems = []
        source = getattr(article, "content_source", None)
        article.author_profile = article.reviewer_profile = None
        for field_name, attribute, written in (
                ("Author", "author_profile", str(getattr(article, "author", "") or "")),
                ("Reviewed_by", "reviewer_profile", getattr(article, "reviewed_by", "") or "")):
            if not written:
                continue
            found, member = find_person(written, index)
            if found:
                setattr(article, attribute, member)
            elif source is not None:
                problems.append(Problem(source.path, source.line_of(field_name.lower()),
                                        unknown_person_message(field_name, written, index)))
        return problems

    def photo_html(self, member):
        """The member's photo as a responsive picture, like any image in a post."""
        if not member.photo:
            return ""
        from responsive_images import responsive_html

        source = member.photo.removeprefix("{static}")
        tag = f'<img class="profile__photo" src="{escape(source)}" alt="{escape(member.photo_alt)}">'
        html = responsive_html(tag, f"{setting(self.settings, 'TEAM_PATH')}/{member.slug}.md", self.settings)
        return html.replace(f'src="{escape(source)}"', f'src="{self.settings["SITEURL"]}{escape(source)}"')

    def generate_output(self, writer):
        writer.write_file(setting(self.settings, "TEAM_SAVE_AS"), self.get_template("team"), self.context,
                          team=self.members, url=setting(self.settings, "TEAM_URL"))
        for member in self.members:
            writer.write_file(member.save_as, self.get_template("profile"), self.context, member=member,
                              url=member.url)


def set_defaults(pelican):
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)


def get_generators(pelican):
    return TeamGenerator


def register():
    signals.initialized.connect(set_defaults)
    signals.get_generators.connect(get_generators)

