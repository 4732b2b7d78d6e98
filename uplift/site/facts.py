"""The practice's facts come from one data file staff edit, never from Python.

The file (PRACTICE_FILE inside the content folder, YAML, editable in the
browser editor) is read and checked when a build starts (uplift.checks.facts);
every template gets it as PRACTICE, with `phone_e164` derived from the phone
number. Problems in it are reported with the posts' problems. When SITE_ORIGIN
is None (production, publishconf.py), the site's public address is the facts'
`site_url`.
"""

from pelican import signals

from uplift.checks.facts import empty_facts, facts_path, load_facts
from uplift.content import Problem, shown_path

from .checking import add_problems


def read_facts(pelican):
    """Put the facts into the settings, before any generator reads them."""
    settings = pelican.settings
    path = facts_path(settings)
    if path.is_file():
        facts, problems = load_facts(path)
    else:
        facts = empty_facts()
        problems = [Problem(shown_path(path), 1, "the practice's facts file is missing. Restore "
                            f"{settings['PRACTICE_FILE']} in the content folder from the site's history.")]
    add_problems(settings, problems)
    settings["PRACTICE"] = facts
    settings["SITENAME"] = facts.get("name") or settings.get("SITENAME", "")
    settings["CONTENT_DATA_FILES"] = [*settings["CONTENT_DATA_FILES"], settings["PRACTICE_FILE"]]
    if settings.get("SITE_ORIGIN") is None:  # production: the public address is a fact
        origin = (facts.get("site_url") or "").rstrip("/")
        settings.update(SITE_ORIGIN=origin, SITEURL=origin, FEED_DOMAIN=origin)


def register():
    signals.initialized.connect(read_facts)
