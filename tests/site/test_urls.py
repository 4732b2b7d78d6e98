"""Each post's address is worked out once, when the checks have settled it."""

import copy
from datetime import datetime
from types import SimpleNamespace

from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from uplift.site.urls import keep_urls

SETTINGS = {**copy.deepcopy(DEFAULT_CONFIG), "ARTICLE_URL": "{slug}/", "ARTICLE_SAVE_AS": "{slug}/index.html"}


def article(slug):
    return Article("<p>Text</p>", metadata={"title": slug.title(), "slug": slug, "date": datetime(2025, 1, 1)},
                   settings=SETTINGS)


def test_addresses_are_kept_as_worked_out_and_one_already_fixed_stays():
    first, second = article("first"), article("second")
    second.override_url = "drafts/same-slug/second/"  # moved aside by the checks (preview)
    keep_urls([SimpleNamespace(articles=[first], drafts=[second])])
    first.slug = "renamed"  # nothing changes it after this point; if it did, the kept address would win
    assert first.url == "first/"
    assert second.url == "drafts/same-slug/second/"
