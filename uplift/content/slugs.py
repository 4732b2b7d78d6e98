"""The one slug function: addresses of posts, pages, topics, team members, headings."""

from functools import lru_cache

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify


def slug(text, settings=None):
    """The slug Pelican makes for `text` ("Don’t Stop: Café Talks" -> "dont-stop-cafe-talks")."""
    substitutions = (settings or DEFAULT_CONFIG).get("SLUG_REGEX_SUBSTITUTIONS",
                                                     DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    return _slug(text, tuple(tuple(pair) for pair in substitutions))


@lru_cache(maxsize=4096)
def _slug(text, substitutions):
    # Every heading of every post is slugged on each build: the same words, the same slug.
    return slugify(text, regex_subs=substitutions)
