"""The project's Python follows the ruff rules of pyproject.toml (pyflakes, pycodestyle, import
order, bugbear, pyupgrade, simplify)."""

import subprocess
import sys

from tests.helpers import ROOT


def test_python_code_passes_ruff():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--output-format", "concise", "."],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
