"""The writing loop in real Chromium: `invoke livereload` survives what writers do.

Adding, renaming and deleting files while it runs, saving three times in quick
succession, and starting it a second time: the preview keeps serving, the
browser ends on the last save, and nothing prints a traceback. The editor
(/admin/) gets no refresh script and is never reloaded by a save; its bundle
comes compressed.
"""

import re
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.helpers import answers, free_port, project_copy, wait_for
from tests.preview.test_server import post


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """(site copy, address, process) of `invoke livereload` on a free port."""
    copy = project_copy(tmp_path_factory.mktemp("preview"))
    port = free_port()
    log = open(copy / "preview.log", "w+")  # noqa: SIM115 (open while the preview runs)
    process = subprocess.Popen([sys.executable, "-m", "invoke", "livereload", "--port", str(port)],
                               cwd=copy, stdout=log, stderr=subprocess.STDOUT, text=True)
    address = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: answers(address + "/") or process.poll() is not None)
        assert process.poll() is None, (copy / "preview.log").read_text()
        yield copy, address, process
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


@pytest.mark.browser
def test_rapid_saves_end_with_the_browser_on_the_last(preview, browser):
    copy, address, _ = preview
    source = copy / "content" / "articles" / "first-post.md"
    page = browser.new_page()
    page.goto(address + "/first-post/")
    page.wait_for_function("() => window.upliftPreview === 'listening'")
    original = source.read_text(encoding="utf-8")

    def save(number):
        source.write_text(original + f"\nSave number {number} of three.\n", encoding="utf-8")

    def shown(number):
        page.wait_for_function(f"() => document.body.innerText.includes('Save number {number} of three.')",
                               timeout=30000)

    save(1)
    shown(1)
    # Two more saves within the seconds after that refresh, each rebuilt on its own.
    save(2)
    time.sleep(1.2)
    save(3)
    shown(3)
    page.close()


@pytest.mark.browser
def test_a_save_is_swapped_in_where_the_writer_was_reading(preview, browser):
    """The tab puts the new body in place: no new navigation (nothing asked again but the page),
    and the writer stays where they were reading."""
    copy, address, _ = preview
    source = copy / "content" / "articles" / "second-post.md"
    original = source.read_text(encoding="utf-8")
    page = browser.new_page(viewport={"width": 800, "height": 300})
    page.goto(address + "/second-post/")
    page.wait_for_function("() => window.upliftPreview === 'listening'")
    page.evaluate("() => { window.notNavigated = true; window.scrollTo(0, 200); }")
    page.wait_for_function("() => window.scrollY === 200")  # the site scrolls smoothly
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        source.write_text(original + "\nSwapped in while reading.\n", encoding="utf-8")
        page.wait_for_function("() => document.body.innerText.includes('Swapped in while reading.')",
                               timeout=30000)
        assert page.evaluate("() => window.notNavigated") is True
        assert page.evaluate("() => window.scrollY") == 200
        assert [url for url in requests if "/_preview/" not in url] == [address + "/second-post/"], requests
        page.wait_for_function("() => window.upliftPreview === 'listening'")  # and it listens again
        source.write_text(original + "\nAnd a second save.\n", encoding="utf-8")
        page.wait_for_function("() => document.body.innerText.includes('And a second save.')", timeout=30000)
    finally:
        source.write_text(original, encoding="utf-8")
        page.close()


@pytest.mark.browser
def test_a_change_of_design_reloads_the_tab(preview, browser):
    copy, address, _ = preview
    page = browser.new_page()
    page.goto(address + "/first-post/")
    page.wait_for_function("() => window.upliftPreview === 'listening'")
    page.evaluate("() => { window.notNavigated = true; }")
    styles = copy / "theme" / "static" / "css" / "main.css"
    original = styles.read_text(encoding="utf-8")
    try:
        styles.write_text(original + "\nbody { outline: 3px solid rgb(1, 2, 3); }\n", encoding="utf-8")
        page.wait_for_function("() => getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)'",
                               timeout=60000)
        assert page.evaluate("() => window.notNavigated") is None
    finally:
        styles.write_text(original, encoding="utf-8")
    page.close()


@pytest.mark.browser
def test_the_editor_is_left_alone_and_its_bundle_comes_compressed(preview, browser):
    copy, address, _ = preview
    editor = browser.new_page()
    with editor.expect_response(lambda response: response.url.endswith("/admin/decap-cms.js")) as bundle:
        editor.goto(address + "/admin/")
    assert bundle.value.headers.get("content-encoding") in ("gzip", "br"), bundle.value.headers
    assert not editor.locator("script[src*='_preview']").count()
    editor.evaluate("() => { window.keptSinceOpened = true; }")

    page = browser.new_page()
    page.goto(address + "/second-post/")
    page.wait_for_function("() => window.upliftPreview === 'listening'")
    source = copy / "content" / "articles" / "second-post.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nSaved while the editor is open.\n",
                      encoding="utf-8")
    page.wait_for_function("() => document.body.innerText.includes('Saved while the editor is open.')",
                           timeout=30000)
    time.sleep(4)  # the complete build that follows the save
    assert editor.evaluate("() => window.keptSinceOpened") is True
    assert editor.evaluate("() => window.upliftPreview") is None
    editor.close()
    page.close()


@pytest.mark.browser
def test_adding_renaming_and_deleting_files_rebuild_cleanly(preview):
    copy, address, process = preview
    articles = copy / "content" / "articles"
    new = articles / "written-now.md"
    new.write_text(post("Written Now", "A new post."), encoding="utf-8")
    wait_for(lambda: answers(address + "/written-now/"), what="the new post's page")

    renamed = articles / "renamed-now.md"
    new.rename(renamed)
    renamed.write_text(post("Renamed Now", "The same post, renamed."), encoding="utf-8")
    wait_for(lambda: answers(address + "/renamed-now/"), what="the renamed post's page")

    renamed.unlink()
    wait_for(lambda: "Renamed Now" not in urllib.request.urlopen(address + "/archives/").read().decode(),
             what="the deleted post leaving the archive")
    (copy / "content" / "pages" / "about.md").unlink()
    time.sleep(3)
    assert process.poll() is None
    assert answers(address + "/first-post/")
    log = (copy / "preview.log").read_text()
    assert "Traceback" not in log and "Error" not in log and "CRITICAL" not in log, log


def test_a_second_preview_says_where_the_first_runs(preview):
    copy, address, _ = preview
    port = address.rsplit(":", 1)[1]
    second = subprocess.run([sys.executable, "-m", "invoke", "livereload", "--port", port],
                            cwd=copy, capture_output=True, text=True, timeout=60)
    assert second.returncode == 1
    lines = (second.stdout + second.stderr).strip().splitlines()
    assert len(lines) == 1 and re.match(rf"The preview is already running at {address}/ \(process \d+\)",
                                        lines[0]), lines
