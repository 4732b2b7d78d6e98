"""The clinicians, one file each in content/team/, with a team page and a profile each.

Every file in TEAM_PATH is read by uplift.content and checked like a post
(uplift.checks.team); the team page (TEAM_SAVE_AS) and one profile per member
(TEAM_MEMBER_SAVE_AS) are written with the templates `team` and `profile`.
An article's Author and Reviewed_by must name a member (or the practice
itself): an unknown name is refused with a did-you-mean. Templates get:

    team                  [Member], by name
    article.author_profile, article.reviewer_profile   the Member, or None for the practice
    member.articles_written, member.articles_reviewed   published articles, newest first

A member marked `Placeholder: yes` is a stand-in: `invoke publish` refuses to
publish while one exists (uplift.checks.team.placeholder_members).
"""

from html import escape

from pelican import signals
from pelican.generators import Generator

from uplift.checks.team import find_person, load_team, names_index, unknown_person_message
from uplift.checks.topics import term_index
from uplift.content import Problem

from .checking import add_problems
from .images import responsive_html


class TeamGenerator(Generator):
    """Reads the team, links articles to their authors and reviewers, writes the team pages."""

    def generate_context(self):
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
        add_problems(self.settings, problems)
        self.context["team"] = self.members
        # For the link checks (checking.py): the pages this generator writes.
        self.site_pages = {self.settings["TEAM_URL"]: "team",
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
        source = member.photo.removeprefix("{static}")
        tag = f'<img class="profile__photo" src="{escape(source)}" alt="{escape(member.photo_alt)}">'
        html = responsive_html(tag, f"{self.settings['TEAM_PATH']}/{member.slug}.md", self.settings)
        return html.replace(f'src="{escape(source)}"', f'src="{self.settings["SITEURL"]}{escape(source)}"')

    def generate_output(self, writer):
        writer.write_file(self.settings["TEAM_SAVE_AS"], self.get_template("team"), self.context,
                          team=self.members, url=self.settings["TEAM_URL"])
        for member in self.members:
            writer.write_file(member.save_as, self.get_template("profile"), self.context, member=member,
                              url=member.url)


def get_generators(pelican):
    return TeamGenerator


def register():
    signals.get_generators.connect(get_generators)

