"""The CI workflow on the practice's git server runs what .ci/run runs, and publishes main only."""

import yaml

from helpers import ROOT


def test_every_push_is_tested_and_main_is_published_after_the_tests():
    workflow = yaml.safe_load((ROOT / ".forgejo" / "workflows" / "site.yml").read_text())
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as True
    assert "push" in triggers and "pull_request" in triggers
    test, publish = workflow["jobs"]["test"], workflow["jobs"]["publish"]
    assert any(step.get("run") == "bash .ci/run" for step in test["steps"])
    assert publish["needs"] == "test" and "refs/heads/main" in publish["if"]
    script = "\n".join(step.get("run", "") for step in publish["steps"])
    assert "invoke publish --target" in script and "StrictHostKeyChecking=yes" in script
    assert (ROOT / ".ci" / "run").read_text().strip().endswith("make test")
