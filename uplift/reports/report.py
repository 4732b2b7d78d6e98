"""The visits report as one self-contained HTML page (templates/report.html).

The numbers come from visits.py; this turns them into what the page shows:
charts as shapes (their geometry computed here, their markup in the template)
and tables as rows of text. Inline style and SVG only: nothing is fetched.
"""

import math
from collections import Counter
from dataclasses import dataclass

from uplift.content.templates import package_templates

from .visits import article_rows, days_counted, source_label, topic_rows, weeks

COLOURS = {"ink": "#1b1916", "muted": "#45403a", "accent": "#1d5c52", "accent_2": "#7a3d0a",
           "rule": "#d9d2c7"}
_TEMPLATES = package_templates("uplift.reports", autoescape=True)


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    width: int
    height: int
    shapes: list  # {"kind": "text" or "rect", ...attributes, "text": for text}


@dataclass(frozen=True)
class Table:
    id: str
    caption: str
    headings: list
    rows: list  # each a list of cells, the first the row's header
    text_columns: tuple = (0,)  # the others are numbers, aligned right


def day(value):
    return f"{value.day} {value:%B %Y}"


def short_day(value):
    return f"{value.day} {value:%b}"


def cut(text, length=36):
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def cell(value):
    return f"{value:,}" if isinstance(value, int) else str(value)


def bar_chart(chart_id, title, rows, colour=COLOURS["accent"]):
    """Horizontal bars, one per (label, value), each label above its bar so the chart stays
    narrow enough to read on a phone; the same numbers are in the table. None when empty."""
    if not rows:
        return None
    bar_width, row_height = 340, 44
    top = max(value for _, value in rows) or 1
    shapes = []
    for index, (label, value) in enumerate(rows):
        y = index * row_height
        length = round(bar_width * value / top)
        shapes += [{"kind": "text", "x": 0, "y": y + 15, "text": cut(label, 48)},
                   {"kind": "rect", "x": 0, "y": y + 21, "width": max(length, 1), "height": 14, "fill": colour},
                   {"kind": "text", "x": length + 6, "y": y + 33, "text": f"{value:,}"}]
    return Chart(chart_id, title, bar_width + 60, row_height * len(rows), shapes)


def column_chart(chart_id, title, columns, colour=COLOURS["accent"]):
    """Vertical columns, one per (label, value), for the weekly trend. Many weeks make thinner
    columns, with fewer labels, in the same width. None when empty."""
    if not columns:
        return None
    slot = min(58, 560 / len(columns))
    every = math.ceil(52 / slot)  # one label per 52 units, so labels never overlap
    plot_height, top = 160, max(value for _, value in columns) or 1
    shapes = []
    for index, (label, value) in enumerate(columns):
        x, middle = index * slot, index * slot + slot * 0.4
        size = round(plot_height * value / top)
        y = 20 + plot_height - size
        shapes.append({"kind": "rect", "x": f"{x:.1f}", "y": y, "width": f"{slot * 0.8:.1f}",
                       "height": max(size, 1), "fill": colour})
        if index % every == 0:
            shapes.append({"kind": "text", "x": f"{middle:.1f}", "y": plot_height + 38, "anchor": "middle",
                           "text": label})
            if slot >= 40:
                shapes.append({"kind": "text", "x": f"{middle:.1f}", "y": y - 5, "anchor": "middle",
                               "text": f"{value:,}"})
    return Chart(chart_id, title, math.ceil(slot * len(columns)), plot_height + 48, shapes)


def table(table_id, caption, headings, rows, text_columns=(0,)):
    return Table(table_id, caption, headings, [[cell(value) for value in row] for row in rows], text_columns)


def with_others(rows, counter, label):
    """The shown rows, and one more counting together every value of `counter` (a TopCounter)
    not shown, with those it stopped holding."""
    others = counter.total_count() - sum(row[1] for row in rows)
    return [*rows, (label, others, *(["–"] * (len(rows[0]) - 2) if rows else []))] if others else rows


def render_report(summary, site, generated_on, since=None, warnings=()):
    """The whole report: one HTML page, inline style and SVG, nothing fetched.
    warnings: what could not be read (log files named), shown at the top."""
    first = since or summary.first_day
    period = (f"{day(first)} to {day(summary.last_day)}" if summary.last_day
              else "No visits were recorded in this period.")
    articles = article_rows(summary, site)
    topics = topic_rows(summary, site)
    sources = sorted(summary.requests.items(), key=lambda item: (-item[1], source_label(item[0], site)))[:50]
    arrivals = [("Search engines", summary.arrivals["search"]),
                ("Links on other sites", summary.arrivals["other site"]),
                ("Direct: typed, bookmarked, from an app or email", summary.arrivals["direct"])]
    week_list = weeks(summary)
    missing = sorted(summary.not_found.items(), key=lambda item: (-item[1], item[0]))[:25]
    article_views = sum(row.views for row in articles)

    def per_hundred(row):
        return "–" if row.per_hundred is None else f"{row.per_hundred:.1f}"

    return _TEMPLATES.get_template("report.html").render(
        colours=COLOURS, period=period, generated_on=day(generated_on), summary=summary, warnings=warnings,
        outside_days=[day(value) for value in summary.outside_days],
        counts_are_lower_bounds=bool(summary.not_found.trimmed),
        total_views=sum(summary.views.values()), total_requests=sum(summary.requests.values()),
        article_requests=sum(row.requests for row in articles),
        article_chart=bar_chart("chart-article-requests", "Consultation requests by article",
                                [(row.article.title, row.requests) for row in articles[:10]]),
        article_table=table("table-articles", f"Views and consultation requests by article "
                            f"({article_views:,} views)",
                            ["Article", "Views", "Consultation requests", "Requests per 100 views"],
                            [(row.article.title, row.views, row.requests, per_hundred(row)) for row in articles]),
        source_table=table("table-sources", "Consultation requests by the page the reader was on",
                           ["Page", "Consultation requests"],
                           with_others([(source_label(source, site), n) for source, n in sources],
                                       summary.requests, "Other pages, together")),
        topic_chart=bar_chart("chart-topics", "Views of each topic's articles",
                              [(row.name, row.article_views) for row in topics[:10]]),
        topic_table=table("table-topics", "Views and consultation requests by topic",
                          ["Topic", "Article views", "Topic page views", "Consultation requests"],
                          [(row.name, row.article_views, row.page_views, row.requests) for row in topics]),
        arrival_chart=bar_chart("chart-arrivals", "Arrivals by where readers came from", arrivals,
                                COLOURS["accent_2"]),
        arrival_table=table("table-arrivals", "Arrivals by where readers came from",
                            ["Came from", "Page views"], arrivals),
        engine_table=table("table-search-engines", "Arrivals by search engine", ["Search engine", "Page views"],
                           summary.search_engines.most_common()),
        referrer_table=table("table-referring-sites", "Other sites that sent readers (the 20 that sent most)",
                             ["Site", "Page views"], with_others(summary.referring_sites.most_common(20),
                                                                 summary.referring_sites, "Other sites, together")),
        missing_table=table("table-not-found", "Addresses not found", ["Address", "Times asked", "Linked from"],
                            with_others([(path, n, ", ".join(host for host, _ in
                                                             summary.not_found_from.get(path, Counter()).most_common(3))
                                          or "–") for path, n in missing],
                                        summary.not_found, "Other addresses, together"), text_columns=(0, 2)),
        weekly_views_chart=column_chart("chart-weekly-views", "Page views by readers, week by week",
                                        [(short_day(week), summary.weekly_views[week]) for week in week_list]),
        weekly_requests_chart=column_chart("chart-weekly-requests", "Consultation requests, week by week",
                                           [(short_day(week), summary.weekly_requests[week])
                                            for week in week_list], COLOURS["accent_2"]),
        weekly_table=table("table-weekly", "Page views and consultation requests by week",
                           ["Week of", "Days counted", "Page views", "Consultation requests"],
                           [(day(week), days_counted(week, first, summary.last_day), summary.weekly_views[week],
                             summary.weekly_requests[week]) for week in week_list]),
    )
