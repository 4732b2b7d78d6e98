"""Each post's and page's address, worked out once.

Pelican works out a post's URL from its settings and fields every time
something asks for `url` (a copy of all its metadata, then a format), and the
site's pages ask often: listings, topic pages, related articles, previous and
next, feeds, the sitemap. Once every generator has run and the checks have
settled where each post goes (checking.py moves a second post with the same
slug aside in the preview), nothing changes an address any more, so each is
kept as the post's override_url, which Pelican returns as it is.
"""

from pelican import signals

_CONTENT = ("articles", "translations", "hidden_articles", "hidden_translations", "drafts",
            "drafts_translations", "pages", "hidden_pages", "draft_pages", "draft_translations")


def keep_urls(generators):
    for generator in generators:
        for name in _CONTENT:
            for item in getattr(generator, name, None) or []:
                item.override_url = item.url  # an address already fixed (an override) stays as it is


def register():
    signals.all_generators_finalized.connect(keep_urls)
