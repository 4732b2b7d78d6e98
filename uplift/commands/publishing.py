"""Publishing and rolling back, and the refusal to publish stand-in facts or clinicians."""

import sys
from pathlib import Path

from uplift.checks.facts import facts_path, load_facts, placeholder_problems
from uplift.checks.team import placeholder_members
from uplift.publish.publishing import publish as publish_release
from uplift.publish.publishing import rollback as roll_back
from uplift.publish.releases import DeployError
from uplift.publish.targets import target_for
from uplift.publish.verification import verify_build

from .requirements import ensure_node_packages


def production_settings(project, content=None):
    """publishconf.py's settings with the practice's facts applied (the public address)."""
    settings = project.settings(project.publish_settings, content)
    facts, _ = load_facts(facts_path(settings))
    settings["PRACTICE"] = facts
    if settings.get("SITE_ORIGIN") is None:
        settings["SITE_ORIGIN"] = (facts.get("site_url") or "").rstrip("/")
    return settings


def placeholder_gate(settings, allow_placeholders):
    """Refuse to publish stand-in facts or clinicians, unless explicitly allowed (staging).

    Returns the names of the stand-ins."""
    problems = placeholder_problems(settings["PRACTICE"], facts_path(settings))
    stand_ins = placeholder_members(settings)
    names = [*settings["PRACTICE"].get("placeholders", []), *(Path(p.path).stem for p in stand_ins)]
    problems += stand_ins
    if problems and not allow_placeholders:
        sys.exit("Not published: the site still shows stand-in facts that readers must never see:\n"
                 + "\n".join(f"  {problem}" for problem in problems)
                 + "\nOr, for a staging copy only, publish with --allow-placeholders.")
    if problems:
        print(f"WARNING: publishing with placeholders ({', '.join(names)}). Fine for staging; never for "
              "the real site.", file=sys.stderr)
    return names


def publish(project, target, allow_placeholders=False, content=None, ssh="ssh", wait=300, timeout=30):
    """Build, verify and switch the live site at TARGET to a new release, atomically."""
    ensure_node_packages(project.root)  # the browser editor at /admin/ is published with the site
    settings = production_settings(project, content)
    placeholders = placeholder_gate(settings, allow_placeholders)

    def build(folder):
        return project.pelican(project.publish_settings, folder, content=content) == 0

    def verify(folder):
        return verify_build(folder, settings["SITE_ORIGIN"], placeholders, allow_placeholders)

    def say(line):
        print(line, flush=True)

    def warn(line):
        print(line, file=sys.stderr, flush=True)

    try:
        name = publish_release(target_for(target, ssh, timeout), build, verify, wait, say, warn)
    except DeployError as error:
        sys.exit(f"Not published: {error}.")
    print(f"Published release {name} to {target}.")


def rollback(target, ssh="ssh", wait=300, timeout=30):
    """Switch the live site at TARGET back to the release that was live before it."""
    try:
        name = roll_back(target_for(target, ssh, timeout), wait, lambda line: print(line, flush=True))
    except DeployError as error:
        sys.exit(f"Not rolled back: {error}.")
    print(f"{target} now serves release {name}.")
