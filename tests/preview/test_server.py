"""`invoke livereload` on a copy of the project with the fixture content, over real HTTP.

A save rewrites the saved page and tells the tab that shows it; new, renamed and
deleted files rebuild so that no page links to a lost one; checks.json carries
the checker's findings for the saved file; a missing page is no problem of the
site; the preview answers only at its own address; SIGTERM stops it.
"""

import http.client
import json
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import answers, free_port, project_copy, wait_for

SUMMARY = "A post written while the preview runs, with a summary long enough for the rules."


def post(title, body, extra=""):
    return f"Title: {title}\nDate: 2025-11-02 09:00\nTags: communication\n{extra}Summary: {SUMMARY}\n\n{body}\n"




def fetch(url, host=None):
    """(status, body) of a GET, whatever the status."""
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class Tab:
    """What a browser tab's reload.js does: listen for the refresh of one page."""

    def __init__(self, port, page, timeout=60):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        self.connection.request("GET", f"/_preview/events?page={page}")
        self.response = self.connection.getresponse()
        assert self.response.status == 200
        assert self.response.readline() == b"retry: 500\n"

    def told(self, seconds=60):
        """Blocks until the preview says something other than keep-alives; returns the event."""
        deadline = time.monotonic() + seconds
        while True:
            assert time.monotonic() < deadline, "the tab was not told"
            line = self.response.readline()
            if line.startswith(b"event: "):
                return line.decode().split(": ", 1)[1].strip()
            assert line, "the preview closed the stream without a word"

    def close(self):
        self.connection.close()


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """(site copy, port, process, log path) of `invoke livereload` on a free port."""
    copy = project_copy(tmp_path_factory.mktemp("preview"))
    port = free_port()
    log_path = copy / "preview.log"
    log = open(log_path, "w+")  # noqa: SIM115 (open while the preview runs)
    process = subprocess.Popen([sys.executable, "-m", "invoke", "livereload", "--port", str(port)],
                               cwd=copy, stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(lambda: answers(f"http://127.0.0.1:{port}/") or process.poll() is not None)
        assert process.poll() is None, log_path.read_text()
        yield copy, port, process, log_path
    finally:
        process.terminate()
        assert process.wait(timeout=20) == 0  # SIGTERM stops it like Ctrl-C, quietly
        log.close()
    assert "Traceback" not in log_path.read_text()


def test_a_save_rewrites_the_page_and_tells_its_tab_at_once(preview):
    copy, port, _, _ = preview
    source = copy / "content" / "articles" / "first-post.md"
    elsewhere = Tab(port, "/second-post/", timeout=8)
    tab = Tab(port, "/first-post/")
    source.write_text(source.read_text(encoding="utf-8") + "\nA sentence saved just now.\n", encoding="utf-8")
    assert tab.told() == "reload"
    # The page is written when the tab is told.
    assert "A sentence saved just now." in (copy / "output" / "first-post" / "index.html").read_text()
    status, html = fetch(f"http://127.0.0.1:{port}/first-post/")
    assert status == 200 and "A sentence saved just now." in html
    tab.close()
    # A tab on a page the save left as it was is not reloaded, even after the complete build.
    with pytest.raises(TimeoutError):
        elsewhere.told()
    elsewhere.close()


def test_the_checks_for_the_saved_file_come_with_its_page(preview):
    copy, port, _, _ = preview
    source = copy / "content" / "articles" / "second-post.md"
    original = source.read_text(encoding="utf-8")
    tab = Tab(port, "/second-post/")
    source.write_text(original + "\nSee [the missing page](/a-page-nobody-wrote/).\n", encoding="utf-8")
    assert tab.told() == "reload"
    checks = json.loads(fetch(f"http://127.0.0.1:{port}/admin/checks.json")[1])
    found = checks["content/articles/second-post.md"]
    assert any("/a-page-nobody-wrote/" in problem["message"] for problem in found), found

    tab = Tab(port, "/second-post/")
    source.write_text(original, encoding="utf-8")  # fixed: the finding goes with the next save
    assert tab.told() == "reload"
    checks = json.loads(fetch(f"http://127.0.0.1:{port}/admin/checks.json")[1])
    assert not any("/a-page-nobody-wrote/" in problem["message"]
                   for problem in checks.get("content/articles/second-post.md", [])), checks


def test_a_missing_page_is_no_problem_of_the_site(preview):
    copy, port, _, log_path = preview
    assert fetch(f"http://127.0.0.1:{port}/no-such-page/")[0] == 404
    status, _ = fetch(f"http://127.0.0.1:{port}/admin/no-such-page/")
    assert status == 404
    source = copy / "content" / "articles" / "first-post.md"
    tab = Tab(port, "/first-post/")
    source.write_text(source.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert tab.told() == "reload"
    time.sleep(3)  # the complete build in the background reports too
    assert "no-such-page" not in log_path.read_text(), log_path.read_text()
    assert "404" not in log_path.read_text()
    assert "no-such-page" not in (copy / "output" / "admin" / "checks.json").read_text()


def idle(process):
    """Wait until the preview runs no build beside it (no child process)."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    wait_for(lambda: not children.read_text().strip(), what="the background build ending")


def test_new_renamed_and_deleted_files_rebuild_without_lost_links(preview):
    copy, port, process, _ = preview
    address = f"http://127.0.0.1:{port}"
    articles = copy / "content" / "articles"
    new = articles / "written-now.md"
    new.write_text(post("Written Now", "A new post."), encoding="utf-8")
    wait_for(lambda: answers(address + "/written-now/"), what="the new post's page")

    renamed = articles / "renamed-now.md"
    new.rename(renamed)
    renamed.write_text(post("Renamed Now", "The same post, renamed."), encoding="utf-8")
    wait_for(lambda: answers(address + "/renamed-now/"), what="the renamed post's page")
    output = copy / "output"
    wait_for(lambda: not any("/written-now/" in page.read_text(encoding="utf-8")
                             for page in output.rglob("*.html") if page.parent.name != "written-now"),
             what="the links to the old address going")

    # A new title is a new address: when the home page's tab is told, no page links to the old one.
    idle(process)
    home = Tab(port, "/")
    renamed.write_text(post("Renamed Again", "The same post, renamed twice."), encoding="utf-8")
    def linking_to_the_old_address():
        return [page for page in output.rglob("*.html") if page.parent.name not in ("written-now", "renamed-now")
                and "/renamed-now/" in page.read_text(encoding="utf-8")]

    # A save seen half-written (an empty file, then the text) is two rebuilds, each telling the tab.
    for _ in range(5):
        assert home.told() == "reload"
        home.close()
        if answers(address + "/renamed-again/"):
            assert not linking_to_the_old_address()
            break
        home = Tab(port, "/")
        if answers(address + "/renamed-again/"):
            # Rebuilt between the two looks (a busy machine): the tab joined a page that may be
            # final already, so it would wait for nothing. The build ends with no lost link.
            home.close()
            wait_for(lambda: not linking_to_the_old_address(), what="the links to the old address going")
            break
    assert answers(address + "/renamed-again/")

    renamed.unlink()
    wait_for(lambda: "Renamed Again" not in fetch(address + "/archives/")[1],
             what="the deleted post leaving the archive")
    wait_for(lambda: "Renamed Again" not in fetch(address + "/")[1], what="the deleted post leaving home")


def test_the_preview_answers_only_at_its_own_address(preview):
    _, port, _, _ = preview
    assert fetch(f"http://127.0.0.1:{port}/", host=f"localhost:{port}")[0] == 200
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1"):
        status, body = fetch(f"http://127.0.0.1:{port}/first-post/", host=host)
        assert status == 403 and "First" not in body, host
    assert fetch(f"http://127.0.0.1:{port}/admin/checks.json", host="evil.example")[0] == 403


def test_another_content_folder_is_previewed_and_followed(tmp_path):
    copy = project_copy(tmp_path)
    other = tmp_path / "elsewhere"
    shutil.copytree(copy / "content", other)
    (other / "articles" / "only-here.md").write_text(post("Only Here", "Written in another folder."),
                                                      encoding="utf-8")
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "invoke", "livereload", "--port", str(port),
                                "--content", str(other)], cwd=copy, stdout=subprocess.DEVNULL,
                               stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: answers(f"http://127.0.0.1:{port}/only-here/") or process.poll() is not None)
        assert process.poll() is None
        tab = Tab(port, "/only-here/")
        source = other / "articles" / "only-here.md"
        source.write_text(post("Only Here", "Saved in the other folder."), encoding="utf-8")
        assert tab.told() == "reload"
        assert "Saved in the other folder." in fetch(f"http://127.0.0.1:{port}/only-here/")[1]
        tab.close()
    finally:
        process.terminate()
        assert process.wait(timeout=20) == 0
