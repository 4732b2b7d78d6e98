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
    "team": "/team/",
    "profile": "/team/ana-example/",
    "first-session": "/first-session/",
    "questions": "/questions/",
    "safety": "/safety/",
    "accessibility": "/accessibility/",
    "search": "/search/",
    "not-found": "/no-such-page/",
}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


# WCAG 2.2 at A and AA, AAA (the site's target for contrast: 7:1), and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag2aaa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def run_axe(page, axe_source):
    """axe-core's violations on the page, one line each (AAA contrast included)."""
    page.evaluate(axe_source)  # evaluated, not injected as a tag: the page stays script-free
    return page.evaluate("""async (tags) => {
        const results = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                                 resultTypes: ["violations"]});
        const ran = results.passes.concat(results.violations, results.incomplete).map(r => r.id);
        if (!ran.includes("color-contrast-enhanced")) return ["color-contrast-enhanced did not run"];
        return results.violations.map(v =>
            `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map(n => n.target.join(" ")).join(", ")}`);
    }""", AXE_TAGS)
