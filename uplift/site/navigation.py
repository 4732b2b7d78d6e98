"""Related articles and previous/next links for each article.

After the article generator has read everything, each published article gets:

    article.related        up to RELATED_ARTICLES_LIMIT articles ranked by the
                           number of topics shared with it, then by recency
    article.newer_article  the next article by date (None for the newest)
    article.older_article  the previous article by date (None for the oldest)
"""

from pelican import signals

from .ranking import all_related, neighbours


def link_articles(generator):
    limit = generator.settings["RELATED_ARTICLES_LIMIT"]
    articles = generator.articles  # newest first
    related = all_related(articles, limit)
    for article in articles:
        article.related = related[id(article)]
    for article, (newer, older) in zip(articles, neighbours(articles), strict=False):
        article.newer_article, article.older_article = newer, older


def register():
    signals.article_generator_finalized.connect(link_articles)
