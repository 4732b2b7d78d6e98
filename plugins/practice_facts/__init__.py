"""practice_facts: the practice's facts come from one data file staff edit, never from Python.

The file (PRACTICE_FILE inside the content folder, YAML, editable in the
browser editor) is read and checked when a build starts (facts.py); every
template gets it as PRACTICE, with `phone_e164` derived from the phone number.
Problems in it are reported with the posts' problems, as "path:line: what is
wrong. what to do". When SITE_ORIGIN is None (production, publishconf.py), the
site's public address is the facts' `site_url`.

Settings:
    PRACTICE_FILE (str, default "practice.yml"): the facts file, inside PATH.
"""

from pathlib import Path

from pelican import signals

from site_content import Problem, shown_path

from .facts import FIELDS, load_facts, phone_e164, placeholder_problems

__all__ = ["register", "FIELDS", "load_facts", "facts_path", "phone_e164", "placeholder_problems"]

DEFAULTS = {"PRACTICE_FILE": "practice.yml"}
_problems = []


def facts_path(settings):
    return Path(settings["PATH"]) / settings.get("PRACTICE_FILE", DEFAULTS["PRACTICE_FILE"])


def read_facts(pelican):
    """Put the facts into the settings, before any generator reads them."""
    settings = pelican.settings
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    path = facts_path(settings)
    _problems.clear()
    if path.is_file():
        facts, problems = load_facts(path)
    else:
        facts, problems = load_facts(Path(__file__).parent / "empty.yml")
        problems = [Problem(shown_path(path), 1, "the practice's facts file is missing. Restore "
                            f"{settings['PRACTICE_FILE']} in the content folder from the site's history.")]
    _problems.extend(problems)
    settings["PRACTICE"] = facts
    settings["SITENAME"] = facts.get("name") or settings.get("SITENAME", "")
    settings["CONTENT_DATA_FILES"] = [*settings.get("CONTENT_DATA_FILES", []), settings["PRACTICE_FILE"]]
    if settings.get("SITE_ORIGIN") is None:  # production: the public address is a fact
        origin = (facts.get("site_url") or "").rstrip("/")
        settings.update(SITE_ORIGIN=origin, SITEURL=origin, FEED_DOMAIN=origin)


def report_problems(generator):
    from content_checks import add_problems

    add_problems(list(_problems))
    _problems.clear()


def register():
    signals.initialized.connect(read_facts)
    # The report is reset when a build starts; hand the problems over once it runs.
    signals.article_generator_init.connect(report_problems)
