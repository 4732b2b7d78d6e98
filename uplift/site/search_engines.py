"""What search engines and link previews read.

Templates get these globals (metadata.py):
    canonical_url(output_file)      absolute, from SITE_ORIGIN
    breadcrumb_trail(item)          shared by the visible breadcrumbs and JSON-LD
    breadcrumb_json_ld(trail, url)  schema.org BreadcrumbList
    organization_json_ld()          the practice (MedicalBusiness)
    article_json_ld(article)        schema.org BlogPosting (author and reviewer point at the Person)
    profile_json_ld(member)         schema.org ProfilePage with the clinician as a Person
    team_json_ld(members)           the practice with every clinician as an employee
Feeds get absolute links whatever SITEURL is, and summaries escaped as text. After the build it writes
sitemap.xml (published articles, pages, topic pages and listings, with
last-modified dates) and robots.txt pointing to it.

Settings:
    SITE_ORIGIN (str): scheme and host every absolute URL starts with.
    SHARE_IMAGE (str): site-relative path of the 1200x630 link-preview image.
"""

import os
from html import escape

from feedgenerator import get_tag_uri
from pelican import signals

from . import state
from .metadata import (
    absolute,
    blog_posting,
    breadcrumb_list,
    breadcrumb_trail,
    canonical_url,
    organization,
    profile_page,
    team_page,
)
from .sitemap import robots_txt, sitemap_entries, sitemap_xml


def add_template_globals(generator):
    settings = generator.settings
    origin = settings["SITE_ORIGIN"]
    logo = absolute(origin, settings["SHARE_IMAGE"])
    # JSON-LD is data for machines: no spaces after separators (every page carries it).
    generator.env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
    generator.env.globals.update(
        canonical_url=lambda output_file: canonical_url(origin, output_file),
        absolute_url=lambda url: absolute(origin, url),
        breadcrumb_trail=lambda item: breadcrumb_trail(item, settings),
        breadcrumb_json_ld=lambda trail, url: breadcrumb_list(trail, origin, url),
        organization_json_ld=lambda: organization(settings["PRACTICE"], origin, logo),
        article_json_ld=lambda article: blog_posting(article, origin, settings["PRACTICE"], logo),
        profile_json_ld=lambda member: profile_page(member, origin),
        team_json_ld=lambda members: team_page(members, settings["PRACTICE"], origin, logo),
    )


def remember_articles(generator):
    published = state.of(generator.settings).published
    published["articles"] = list(generator.articles)
    published["topics"] = list(generator.context.get("topics", {}).values())


def remember_pages(generator):
    # Published only: hidden pages and drafts are left out.
    state.of(generator.settings).published["pages"] = list(generator.pages)


def complete_feed(context, feed):
    """Feed readers need absolute links; Pelican builds them from SITEURL, which the
    development build leaves empty (its pages link root-relative), so complete them.
    Summaries are plain text (FORMATTED_FIELDS is empty) but an Atom summary is HTML:
    escape them, so text such as "<b>" is shown as written, never as markup."""
    origin = context["SITE_ORIGIN"]
    for key in ("link", "id"):
        if str(feed.feed.get(key, "")).startswith("/"):
            feed.feed[key] = origin + feed.feed[key]
    for item in feed.items:
        if item.get("description"):
            item["description"] = escape(item["description"])
        if item["link"].startswith("/"):
            item["link"] = origin + item["link"]
            item["unique_id"] = get_tag_uri(item["link"], item["pubdate"])


def remember_team(generators):
    state.of(generators[0].settings).published["team"] = generators[0].context.get("team", [])


def write_sitemap(pelican):
    origin = pelican.settings["SITE_ORIGIN"]
    published = state.of(pelican.settings).published
    entries = sitemap_entries(origin, published.get("articles", []), published.get("pages", []),
                              published.get("topics", []), pelican.settings, published.get("team", []))
    with open(os.path.join(pelican.output_path, "sitemap.xml"), "w", encoding="utf-8") as sitemap:
        sitemap.write(sitemap_xml(entries))
    with open(os.path.join(pelican.output_path, "robots.txt"), "w", encoding="utf-8") as robots:
        robots.write(robots_txt(origin))


def register():
    signals.generator_init.connect(add_template_globals)
    signals.article_generator_finalized.connect(remember_articles)
    signals.page_generator_finalized.connect(remember_pages)
    signals.feed_generated.connect(complete_feed)
    signals.all_generators_finalized.connect(remember_team)
    signals.finalized.connect(write_sitemap)
