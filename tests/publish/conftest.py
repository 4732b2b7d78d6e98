import random
import shutil
import subprocess

import pytest

from tests.deploy_fixtures import *  # noqa: F403 (the fixtures of a production build, nginx and sshd)
from tests.helpers import ROOT


@pytest.fixture(scope="module")
def changed_project(tmp_path_factory):
    """A copy of the project whose stylesheet and one article differ: every page
    changes (each names the stylesheet by its hash), so readers' pages switch
    stylesheets and a publish carries the old one. A new
    1.5 MB file (a PDF leaflet, say) that rsync cannot send as a small delta makes the
    transfer long enough to cut midway."""
    copy = tmp_path_factory.mktemp("changed") / "project"
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.splitlines()
    for relative in listed:
        if relative.startswith(("tests/", "benchmarks/")) or not (ROOT / relative).is_file():
            continue
        (copy / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / relative, copy / relative)
    css = copy / "theme" / "static" / "css" / "main.css"
    css.write_text(css.read_text() + "\n.fault-test-marker { color: inherit; }\n")
    article = copy / "content" / "articles" / "when-the-spark-fades.md"
    article.write_text(article.read_text() + "\nOne more short sentence, written for a test.\n")
    # A document offered for download (content/extra/ holds PDFs): random bytes after its signature.
    (copy / "content" / "extra" / "new-leaflet.pdf").write_bytes(b"%PDF-1.7\n" + random.Random(14).randbytes(1_500_000))
    return copy
