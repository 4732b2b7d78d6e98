"""Tasks for people and CI: `invoke --list` shows the menu.

Each task parses its arguments and makes one call into uplift.commands, where
the work is done. Every build runs Pelican in a subprocess, so each one starts
clean (Pelican keeps state between runs in one process) and its exit status is
the build's.
"""

import sys
from pathlib import Path

from invoke import task

from uplift.commands import building, icons, publishing, requirements, visits, webserver, writing
from uplift.commands.project import PREVIEW_PORT, Project

PROJECT = Project(Path(__file__).resolve().parent)


@task
def build(c):
    """Build the development site into output/."""
    building.build(PROJECT)


@task
def preview(c):
    """Build the production site (publishconf.py) into output/."""
    building.production_build(PROJECT)


@task
def clean(c):
    """Remove output/ and Pelican's caches."""
    building.clean(PROJECT)


@task
def serve(c):
    """Build, then serve output/ at http://127.0.0.1:8000 (no rebuilds)."""
    building.serve(PROJECT)


@task(help={"port": f"the port to preview on (default {PREVIEW_PORT})",
            "content": "another content folder to preview (default: content/)"})
def livereload(c, port=PREVIEW_PORT, content=None):
    """Preview at http://127.0.0.1:8000: rebuilds and refreshes the browser on save."""
    writing.livereload(PROJECT, int(port), content)


@task(help={"port": f"the port of the preview and the editor (default {PREVIEW_PORT}); the editor's "
                    "local proxy, decap-server, is reached through it (its own port is private)"})
def edit(c, port=PREVIEW_PORT):
    """Write in the browser: the editor at http://127.0.0.1:PORT/admin/ and the live preview."""
    writing.edit(PROJECT, int(port))


@task(help={"title": "the post's title, in quotes",
            "folder": "where to create it (default: content/articles)"})
def new_post(c, title, folder="content/articles"):
    """Start a post: content/articles/<slug>.md, a draft with every field to fill in."""
    building.new_post(PROJECT, title, folder)


@task(help={"path": "another content folder to check (default: content/)"})
def check(c, path=None):
    """Check every post and page for problems, without building the site.

    The same reading and the same rules as a build, stopped before anything is written."""
    building.check(PROJECT, path)


@task
def docs(c):
    """Make WRITING.md's field tables anew from the content model (uplift/content/model.py)."""
    building.write_docs(PROJECT)


@task
def images(c):
    """Redraw the favicons and the 1200x630 link-preview image (the mark of icon.svg)."""
    icons.draw_images(PROJECT)


PUBLISH_HELP = {"target": "a folder, or user@host:path over SSH (host:~/site works too)",
                "ssh": "the SSH client command for a remote target (default: ssh)",
                "wait": "seconds to wait for another publish or rollback of TARGET (default 300)",
                "timeout": "seconds an SSH connection may take to open or stay silent (default 30)"}


@task(help={**PUBLISH_HELP,
            "allow_placeholders": "publish even with placeholder practice facts (staging)",
            "content": "content folder to publish (default: content/)"})
def publish(c, target, allow_placeholders=False, content=None, ssh="ssh", wait=300, timeout=30):
    """Build, verify and switch the live site at TARGET to a new release, atomically."""
    publishing.publish(PROJECT, target, allow_placeholders, content, ssh, float(wait), int(timeout))


@task(help=PUBLISH_HELP)
def rollback(c, target, ssh="ssh", wait=300, timeout=30):
    """Switch the live site at TARGET back to the release that was live before it."""
    publishing.rollback(target, ssh, float(wait), int(timeout))


@task(help={"folder": "where to write nginx.conf and logrotate.conf (default: deploy/)"})
def deploy_config(c, folder="deploy"):
    """Write the production server's nginx.conf and logrotate.conf (from uplift/server)."""
    webserver.deploy_config(PROJECT, folder)


@task(help={"port": "the port to serve on (default 8080)",
            "access_log": "write production's access log (it identifies no one) to this file"})
def nginx(c, port=8080, access_log=None):
    """Build the production site and serve it with real nginx at http://127.0.0.1:PORT."""
    webserver.serve_with_nginx(PROJECT, int(port), access_log)


@task(iterable=["log"], help={
    "log": "an access log, or a folder of them (rotated and gzipped ones too); repeat for more",
    "since": "the first day to count, as YYYY-MM-DD (default: the log's first day)",
    "output": "the report to write (default: visits-report.html); never inside the site",
    "site": "the built site that names articles and topics (default: output/, built if missing)"})
def report(c, log=None, since=None, output="visits-report.html", site=None):
    """Write one HTML page of visits and consultation requests, from the server's log."""
    visits.report(PROJECT, log, since, output, site)


@task
def test(c):
    """Install what the tests need, then run the whole test suite."""
    sys.exit(requirements.run_tests(PROJECT))
