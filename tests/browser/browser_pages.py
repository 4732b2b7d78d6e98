"""The pages the browser tests visit, and the screen sizes."""

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
