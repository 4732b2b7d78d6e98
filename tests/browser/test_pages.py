"""Every page type in Chromium: phone and desktop, light and dark."""

from urllib.parse import urlparse

import pytest

from tests.browser_pages import PAGE_TYPES, VIEWPORTS, run_axe

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_is_accessible_and_private(browser, base_url, axe_source, screenshots,
                                        page_type, viewport, scheme):
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme)
    page = context.new_page()
    console_errors, foreign_requests = [], []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    page.on("request", lambda request: urlparse(request.url).netloc != urlparse(base_url).netloc
            and foreign_requests.append(request.url))
    url = base_url + PAGE_TYPES[page_type]
    page.goto(url, wait_until="networkidle")
    page.screenshot(path=screenshots / f"{page_type}-{viewport}-{scheme}.png", full_page=True)

    violations = run_axe(page, axe_source)
    if page_type == "not-found":  # the 404 status itself is logged by Chromium
        console_errors = [e for e in console_errors if "404" not in e]
    assert not violations, "\n".join(violations)
    assert not console_errors, console_errors
    assert not foreign_requests, foreign_requests
    assert context.cookies() == []
    no_sideways_scroll = page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert no_sideways_scroll, "the page scrolls sideways"
    context.close()


def tab_until(page, accessible_text, max_tabs=80):
    """Press Tab until the focused element's text contains `accessible_text`."""
    for presses in range(1, max_tabs + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        if accessible_text in focused:
            return presses
    raise AssertionError(f"{accessible_text!r} not reached in {max_tabs} tabs")


def test_call_to_action_is_reachable_by_keyboard(browser, base_url):
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(base_url + PAGE_TYPES["article"])
    assert tab_until(page, "Skip to main content") == 1
    tab_until(page, "Book a free consultation", max_tabs=6)
    page.keyboard.press("Enter")
    page.wait_for_url("**/contact/#free-consultation")

    page.goto(base_url + PAGE_TYPES["article"])
    tab_until(page, "Book a free 15-minute consultation")
    visible_focus = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert visible_focus == "solid"
    context.close()


def test_skip_link_moves_focus_to_main(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    context.close()


def test_phone_navigation_fits_a_320px_screen_without_javascript(browser, base_url):
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "/")
    for link in page.locator(".site-nav a").all():
        box = link.bounding_box()
        assert link.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= 320
    context.close()


def test_print_shows_the_words_without_navigation(browser, base_url, screenshots):
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + PAGE_TYPES["article"])
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".pager").is_visible()
    assert page.locator(".prose").is_visible()
    link_after = page.evaluate("""() => {
        const link = document.querySelector('.cta a[href^="tel:"]');
        return getComputedStyle(link, '::after').content;
    }""")
    assert "tel:" in link_after
    page.pdf(path=str(screenshots / "article-print.pdf"))
    context.close()
