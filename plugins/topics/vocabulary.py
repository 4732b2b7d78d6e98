"""The topic vocabulary: pure functions, no Pelican.

A topic file is Markdown with metadata:

    Title: Sexual intimacy              the topic's name, as readers see it
    Slug: sexual-intimacy               optional; made from the title when absent
    Aliases: sex, desire, libido        other words writers may put in Tags
    Description: One sentence...        for the topics index and meta description
    Start_here: when-the-spark-fades    optional: slug of the article to read first

    An introduction of a few paragraphs.
"""

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown

KNOWN_KEYS = {"title", "slug", "aliases", "description", "start_here"}


@dataclass
class Topic:
    name: str
    slug: str
    description: str
    intro_html: str
    aliases: list = field(default_factory=list)
    start_here_slug: str = ""
    source_path: str = ""
    # Filled in once the articles are known.
    articles: list = field(default_factory=list)
    start_here: object = None
    related_topics: list = field(default_factory=list)

    @property
    def terms(self):
        """Every way a writer may name this topic, normalised."""
        return {normalise(term) for term in [self.name, self.slug, *self.aliases] if term.strip()}


@dataclass
class TopicProblem:
    path: str
    line: int
    message: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.message}"


def shown_path(path):
    """A path as the writer knows it: relative to the working folder when inside it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def normalise(term):
    """Compare topic names ignoring case, spacing, hyphens and underscores."""
    return " ".join(re.sub(r"[-_\s]+", " ", term).lower().split())


def slugify(term):
    return normalise(term).replace(" ", "-")


def _metadata_lines(text):
    """{lower-case key: line number} for the metadata block at the top of a file."""
    lines = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            break
        key = line.split(":", 1)[0].strip().lower()
        lines.setdefault(key, number)
    return lines


def parse_topic(text, path=""):
    """(Topic or None, [TopicProblem]) for one topic file's text."""
    converter = markdown.Markdown(extensions=["meta", "extra"], output_format="html")
    intro_html = converter.convert(text).strip()
    meta = {key.lower(): " ".join(values).strip() for key, values in converter.Meta.items()}
    where = _metadata_lines(text)
    problems = []

    def problem(key, message):
        problems.append(TopicProblem(path, where.get(key, 1), message))

    for key in meta.keys() - KNOWN_KEYS:
        problem(key, f"unknown field '{key}'. Topic files use: {', '.join(sorted(KNOWN_KEYS))}.")
    name = meta.get("title", "")
    if not name:
        problem("title", "the topic has no Title. Add a line like 'Title: Sexual intimacy' at the top.")
    if not meta.get("description"):
        problem("description", "the topic has no Description. Add a line like 'Description: one "
                "sentence saying what the topic covers' (it appears on the topics page and in "
                "search results).")
    if not intro_html:
        problem("title", "the topic has no introduction. Write a few paragraphs after the metadata "
                "and a blank line: they open the topic's page.")
    if problems:
        return None, problems
    topic = Topic(
        name=name,
        slug=meta.get("slug") or slugify(name),
        description=meta["description"],
        intro_html=intro_html,
        aliases=[alias.strip() for alias in meta.get("aliases", "").split(",") if alias.strip()],
        start_here_slug=meta.get("start_here", ""),
        source_path=path,
    )
    return topic, []


def load_topics(folder):
    """(topics sorted by name, [TopicProblem]) for every *.md file in `folder`."""
    topics, problems = [], []
    for path in sorted(Path(folder).glob("*.md")):
        topic, found = parse_topic(path.read_text(encoding="utf-8"), str(path))
        problems += found
        if topic:
            topics.append(topic)
    problems += _clashes(topics)
    return sorted(topics, key=lambda t: t.name.lower()), problems


def _clashes(topics):
    """Two topics claiming the same word would make tags ambiguous."""
    owner, problems = {}, []
    for topic in topics:
        for term in topic.terms:
            if term in owner and owner[term] is not topic:
                problems.append(TopicProblem(topic.source_path, 1,
                    f"'{term}' also names the topic '{owner[term].name}' "
                    f"({owner[term].source_path}). Keep each word in one topic's Title or Aliases."))
            owner.setdefault(term, topic)
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
