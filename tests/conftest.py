"""Shared fixtures: the site, built once per session in a subprocess, and Chromium."""

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser_pages import CHROMIUM, CHROMIUM_ARGS
from tests.helpers import ROOT, BuiltSite, run_pelican
from uplift.checks.facts import load_facts


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The development build of the real content."""
    output = tmp_path_factory.mktemp("site") / "output"
    result = run_pelican(ROOT / "content", output)
    assert result.returncode == 0, f"the site did not build:\n{result.stdout}\n{result.stderr}"
    return BuiltSite(output, result)


@pytest.fixture(scope="session")
def practice():
    """The practice's facts, read from the one place they live (content/practice.yml)."""
    facts, problems = load_facts(ROOT / "content" / "practice.yml")
    assert not problems, problems
    return facts


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).exists(), "Chromium is missing: run `invoke test`, which installs it"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
