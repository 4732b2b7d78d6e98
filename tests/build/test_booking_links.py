"""Every booking call-to-action goes through the site's own /book/, saying where it was."""

import re

PAGES_WITH_A_BOOKING_LINK = {
    "/": "home",
    "/emotional-intimacy-fades/": "emotional-intimacy-fades",
    "/when-the-spark-fades/": "when-the-spark-fades",
    "/topics/couples-therapy/": "topic-couples-therapy",
    "/topics/communication/": "topic-communication",
    "/contact/": "contact",
    "/team/": "team",
    "/team/ana-example/": "team-ana-example",
}


def test_each_booking_link_says_where_the_reader_was(site):
    for url, source in PAGES_WITH_A_BOOKING_LINK.items():
        links = [a["href"] for a in site.soup(url).find_all("a", href=re.compile(r"^/book/"))]
        assert links == [f"/book/?from={source}"], url


def test_only_the_book_page_links_the_booking_service(site, practice):
    direct = [path.relative_to(site.output).as_posix() for path in site.html_files()
              if practice["booking_url"] in path.read_text(encoding="utf-8")]
    assert direct == ["book/index.html"]


def test_the_book_page_is_a_plain_link_for_previews(site, practice):
    soup = site.soup("/book/")
    assert soup.select_one(f'main a[href="{practice["booking_url"]}"]')
    assert soup.select_one(f'main a[href="tel:{practice["phone_e164"]}"]')  # calls stay tel: links
    assert not soup.find("script") and not soup.find("meta", attrs={"http-equiv": True})
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
