"""Building the site, checking it, serving it as it is, starting a post."""

import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

from uplift.checks.fields import PLACEHOLDER
from uplift.content import date_text, model, slug
from uplift.content.docs import with_tables

from .project import PREVIEW_HOST, PREVIEW_PORT
from .requirements import ensure_node_packages

# The text below the fields of a new post; the fields come from the content model.
NEW_POST_BODY = """
FILL IN your opening paragraph: who this post is for and what it will help with.

## FILL IN your first section heading

FILL IN the section's text.
"""


def new_post_text(values):
    """A new post: the model's fields that are required or given (`values`: {name: value}), in the
    model's order; each required one not given says what to write, with an example."""
    lines = []
    for item in model.ARTICLE.fields:
        if item.name in values:
            lines.append(f"{item.name}: {values[item.name]}")
        elif item.required:
            bounds = f" ({item.limits[0]} to {item.limits[1]} characters)" if item.limits else ""
            lines.append(f"{item.name}: {PLACEHOLDER} {item.help[:1].lower()}{item.help[1:].rstrip('.')}"
                         f"{bounds}, e.g. {item.example}")
    return "\n".join(lines) + "\n" + NEW_POST_BODY


def build(project):
    """The development site into output/."""
    project.build_or_exit(project.dev_settings)


def production_build(project):
    """The production site (publishconf.py, which needs the browser editor's bundle) into output/."""
    ensure_node_packages(project.root)
    project.build_or_exit(project.publish_settings)


def clean(project):
    for path in (project.output, project.cache):
        shutil.rmtree(path, ignore_errors=True)


def serve(project):
    """Build, then serve output/ at the preview address, without rebuilding."""
    build(project)

    class ReusableServer(RootedHTTPServer):
        allow_reuse_address = True

    server = ReusableServer(str(project.output), (PREVIEW_HOST, PREVIEW_PORT), ComplexHTTPRequestHandler)
    print(f"Serving the site at http://{PREVIEW_HOST}:{PREVIEW_PORT}/ (Ctrl-C stops it)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


def check(project, path=None):
    """The same reading and rules as a build, stopped before anything is written; exits with
    the checker's status. Runs where the writer is, so the paths it prints are the ones they typed."""
    command = [sys.executable, "-m", "pelican", *([str(Path(path))] if path else []),
               "-s", str(project.dev_settings), "-e", "CHECK_ONLY=true"]
    sys.exit(subprocess.run(command).returncode)


def write_docs(project):
    """Make WRITING.md's field tables anew from the content model."""
    guide = project.root / "WRITING.md"
    text = guide.read_text(encoding="utf-8")
    made = with_tables(text)
    guide.write_text(made, encoding="utf-8")
    print("WRITING.md's field tables are up to date." if made == text else "Wrote WRITING.md's field tables.")


def new_post(project, title, folder="content/articles"):
    """content/articles/<slug>.md: a draft with every field to fill in; never over a file."""
    settings = project.settings()
    post_slug = slug(title, settings)
    if not post_slug:
        sys.exit("The title needs at least one letter or digit.")
    path = (project.root / folder / f"{post_slug}.md").resolve()
    shown = os.path.relpath(path)
    if path.exists():
        sys.exit(f"{shown} already exists; nothing was changed. "
                 "Choose another title, or open that file to keep writing.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new_post_text({
        "Title": title, "Slug": post_slug, "Date": date_text(datetime.now(ZoneInfo(settings["TIMEZONE"]))),
        "Status": "draft", "Author": settings["AUTHOR"]}), encoding="utf-8")
    print(f"Created {shown} (a draft).\n"
          "Replace every 'FILL IN', then preview it with `make serve` and open\n"
          f"http://{PREVIEW_HOST}:{PREVIEW_PORT}/drafts/{post_slug}/ . "
          "`invoke check` lists anything left to fix.")
