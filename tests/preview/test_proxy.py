"""The editor's file API (`invoke edit`, /api/v1 on the preview's port) reaches content/ only.

Real requests through the preview to the real decap-server: paths outside
content/ (the tasks file, git's config, the virtualenv, `..`, absolute,
percent-encoded, through a link out of content/) are refused with 403 and
nothing is written; a request for another Host is refused; reading and
writing an article works.
"""

import base64
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.helpers import answers, free_port, project_copy
from uplift.preview import proxy

SUMMARY = "A post written through the editor's API, with a summary long enough for the rules."
OPTIONS = {"collectionName": "articles", "commitMessage": "Update", "useWorkflow": False, "status": "draft"}


@pytest.fixture(scope="module")
def edit(tmp_path_factory):
    """(site copy, address) of `invoke edit` on a free port, with files outside content/ to guard."""
    copy = project_copy(tmp_path_factory.mktemp("edit"))
    (copy / ".git" / "info").mkdir(parents=True)
    (copy / ".git" / "config").write_text("[core]\n\tsecret = kept\n")
    (copy / ".venv" / "bin").mkdir(parents=True)
    (copy / "content" / "way-out").symlink_to(copy)  # a link inside content/ to the project
    port = free_port()
    log_path = copy / "edit.log"
    log = open(log_path, "w+")  # noqa: SIM115 (open while the editor runs)
    process = subprocess.Popen([sys.executable, "-m", "invoke", "edit", "--port", str(port)],
                               cwd=copy, stdout=log, stderr=subprocess.STDOUT)
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while not answers(address + "/admin/") and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert process.poll() is None, log_path.read_text()
        # decap-server starts beside the preview: wait until it answers through it.
        while api(address, {"action": "info"})[0] != 200 and time.monotonic() < deadline:
            time.sleep(0.2)
        yield copy, address
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def api(address, request, host=None, raw=None):
    """(status, decoded JSON answer) of a POST to the preview's /api/v1."""
    headers = {"Content-Type": "application/json"}
    if host:
        headers["Host"] = host
    body = raw if raw is not None else json.dumps(request).encode()
    try:
        with urllib.request.urlopen(urllib.request.Request(address + "/api/v1", data=body, headers=headers),
                                    timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def entry(path, raw="Title: X\n\nText.\n", new_path=None):
    fields = {"slug": "x", "path": path, "raw": raw}
    if new_path is not None:
        fields["newPath"] = new_path
    return fields


OUTSIDE = ["tasks.py", ".git/config", ".git/info/exclude", ".venv/bin/x", "plugins/x.py", "../x.md",
           "content/../tasks.py", "content/articles/../../tasks.py", "/etc/passwd",
           f"{'/'}tmp/x.md", "content/%2e%2e/tasks.py", "content%2f..%2ftasks.py",
           "content/way-out/tasks.py", "content/way-out/.git/config", "content\\..\\tasks.py",
           "./content/articles/x.md", "content//articles/x.md", ""]


def attempts(path):
    """Every way the API names a path, each naming `path`."""
    asset = {"path": path, "content": base64.b64encode(b"x").decode(), "encoding": "base64"}
    good = "content/articles/fine.md"
    return [
        {"action": "getEntry", "params": {"branch": "main", "path": path}},
        {"action": "entriesByFolder", "params": {"branch": "main", "folder": path, "extension": "md",
                                                 "depth": 1}},
        {"action": "entriesByFiles", "params": {"branch": "main", "files": [{"path": path}]}},
        {"action": "getMediaFile", "params": {"branch": "main", "path": path}},
        {"action": "getMedia", "params": {"branch": "main", "mediaFolder": path}},
        {"action": "persistEntry", "params": {"branch": "main", "entry": entry(path), "assets": [],
                                              "options": OPTIONS}},
        {"action": "persistEntry", "params": {"branch": "main", "dataFiles": [entry(good), entry(path)],
                                              "assets": [], "options": OPTIONS}},
        {"action": "persistEntry", "params": {"branch": "main", "entry": entry(good, new_path=path),
                                              "assets": [], "options": OPTIONS}},
        {"action": "persistEntry", "params": {"branch": "main", "entry": entry(good), "assets": [asset],
                                              "options": OPTIONS}},
        {"action": "persistMedia", "params": {"branch": "main", "asset": asset, "options": OPTIONS}},
        {"action": "deleteFile", "params": {"branch": "main", "path": path, "options": OPTIONS}},
        {"action": "deleteFiles", "params": {"branch": "main", "paths": [good, path], "options": OPTIONS}},
    ]


def snapshot(copy):
    """Every file of the copy outside content/ and output/, with its bytes."""
    return {path: path.read_bytes() for path in copy.rglob("*")
            if path.is_file() and not path.is_symlink() and path.relative_to(copy).parts[0]
            not in ("content", "output", "cache", "node_modules") and path.name != "edit.log"}


@pytest.mark.parametrize("path", OUTSIDE)
def test_paths_outside_content_are_refused_and_nothing_is_written(edit, path):
    copy, address = edit
    before = snapshot(copy)
    content_before = sorted((copy / "content").rglob("*"))
    for request in attempts(path):
        status, answer = api(address, request)
        assert status == 403, (request, status, answer)
        assert "secret" not in str(answer)
    assert snapshot(copy) == before
    assert sorted((copy / "content").rglob("*")) == content_before  # not even the good half


def test_requests_the_editor_never_makes_are_refused(edit):
    _, address = edit
    for request in ({"action": "unpublishedEntries", "params": {"branch": "main"}}, {"action": "nothing"},
                    {"params": {}}, [], "info"):
        assert api(address, request)[0] == 403, request
    assert api(address, None, raw=b"not json")[0] == 403


def test_another_host_is_refused(edit):
    copy, address = edit
    port = address.rsplit(":", 1)[1]
    request = {"action": "persistEntry", "params": {
        "branch": "main", "entry": entry("content/articles/rebound.md"), "assets": [], "options": OPTIONS}}
    for host in ("evil.example", f"evil.example:{port}"):
        assert api(address, request, host=host)[0] == 403
    assert not (copy / "content" / "articles" / "rebound.md").exists()
    assert api(address, {"action": "info"}, host=f"localhost:{port}")[0] == 200


def test_reading_and_writing_articles_works(edit):
    copy, address = edit
    status, answer = api(address, {"action": "getEntry",
                                   "params": {"branch": "main", "path": "content/articles/first-post.md"}})
    assert status == 200
    assert answer["data"] == (copy / "content" / "articles" / "first-post.md").read_text(encoding="utf-8")

    raw = f"Title: Through the API\nDate: 2025-11-02 09:00\nTags: communication\nSummary: {SUMMARY}\n\nHello.\n"
    status, _ = api(address, {"action": "persistEntry", "params": {
        "branch": "main", "entry": entry("content/articles/through-the-api.md", raw), "assets": [],
        "options": OPTIONS}})
    assert status == 200
    assert (copy / "content" / "articles" / "through-the-api.md").read_text(encoding="utf-8") == raw

    status, listed = api(address, {"action": "entriesByFolder", "params": {
        "branch": "main", "folder": "content/articles", "extension": "md", "depth": 1}})
    assert status == 200
    assert "content/articles/through-the-api.md" in {item["file"]["path"] for item in listed}


def test_a_listing_leaves_out_files_linked_from_outside(edit):
    copy, address = edit
    (copy / "content" / "articles" / "linked.md").symlink_to(copy / "tasks.py")
    try:
        status, listed = api(address, {"action": "entriesByFolder", "params": {
            "branch": "main", "folder": "content/articles", "extension": "md", "depth": 1}})
        assert status == 200
        paths = {item["file"]["path"] for item in listed}
        assert "content/articles/first-post.md" in paths and "content/articles/linked.md" not in paths
        assert not any("invoke" in (item["data"] or "") for item in listed)
    finally:
        (copy / "content" / "articles" / "linked.md").unlink()


def test_inside_follows_links_and_refuses_traversal(tmp_path):
    (tmp_path / "content" / "articles").mkdir(parents=True)
    (tmp_path / "content" / "way-out").symlink_to(tmp_path)
    content = tmp_path / "content"
    assert proxy.inside(tmp_path, content, "content/articles/new.md")
    assert proxy.inside(tmp_path, content, "content/images/new/photo.jpg")
    for path in OUTSIDE + ["content/way-out/x.md", None, 3, ["content/a.md"]]:
        assert not proxy.inside(tmp_path, content, path), path
