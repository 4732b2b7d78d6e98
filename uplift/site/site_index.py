"""site-index.json: what the build published, for `invoke report`.

The visits report names articles and topics by the paths readers visited. The
build knows them already, so it writes them down (SITE_INDEX_SAVE_AS) rather
than leaving the report to read them back out of the pages: the site's
public address, each published article's path, slug, title and topics, and
each topic page's slug and name. All of it is public already (the pages, the
sitemap); it holds nothing else.
"""

import json
from pathlib import Path

from pelican import signals

from . import state


def site_index(settings, published):
    origin = settings["SITE_ORIGIN"]
    return {
        "origin": origin,
        "articles": [{"path": "/" + article.url, "slug": article.slug, "title": article.title,
                      "topics": [tag.name for tag in article.tags]}
                     for article in published.get("articles", [])],
        "topics": {topic.slug: topic.name for topic in published.get("topics", [])},
    }


def write_site_index(pelican):
    data = site_index(pelican.settings, state.of(pelican.settings).published)
    path = Path(pelican.output_path) / pelican.settings["SITE_INDEX_SAVE_AS"]
    path.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def register():
    signals.finalized.connect(write_site_index)
