"""The one slug function: addresses of posts, pages, topics, team members, headings."""

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify


def slug(text, settings=None):
    """The slug Pelican makes for `text` ("Don’t Stop: Café Talks" -> "dont-stop-cafe-talks")."""
    substitutions = (settings or DEFAULT_CONFIG).get("SLUG_REGEX_SUBSTITUTIONS",
                                                     DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    return slugify(text, regex_subs=substitutions)
