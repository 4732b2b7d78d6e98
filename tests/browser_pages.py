"""The pages the browser tests visit, the screen sizes, and how Chromium starts."""

CHROMIUM = "/usr/bin/chromium"  # Debian's build: test tools cannot download browsers here
# Chromium must not reach for the network on its own: this machine has none.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]

# One page of each type the site writes.
PAGE_TYPES = {
    "home": "/",
    "article": "/emotional-intimacy-fades/",
    "article-short": "/when-the-spark-fades/",
    "topic": "/topics/couples-therapy/",
    "topics": "/topics/",
    "archives": "/archives/",
    "contact": "/contact/",
    "about": "/about/",
    "services": "/services/",
    "fees": "/fees/",
    "privacy": "/privacy/",
    "search": "/search/",
    "not-found": "/no-such-page/",
}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def run_axe(page, axe_source):
    """axe-core's violations on the page, one line each."""
    page.evaluate(axe_source)  # evaluated, not injected as a tag: the page stays script-free
    return page.evaluate("""async () => {
        const results = await axe.run(document, {resultTypes: ["violations"]});
        return results.violations.map(v =>
            `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map(n => n.target.join(" ")).join(", ")}`);
    }""")
