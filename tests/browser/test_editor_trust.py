"""An editor a therapist can trust, end to end through `invoke edit` in real Chromium.

Dates mean the site's zone whatever the computer's (a browser in UTC presses "Now" and the
post is published, not scheduled); the checker runs on the entry before it is saved (a post
with a broken link is saved as a draft, a live one is not saved, and the pane says why, at the
line of the text box); the pane says draft, scheduled or published; pasted bullets become a
list; a live post whose slug changes keeps its old address; a delete names the pages that
link there; the login screen says whose editor it is. Screenshots of each state.
"""

import re
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.test_editor import editor, open_entry, pick, snapshot  # noqa: F401 (fixture)
from tests.helpers import dev_settings

pytestmark = pytest.mark.browser
ZONE = ZoneInfo(dev_settings()["TIMEZONE"])
SUMMARY = "A post written in the browser to see that the editor tells the truth about what it saves."


@pytest.fixture(scope="module")
def writer(editor, browser):  # noqa: F811 (the fixture imported above)
    """A logged-in editor in a browser whose clock is in another zone than the site's (UTC)."""
    copy, address, _ = editor
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, timezone_id="UTC")
    page = context.new_page()
    page.goto(address + "/admin/")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile("collections/articles"))
    yield page, copy, address
    context.close()


def test_the_login_screen_says_whose_editor_it_is(editor, browser, screenshots):  # noqa: F811
    _, address, _ = editor
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(address + "/admin/")
    expect(page.get_by_role("button", name="Log in")).to_be_visible(timeout=30000)
    expect(page.get_by_role("heading", name=re.compile("editor$"))).to_be_visible()
    expect(page.get_by_text(re.compile("opens the files on this computer"))).to_be_visible()
    expect(page.locator("img[src='/icon.svg']")).to_have_count(1)
    snapshot(page, screenshots / "editor-login-desktop.png")
    context.close()


def new_post(page, address, title, body_lines, status="published"):
    open_entry(page, address, "#/collections/articles/new")
    page.get_by_label("Title", exact=True).fill(title)
    pick(page, "Topics", "Communication")
    page.get_by_label("Summary", exact=True).fill(SUMMARY)
    pick(page, "Status (optional)", status)
    text = page.locator(".cms-editor-raw [contenteditable=true]")
    text.click()
    for line in body_lines:
        page.keyboard.type(line)
        page.keyboard.press("Enter")


def save(page):
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("Publish now", exact=True).click()


def written(path, seconds=30):
    for _ in range(seconds * 5):
        if path.exists():
            return path.read_text(encoding="utf-8")
        time.sleep(0.2)
    raise AssertionError(f"{path} was not written")


def header_of(text):
    return dict(line.split(": ", 1) for line in text.partition("\n\n")[0].splitlines())


def test_now_means_now_in_the_sites_zone_and_publishes(writer, screenshots):
    page, copy, address = writer
    new_post(page, address, "Now Is Now", ["Written a moment ago, in another zone."])
    date = page.get_by_label("Date", exact=True)
    page.get_by_role("button", name="Now", exact=True).click()
    now = datetime.now(ZONE)
    typed = datetime.strptime(date.input_value(), "%Y-%m-%d %H:%M").replace(tzinfo=ZONE)
    assert abs(typed - now) < timedelta(minutes=2), (date.input_value(), now)  # New York's now, not UTC's
    frame = page.frame_locator("iframe").first
    expect(frame.get_by_text(re.compile(r"^Published when saved\."))).to_be_visible(timeout=20000)
    save(page)
    header = header_of(written(copy / "content" / "articles" / "now-is-now.md"))
    assert header["Date"] == date.input_value() and header["Status"] == "published"


def test_a_post_with_a_broken_link_is_saved_as_a_draft_and_says_why(writer, screenshots):
    page, copy, address = writer
    new_post(page, address, "A Broken Link", ["First line of the text.", "", "See [this](/no-such-page/)."])
    save(page)
    header = header_of(written(copy / "content" / "articles" / "a-broken-link.md"))
    assert header["Status"] == "draft"  # never written as published
    frame = page.frame_locator("iframe").first
    expect(frame.get_by_text(re.compile("Saved as a draft"))).to_be_visible(timeout=20000)
    expect(frame.get_by_text("Text, line 3:")).to_be_visible()
    expect(frame.get_by_text(re.compile("'/no-such-page/' leads to no page of the site"))).to_be_visible()
    snapshot(page, screenshots / "editor-problem-before-publishing-desktop.png")


def test_a_live_post_is_not_saved_with_a_problem(writer):
    writers_page, copy, address = writer
    page = writers_page.context.new_page()  # closed with its unsaved change at the end
    source = copy / "content" / "articles" / "emotional-intimacy-fades.md"
    before = source.read_bytes()
    open_entry(page, address, "#/collections/articles/entries/emotional-intimacy-fades")
    expect(page.get_by_label("Title", exact=True)).to_have_value(re.compile("^Understanding"), timeout=30000)
    text = page.locator(".cms-editor-raw [contenteditable=true]")
    text.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\nSee [gone](/gone-for-good/).")
    save(page)
    expect(page.get_by_text(re.compile("^Not saved. It is live"))).to_be_visible(timeout=30000)
    frame = page.frame_locator("iframe").first
    expect(frame.get_by_text("Not saved. Fix this first:")).to_be_visible()
    time.sleep(1)
    assert source.read_bytes() == before
    page.close()


def test_the_pane_says_draft_and_scheduled_in_the_sites_zone(writer, screenshots):
    page, copy, address = writer
    later = (datetime.now(ZONE) + timedelta(days=30)).strftime("%Y-%m-%d 09:00")
    post = copy / "content" / "articles" / "later.md"
    post.write_text(f"Title: Later\nDate: {later}\nTags: communication\nSummary: {SUMMARY}\n\nText.\n",
                    encoding="utf-8")
    time.sleep(1)
    open_entry(page, address, "#/collections/articles/entries/later")
    expect(page.get_by_label("Title", exact=True)).to_have_value("Later", timeout=30000)
    frame = page.frame_locator("iframe").first
    expect(frame.get_by_text(re.compile(rf"Appears on the site on {later} \(New York time\)"))).to_be_visible(
        timeout=20000)
    snapshot(page, screenshots / "editor-scheduled-desktop.png")
    pick(page, "Status (optional)", "draft")
    expect(frame.get_by_text(re.compile("Not on the site"))).to_be_visible()
    snapshot(page, screenshots / "editor-draft-desktop.png")
    listing = page.context.new_page()  # the entry has an unsaved change: leave it open
    listing.goto(address + "/admin/#/collections/articles")
    expect(listing.get_by_text(f"Later \u00b7 scheduled \u00b7 {later}")).to_be_visible(timeout=20000)
    expect(listing.get_by_text(re.compile("^When the Spark Fades.* \u00b7 published \u00b7 2025-09-16 09:00$"))
           ).to_be_visible()
    snapshot(listing, screenshots / "editor-list-status-desktop.png")
    listing.close()


def test_pasted_bullets_become_a_list(writer):
    page, copy, address = writer
    new_post(page, address, "Pasted From Word", ["What helps:", "\u2022\tTalking", "\u2022\tListening"],
             status="draft")
    save(page)
    text = written(copy / "content" / "articles" / "pasted-from-word.md")
    assert "- Talking\n- Listening" in text and "\u2022" not in text


def test_a_live_post_keeps_its_old_address_when_its_slug_changes(writer):
    page, copy, address = writer
    source = copy / "content" / "articles" / "when-the-spark-fades.md"
    open_entry(page, address, "#/collections/articles/entries/when-the-spark-fades")
    slug = page.get_by_label("Slug (optional)", exact=True)
    expect(slug).to_have_value("when-the-spark-fades", timeout=30000)  # the entry has loaded
    slug.fill("the-spark-fades")
    save(page)
    deadline = time.monotonic() + 60  # the checker runs first, on a machine that may be busy
    while "Former_slugs:" not in source.read_text(encoding="utf-8") and time.monotonic() < deadline:
        time.sleep(0.2)
    header = header_of(source.read_text(encoding="utf-8"))
    said = page.evaluate("document.body.innerText.slice(0, 600)")
    assert header["Slug"] == "the-spark-fades", said
    assert header["Former_slugs"] == "when-the-spark-fades"


def test_a_delete_names_the_pages_that_link_there(writer):
    page, copy, address = writer
    target = copy / "content" / "articles" / "emotional-intimacy-fades.md"
    linking = copy / "content" / "articles" / "links-there.md"
    linking.write_text(f"Title: Links There\nDate: 2025-10-01 09:00\nTags: communication\nSummary: {SUMMARY}\n\n"
                       "Read [this]({filename}emotional-intimacy-fades.md).\n", encoding="utf-8")
    target_path, linking_path = "content/articles/emotional-intimacy-fades.md", "content/articles/links-there.md"
    deadline = time.monotonic() + 90  # the preview's complete build, in the background, records the link

    def recorded():
        listed = page.evaluate("fetch('/admin/links.json', {cache: 'no-store'}).then(r => r.json())")
        return any(entry["path"] == linking_path for entry in listed.get(target_path, []))

    while not recorded() and time.monotonic() < deadline:
        time.sleep(0.3)
    assert recorded()
    page.bring_to_front()  # Chromium answers a dialog from a tab in the background by itself
    open_entry(page, address, "#/collections/articles/entries/emotional-intimacy-fades")
    # The writer's answer: keep the post. (Recorded in the page: Chromium may answer a dialog of a
    # tab it does not show by itself, before a test could see it.)
    page.evaluate("() => { window.askedBeforeDelete = []; window.confirm = (message) => {"
                  " window.askedBeforeDelete.push(message); return false; }; }")
    page.get_by_role("button", name=re.compile("^Delete")).first.click()
    asked = []
    for _ in range(50):
        asked = page.evaluate("window.askedBeforeDelete")
        if asked:
            break
        time.sleep(0.2)
    assert asked and "Links There" in asked[0] and "links would break" in asked[0], (
        page.url, asked, page.evaluate("document.body.innerText.slice(0, 300)"))
    time.sleep(1)
    assert target.exists()
