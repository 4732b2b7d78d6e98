"""The topic vocabulary: pure functions over topic files read by uplift.content.

A topic file is Markdown with fields at the top:

    Title: Sexual intimacy              the topic's name, as readers see it
    Slug: sexual-intimacy               optional; made from the title when absent
    Aliases: sex, desire, libido        other words writers may put in Tags
    Description: One sentence...        for the topics index and meta description
    Start_here: when-the-spark-fades    optional: slug of the article to read first

    An introduction of a few paragraphs.
"""

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG

from uplift.content import Problem, model, read_source, slug
from uplift.content.markdown import markdown_converter

from . import values
from .fields import header_problems
from .rendered import render


@dataclass
class Topic:
    name: str
    slug: str
    description: str
    intro_html: str
    aliases: list = field(default_factory=list)
    start_here_slug: str = ""
    source_path: str = ""
    start_here_line: int = 1
    lines: dict = field(default_factory=dict)  # {"title": line, "slug": line, "aliases": line}
    edited: float = 0.0  # the file's modification time: a clash is named in the file edited last
    # Filled in once the articles are known.
    articles: list = field(default_factory=list)
    start_here: object = None
    related_topics: list = field(default_factory=list)

    @property
    def terms(self):
        """Every way a writer may name this topic, normalised."""
        return {normalise(term) for term in [self.name, self.slug, *self.aliases] if term.strip()}


def normalise(term):
    """Compare topic names ignoring case, spacing, hyphens and underscores."""
    return " ".join(re.sub(r"[-_\s]+", " ", term).lower().split())


def parse_topic(source, converter):
    """(Topic or None, [Problem]) for one topic file, read by uplift.content.read_source.

    `converter` renders the introduction exactly as posts are rendered (and
    checked: the rendered-HTML rules apply to it too)."""
    problems = list(source.problems)

    def problem(name, message):
        problems.append(Problem(source.path, source.line_of(name), message))

    if not source.readable:
        return None, problems
    problems += header_problems(source, model.TOPIC)
    name = source.value("title")
    if not name:
        problem("title", "the topic has no Title. Add a line like 'Title: Sexual intimacy' at the top.")
    if not source.value("description"):
        problem("description", "the topic has no Description. Add a line like 'Description: one "
                "sentence saying what the topic covers' (it appears on the topics page and in "
                "search results).")
    intro_html, inspection = render(source, converter) if source.body.strip() else ("", None)
    if inspection:
        problems += inspection.problems
    if not intro_html.strip():
        problem("title", "the topic has no introduction. Write a few paragraphs after the fields "
                "and a blank line: they open the topic's page.")
    if not name:
        return None, problems
    # A topic with a problem stays a topic, so that posts naming it are not reported too; the
    # problem stops the build, and its slug is never one that would write outside its folder.
    written_slug = source.value("slug")
    topic = Topic(
        name=name,
        slug=written_slug if written_slug and not values.slug_problem("", written_slug) else slug(name),
        description=source.value("description"),
        intro_html=intro_html.strip(),
        aliases=[alias.strip() for alias in source.value("aliases").split(",") if alias.strip()],
        start_here_slug=source.value("start_here"),
        source_path=source.path,
        start_here_line=source.line_of("start_here"),
        lines={name: source.line_of(name) for name in ("title", "slug", "aliases")},
    )
    return topic, problems


def load_topics(folder, settings=None):
    """(topics sorted by name, [Problem]) for every *.md file in `folder`.

    settings: Pelican's (for MARKDOWN and PATH); Pelican's defaults when None."""
    topics, problems = [], []
    settings = settings or {**DEFAULT_CONFIG, "PATH": str(Path(folder).parent)}
    converter = markdown_converter(settings)
    for path in sorted(Path(folder).glob("*.md")):
        topic, found = parse_topic(read_source(path, settings["PATH"]), converter)
        problems += found
        if topic:
            topic.edited = path.stat().st_mtime
            topics.append(topic)
    problems += _clashes(topics)
    return sorted(topics, key=lambda t: t.name.lower()), problems


def _where_named(topic, term):
    """Which field of a topic names a term: its title, slug or aliases."""
    for name, written in (("title", [topic.name]), ("slug", [topic.slug]), ("aliases", topic.aliases)):
        if term in {normalise(word) for word in written}:
            return name
    return "title"


def _clashes(topics):
    """Two topics claiming the same word would make tags ambiguous. Reported where the word was
    added as an alias (a topic's own title or slug is not the mistake), at that line; between two
    titles or slugs, in both files."""
    claims = {}
    for topic in topics:
        for term in topic.terms:
            claims.setdefault(term, []).append((topic, _where_named(topic, term)))
    problems = []
    for term, claimed in claims.items():
        if len(claimed) < 2:
            continue
        targets = [claim for claim in claimed if claim[1] == "aliases"] or claimed
        # One problem, one message: in the file changed last (the one just edited), or in
        # every file when none is newer.
        newest = max(topic.edited for topic, _ in targets)
        targets = [claim for claim in targets if claim[0].edited == newest]
        for topic, where in targets:
            others = " and ".join(f"'{other.name}' ({other.source_path})" for other, _ in claimed
                                  if other is not topic)
            problems.append(Problem(topic.source_path, topic.lines.get(where, 1),
                                    f"'{term}' also names the topic {others}. Keep each word in one topic's "
                                    "Title or Aliases."))
    return problems


def term_index(topics):
    """{normalised term: topic} for names, slugs and aliases."""
    return {term: topic for topic in topics for term in topic.terms}


def match_tag(tag, index):
    """The topic a writer's tag refers to, or None."""
    return index.get(normalise(tag))


def suggestions(tag, index, limit=3):
    """Names of the topics closest to an unknown tag, best first."""
    close = difflib.get_close_matches(normalise(tag), list(index), n=limit * 3, cutoff=0.75)
    names = []
    for term in close:
        name = index[term].name
        if name not in names:
            names.append(name)
    return names[:limit]


def unknown_tag_message(tag, index):
    hint = suggestions(tag, index)
    did_you_mean = f"Did you mean {' or '.join(repr(n) for n in hint)}? " if hint else ""
    return (f"'{tag}' is not one of the site's topics. {did_you_mean}"
            "Use a topic's name or alias from content/topics/, or add a topic file there.")


def related_topics(topic, topics, limit=4):
    """Other topics sharing articles with `topic`, most shared first."""
    own = {id(article) for article in topic.articles}
    scored = []
    for other in topics:
        shared = sum(1 for article in other.articles if id(article) in own)
        if other is not topic and shared:
            scored.append((-shared, other.name.lower(), other))
    return [other for _, _, other in sorted(scored, key=lambda s: s[:2])[:limit]]
