"""The browser editor end to end: `invoke edit`, Decap CMS in real Chromium, files on disk.

A writer creates a post through the form (title, date, two topics, summary, an
author from the team, a body with a heading and a list, an uploaded image with
alt text) and publishes it; the file on disk has exactly the site's header, the
checks pass and a build contains the page. Editing a seed article's summary
changes only that line. No request leaves 127.0.0.1.
"""

import io
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.helpers import ROOT, answers, free_port, project_copy, run_pelican

pytestmark = pytest.mark.browser
TITLE = "Don’t Stop: Café Talks & More"
SUMMARY = "How small, regular conversations over coffee help couples stay close when life gets busy."
NEW_SUMMARY = ("Why sex can fade in a long relationship, and how couples rebuild closeness, gently and at "
               "their own pace.")


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    """(site copy, editor address) of `invoke edit` on free ports, stopped with SIGTERM."""
    copy = project_copy(tmp_path_factory.mktemp("editor"), ROOT / "content")
    port = free_port()
    log = open(copy / "edit.log", "w+")  # noqa: SIM115 (open while the editor runs)
    process = subprocess.Popen([sys.executable, "-m", "invoke", "edit", "--port", str(port)],
                               cwd=copy, stdout=log, stderr=subprocess.STDOUT)
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while not answers(address + "/admin/") and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.3)
        assert process.poll() is None and answers(address + "/admin/"), (copy / "edit.log").read_text()
        assert decap_servers(copy), "decap-server did not start"
        yield copy, address, None
    finally:
        process.terminate()  # SIGTERM: the preview and decap-server both stop
        process.wait(timeout=30)
        log.close()
    assert not decap_servers(copy), "decap-server outlived `invoke edit`"


def decap_servers(folder):
    """The decap-server processes running in `folder` (its port is private: found by process)."""
    found = []
    for process in Path("/proc").iterdir():
        try:
            if b"decap-server" in (process / "cmdline").read_bytes() and \
                    (process / "cwd").resolve() == Path(folder).resolve():
                found.append(process.name)
        except OSError:
            continue
    return found


@pytest.fixture(scope="module")
def admin(editor, browser):
    """A logged-in editor page, recording every request; no request may leave 127.0.0.1."""
    copy, address, _ = editor
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    elsewhere, console = [], []
    page.on("request", lambda request: urlsplit(request.url).scheme in ("http", "https")
            and urlsplit(request.url).hostname != "127.0.0.1" and elsewhere.append(request.url))
    page.on("console", lambda message: message.type == "error" and console.append(message.text))
    page.goto(address + "/admin/")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile("collections/articles"))
    yield page, copy, address
    assert not elsewhere, elsewhere
    context.close()


def pick(page, label, text):
    """A pick-list (Decap's relation and select widgets): type, then choose the option."""
    box = page.get_by_role("combobox", name=label, exact=True)
    box.click()
    box.fill(text)
    page.get_by_role("option", name=re.compile(re.escape(text), re.I)).first.click()


def open_entry(page, address, path):
    """Open an entry's form afresh, in a new document: a hash change alone keeps the last entry's
    form on screen, and the editor may still move to the entry it just saved (its own routing,
    after a save), so the page is left first. The navigation is tried again if the editor's
    address is not the entry's once its form shows."""
    for attempt in range(3):
        try:
            page.goto("about:blank")
            page.goto(address + "/admin/" + path)
            page.get_by_label("Title", exact=True).wait_for(timeout=20000)
            if page.url.endswith(path):
                return
        except PlaywrightError:
            if attempt == 2:
                raise
    raise AssertionError(f"the editor did not stay on {path} (it shows {page.url})")


def snapshot(page, path, full_page=False):
    """A screenshot to look at (the editor animates its spinners: capture them still)."""
    for attempt in range(2):
        try:
            page.screenshot(path=path, full_page=full_page, animations="disabled", timeout=15000)
            return
        except PlaywrightError:
            if attempt == 1:
                raise


def publish(page):
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("Publish now", exact=True).click()
    expect(page.get_by_text(re.compile("^(Entry saved|Entry published|Saved)$")).last).to_be_visible(timeout=20000)


def test_the_editors_list_shows_the_sites_posts(admin, screenshots):
    page, copy, _ = admin
    page.goto(page.url.split("#")[0] + "#/collections/articles")
    expect(page.get_by_text("When the Spark Fades: Finding Your Way Back to Intimacy").first).to_be_visible()
    snapshot(page, screenshots / "editor-list-desktop.png")


def test_a_writer_creates_and_publishes_a_post(admin, screenshots, tmp_path):
    page, copy, address = admin
    open_entry(page, address, "#/collections/articles/new")
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Date", exact=True).fill("2025-12-01 09:00")
    pick(page, "Topics", "Communication")
    pick(page, "Topics", "Sexual intimacy")
    page.get_by_label("Summary", exact=True).fill(SUMMARY)
    pick(page, "Status (optional)", "published")
    pick(page, "Author (optional)", "Ana Example")

    photo = tmp_path / "Coffee Mugs.jpg"
    image = Image.new("RGB", (1600, 1000), (196, 160, 120))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())
    page.get_by_role("button", name="Choose an image").click()
    with page.expect_file_chooser() as chooser:
        page.get_by_text("Upload", exact=True).click()
    chooser.value.set_files(str(photo))
    page.get_by_role("button", name="Choose selected").click()
    page.get_by_label("Image description (alt text) (optional)", exact=True).fill(
        "Two mugs of coffee on a kitchen table")

    text = page.locator(".cms-editor-raw [contenteditable=true]")
    text.click()
    for line in ("Talking over coffee helps couples stay close.", "", "## Small and often", "",
                 "- Put the phones away", "- Ask one real question"):
        page.keyboard.type(line)
        page.keyboard.press("Enter")
    snapshot(page, screenshots / "editor-new-post-desktop.png", full_page=True)
    publish(page)

    written = copy / "content" / "articles" / "dont-stop-cafe-talks-more.md"
    for _ in range(50):
        if written.exists():
            break
        time.sleep(0.2)
    header, _, body = written.read_text(encoding="utf-8").partition("\n\n")
    assert header.splitlines() == [
        f"Title: {TITLE}",
        "Slug: dont-stop-cafe-talks-more",
        "Date: 2025-12-01 09:00",
        "Tags: communication, sexual intimacy",
        f"Summary: {SUMMARY}",
        "Status: published",
        "Author: Ana Example",
        "Image: {static}/images/coffee-mugs.jpg",
        "Image_alt: Two mugs of coffee on a kitchen table",
    ]
    assert "## Small and often" in body and "- Put the phones away\n- Ask one real question" in body
    assert (copy / "content" / "images" / "coffee-mugs.jpg").is_file()

    checked = subprocess.run([sys.executable, "-m", "invoke", "check"], cwd=copy, capture_output=True,
                             text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = run_pelican(copy / "content", tmp_path / "output")
    assert built.returncode == 0, built.stderr
    page_html = (tmp_path / "output" / "dont-stop-cafe-talks-more" / "index.html").read_text()
    assert "Small and often" in page_html
    assert '<a href="/team/ana-example/">Ana Example, PhD, LMFT</a>' in page_html
    assert 'alt="Two mugs of coffee on a kitchen table"' in page_html


def test_editing_a_summary_changes_only_that_line(admin, screenshots):
    page, copy, address = admin
    source = copy / "content" / "articles" / "when-the-spark-fades.md"
    before = source.read_bytes()
    open_entry(page, address, "#/collections/articles/entries/when-the-spark-fades")
    summary = page.get_by_label("Summary", exact=True)
    expect(summary).to_have_value(re.compile("^Why sex can fade"))
    summary.fill(NEW_SUMMARY)
    snapshot(page, screenshots / "editor-preview-pane-desktop.png")
    publish(page)
    for _ in range(50):
        if source.read_bytes() != before:
            break
        time.sleep(0.2)
    old, new = before.decode().splitlines(keepends=True), source.read_text(encoding="utf-8").splitlines(
        keepends=True)
    changed = [(a, b) for a, b in zip(old, new, strict=False) if a != b]
    assert len(old) == len(new) and [b for _, b in changed] == [f"Summary: {NEW_SUMMARY}\n"]


def test_the_preview_pane_shows_the_checkers_words(admin):
    page, copy, address = admin
    source = copy / "content" / "articles" / "emotional-intimacy-fades.md"
    source.write_text(source.read_text() + "\nSee [the preview](http://127.0.0.1:8000/fees/).\n")
    # The live preview rebuilds on the save and writes checks.json for the editor.
    expected = "goes to the preview on your own computer, which readers cannot reach."
    for _ in range(60):
        if expected in urllib.request.urlopen(address + "/admin/checks.json").read().decode():
            break
        time.sleep(0.5)
    open_entry(page, address, "#/collections/articles/entries/emotional-intimacy-fades")
    frame = page.frame_locator("iframe").first
    expect(frame.get_by_text(re.compile(re.escape(expected)))).to_be_visible(timeout=20000)
    expect(frame.locator("link[rel=stylesheet][href='/theme/css/main.css']")).to_have_count(1)
    snapshot(page, ROOT / "tests" / "screenshots" / "editor-preview-checks-desktop.png")


def open_facts(page, address):
    """The facts file's form (a "files" collection of one file), opened afresh."""
    for attempt in range(3):
        try:
            page.goto(address + "/admin/#/collections/settings/entries/practice")
            page.reload()
            expect(page.get_by_label("Phone number", exact=True)).not_to_have_value("", timeout=20000)
            return
        except PlaywrightError:
            if attempt == 2:
                raise


def saved(source, before):
    """The file's text once the editor has written it."""
    for _ in range(50):
        if source.read_bytes() != before:
            break
        time.sleep(0.2)
    return source.read_text(encoding="utf-8")


def test_saving_the_facts_changes_only_the_phone_line(admin, screenshots):
    page, copy, address = admin
    source = copy / "content" / "practice.yml"
    before = source.read_bytes()
    open_facts(page, address)
    expect(page.get_by_label("Paragraph about the practice on the home page", exact=True)).to_have_js_property(
        "tagName", "TEXTAREA")  # a paragraph gets a box of several lines
    snapshot(page, screenshots / "editor-facts-desktop.png")
    page.get_by_label("Phone number", exact=True).fill("(555) 010-0199")
    publish(page)
    old, new = before.decode().splitlines(keepends=True), saved(source, before).splitlines(keepends=True)
    assert len(old) == len(new)
    assert [(a, b) for a, b in zip(old, new, strict=True) if a != b] == [
        ("phone: (555) 010-0142\n", "phone: (555) 010-0199\n")]


def test_an_opening_hours_entry_is_removed_only_when_the_writer_confirms(admin, screenshots):
    page, copy, address = admin
    source = copy / "content" / "practice.yml"
    before = source.read_bytes()
    open_facts(page, address)
    hours = page.locator("[aria-label='list field']").filter(has=page.get_by_text("Opening hours", exact=True))
    entry = hours.locator("xpath=.//div[div[normalize-space(.)='Monday to Thursday: 9 am to 7 pm']]")
    remove = entry.locator("xpath=./div[1]/button").last  # the cross beside the collapse arrow
    entry.scroll_into_view_if_needed()
    snapshot(page, screenshots / "editor-facts-hours-desktop.png")
    questions, answers_given = [], []

    def answer(dialog):
        questions.append(dialog.message)
        dialog.accept() if answers_given else dialog.dismiss()
        answers_given.append(True)

    page.on("dialog", answer)
    try:
        remove.click()
        expect(hours.locator("input[value='Monday to Thursday']")).to_have_count(1)
        assert questions == ['Remove "Monday to Thursday: 9 am to 7 pm" from Opening hours?']
        remove.click()
        expect(hours.locator("input[value='Monday to Thursday']")).to_have_count(0)
        assert len(questions) == 2
    finally:
        page.remove_listener("dialog", answer)
    publish(page)
    old, new = before.decode(), saved(source, before)
    assert new == old.replace("  - days: Monday to Thursday\n    times: 9 am to 7 pm\n", "")
