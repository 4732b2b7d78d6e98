"""Checks across files: does every internal link and image lead somewhere real?

Run once every post and page has been read. A link's page must be one the
build writes (and that readers can see, when the linking post is published),
and its `#section` must be an id on that page: one written in its text, or
one its template writes. An image must be a file in content/, named exactly.
"""

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

_PLACEHOLDER = re.compile(r"\{(\w+)\}(.*)")
_ID = re.compile(r"""\sid=["']([^"'{}]+)["']""")
_TEMPLATE_REFERENCE = re.compile(r"""\{%-?\s*(?:include|extends|import|from)\s+["']([^"']+)["']""")
CONTENT_LINK = "{filename}/articles/other-post.md"


@dataclass
class Page:
    """Something the build writes at a URL: a post or page, or a listing."""
    template: str
    content: object = None  # the article or page, when it is one
    ids: set = field(default_factory=set)


@dataclass
class Site:
    """What the checks need to know about the whole site."""
    files: set  # content-relative paths of every file under content/, with "/"
    pages: dict  # root-relative URL ("/slug/") -> Page
    by_source: dict  # content-relative source path -> article or page
    topic_slugs: set  # topics whose page is written (they have published articles)
    template_ids: object  # callable: template name -> set of ids it writes
    # Posts left out for problems of their own (already reported): a link to one is not a second problem.
    refused_sources: set = field(default_factory=set)  # content-relative paths
    refused_slugs: set = field(default_factory=set)


def template_ids_reader(templates_folder):
    """A function giving the literal ids a template writes, with everything it includes,
    extends or imports (named by a literal string, as the site's templates do)."""
    folder = Path(templates_folder)
    found = {}

    def ids(name):
        if name not in found:
            found[name] = set()
            path = folder / (name if "." in name else f"{name}.html")
            if not path.is_file():
                return found[name]  # a template Pelican will complain about itself
            text = path.read_text(encoding="utf-8")
            collected = set(_ID.findall(text))
            for included in _TEMPLATE_REFERENCE.findall(text):
                collected |= ids(included)
            found[name] = collected
        return found[name]

    return ids


def ids_in(html):
    """The ids an HTML fragment gives its elements."""
    return _ID.findall(html or "")


def content_ids(item):
    """Ids in an article's or page's own text (headings, footnotes, raw HTML), found when read."""
    ids = getattr(item, "content_ids", None)
    return set(ids) if ids is not None else set(ids_in(getattr(item, "_content", "")))


def is_published(item):
    return getattr(item, "status", "") in ("published", "hidden") and not getattr(item, "is_scheduled", False)


def check_reference(reference, item, site):
    """A message for one Reference of `item`, or None when it leads somewhere real."""
    target = reference.target
    placeholder = _PLACEHOLDER.fullmatch(target)
    what = "image" if reference.kind == "image" else "link"
    if placeholder:
        kind, rest = placeholder.groups()
        path, _, anchor = rest.partition("#")
        path = unquote(path.split("?")[0])
        if kind in ("filename", "static", "attach"):
            relative = _content_path(path, item)
            if relative not in site.files:
                return _missing_file(what, target if what == "image" else rest, relative, site)
            linked = site.by_source.get(relative)
            if linked is None and relative in site.refused_sources:
                return None
            if kind == "filename" and linked is None:
                return (f"the link to '{rest}' names a file that is not a post or page. Write "
                        f"{{static}}{rest} for files such as images or documents.")
            if linked is not None:
                return _check_linked(linked, anchor, item, rest, site)
            return None
        if kind == "tag":
            slug = path.strip("/").split("/")[-1]
            if slug not in site.topic_slugs:
                return (f"the link to topic '{path}' names no topic with published posts. Use the slug of "
                        "a topic from content/topics/.")
            return None
        if kind == "index":
            return None
        return f"the link '{target}' names no page of this site. Link to a post with {CONTENT_LINK}."

    parts = urlsplit(target)
    path = unquote(parts.path)
    if reference.kind == "image":
        relative = _content_path(path, item)
        return None if relative in site.files else _missing_file(what, target, relative, site)
    if not path:  # "#section" on the same page
        return _check_anchor(parts.fragment, _page_of(item, site), target)
    base = "/" + item.url
    resolved = posixpath.normpath(path if path.startswith("/") else posixpath.join(base, path))
    page = site.pages.get(resolved) or site.pages.get(resolved.rstrip("/") + "/") or site.pages.get(
        resolved.removesuffix("index.html"))
    if page is None:
        if resolved.lstrip("/") in site.files or resolved.strip("/") in site.refused_slugs:
            return None  # a file copied as it is (an image, a download), or a refused post
        return (f"the link to '{target}' leads to no page of the site. Check it, or link to the post's "
                f"file instead: {CONTENT_LINK}.")
    if page.content is not None:
        return _check_linked(page.content, parts.fragment, item, target, site)
    return _check_anchor(parts.fragment, page, target)


def linked_item(reference, item, site):
    """The post or page one Reference of `item` leads to, or None (elsewhere, a file, nowhere)."""
    placeholder = _PLACEHOLDER.fullmatch(reference.target)
    if placeholder:
        kind, rest = placeholder.groups()
        path = unquote(rest.partition("#")[0].split("?")[0])
        return site.by_source.get(_content_path(path, item)) if kind == "filename" else None
    parts = urlsplit(reference.target)
    if reference.kind == "image" or parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    resolved = posixpath.normpath(path if path.startswith("/") else posixpath.join("/" + item.url, path))
    page = site.pages.get(resolved) or site.pages.get(resolved.rstrip("/") + "/")
    return page.content if page else None


def _content_path(path, item):
    """The content-relative path a link names: from the content root, or from the post's folder."""
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    folder = posixpath.dirname(getattr(item, "relative_source_path", "") or "")
    return posixpath.normpath(posixpath.join(folder, path))


def _missing_file(what, written, relative, site):
    same_but_case = [name for name in site.files if name.lower() == relative.lower()]
    if same_but_case:
        return (f"the {what} '{written}' does not match the file's name exactly: it is "
                f"'{Path(same_but_case[0]).name}' (capitals count on the web). Write it that way.")
    if what == "image":
        return (f"the image '{written}' does not exist. Put the file in content/images/ and check the "
                "name's spelling.")
    return (f"the link to '{written}' points to a file that does not exist. Check the name; links to "
            f"other posts look like {CONTENT_LINK}.")


def _page_of(item, site):
    template = getattr(item, "template", "page")
    return Page(template, item, content_ids(item) | site.template_ids(template))


def _check_linked(linked, anchor, item, written, site):
    if is_published(item) and not is_published(linked):
        when = (f"it is scheduled for {linked.locale_date}" if getattr(linked, "is_scheduled", False)
                else "it is a draft")
        return (f"the link to '{written}' goes to a post readers cannot see yet ({when}). Publish that "
                "post first, or remove the link.")
    return _check_anchor(anchor, _page_of(linked, site), written)


def _check_anchor(anchor, page, written):
    if not anchor or anchor in page.ids:
        return None
    return (f"the link '{written}' goes to a section '#{anchor}' that the page does not have. Check the "
            "section's name: it is the heading's words in lower case, joined by hyphens.")
