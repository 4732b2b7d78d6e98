"""Pure functions for sitemap.xml and robots.txt."""

from xml.sax.saxutils import escape


def sitemap_entries(origin, articles, pages, topics, settings, team=()):
    """[(absolute URL, last-modified date)]: home, listings, articles, pages, topic and team pages."""
    def changed(item):
        return getattr(item, "modified", None) or item.date

    newest = max((changed(a) for a in articles), default=None)
    entries = [(f"{origin}/", newest), (f"{origin}/{settings['ARCHIVES_URL']}", newest)]
    if topics:
        entries.append((f"{origin}/{settings['TAGS_URL']}", newest))
    entries += [(f"{origin}/{a.url}", changed(a)) for a in articles]
    entries += [(f"{origin}/{p.url}", getattr(p, "modified", None) or getattr(p, "date", None))
                for p in pages]
    for topic in topics:
        url = settings["TAG_URL"].format(slug=topic.slug)
        entries.append((f"{origin}/{url}", max(changed(a) for a in topic.articles)))
    if team:
        entries.append((f"{origin}/{settings['TEAM_URL']}", newest))
    for member in team:  # a profile changes with its articles; otherwise with the site
        written = [changed(a) for a in member.articles_written + member.articles_reviewed]
        entries.append((f"{origin}/{member.url}", max(written, default=newest)))
    return entries


def sitemap_xml(entries):
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, modified in entries:
        lastmod = f"<lastmod>{modified.date().isoformat()}</lastmod>" if modified else ""
        lines.append(f"  <url><loc>{escape(url)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(origin):
    return f"User-agent: *\nAllow: /\n\nSitemap: {origin}/sitemap.xml\n"
