"""Every HTML file passes the Nu Html Checker (vnu.jar) with zero errors."""

import json
import subprocess
from pathlib import Path

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_html_file_is_valid(site):
    assert VNU.is_file(), "vnu.jar is missing: run `invoke test`, which installs it"
    files = [str(path) for path in site.html_files()]
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True, text=True)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}" for m in messages
              if m.get("type") == "error" or m.get("subType") == "fatal"]
    assert not errors, "\n".join(errors)
    assert result.returncode == 0
