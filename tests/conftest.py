"""Shared fixtures: the site is built once per session, in a subprocess."""

import pytest

from helpers import ROOT, BuiltSite, dev_settings, run_pelican


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The development build of the real content."""
    output = tmp_path_factory.mktemp("site") / "output"
    result = run_pelican(ROOT / "content", output)
    assert result.returncode == 0, f"the site did not build:\n{result.stdout}\n{result.stderr}"
    return BuiltSite(output, result)


@pytest.fixture(scope="session")
def practice():
    """The practice's facts, read from the one place they live."""
    return dev_settings()["PRACTICE"]
