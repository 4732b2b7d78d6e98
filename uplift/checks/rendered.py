"""Rules on what readers get: the HTML Python-Markdown makes of a post's text.

Checking the rendered HTML, not the Markdown, means reference-style links,
entity-encoded addresses and raw HTML are seen exactly as a browser will see
them. `inspect` parses the HTML once with Lexbor (selectolax), an HTML5 parser
that builds the same tree a browser does, walks it in document order and
returns every problem (mapped back to the line of the source where it was
written) and every internal reference, for the checks across files. `clean`
then applies the same allowlist with nh3 (the Ammonia sanitizer), so that what
the rules miss never reaches a page either.
"""

import ipaddress
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import nh3
from selectolax.lexbor import LexborHTMLParser

from uplift.content import Problem, line_of_text

from .files import web_safe_name

# --- The allowlist: what Markdown writes, and the few HTML elements writers need ---
ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "*": {"id", "class"},  # heading ids, footnotes and code highlighting
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "cite", "data", "background"}

_CODE_RUNNING = {"script", "iframe", "object", "embed", "frame", "frameset", "applet", "svg", "math",
                 "base", "meta", "link", "noscript", "template"}
_FORM = {"form", "input", "button", "select", "textarea", "option", "label", "fieldset", "output"}
_MEDIA = {"video", "audio", "source", "track", "picture", "canvas", "map", "area"}
_LOOK = {"style", "font", "center", "marquee", "blink"}

# Words writers leave where text is still to come.
PLACEHOLDERS = re.compile(r"FILL IN|\b(?:TODO|TBD|TK|XXX|FIXME)\b|(?i:lorem ipsum)")
# Cheap: every placeholder holds one of these (case aside, "lorem" for lorem ipsum).
_PLACEHOLDER_WORDS = ("FILL IN", "TODO", "TBD", "TK", "XXX", "FIXME")
# Markdown that Python-Markdown did not turn into a link, image or footnote, left as text.
_UNREAD_LINK = re.compile(r"!?\[[^\]]*\] ?\([^)]*\)?|!\[[^\]]*\]")
_UNDEFINED_REFERENCE = re.compile(r"!?\[[^\]]+\]\[[^\]]*\]|\[\^[^\]]+\]")
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "0.0.0.0"}


@dataclass
class Reference:
    """An internal link or image, checked once every file is known."""
    kind: str  # "link" or "image"
    target: str  # as written, e.g. "{filename}/articles/x.md#y", "/fees/", "#section"
    line: int


@dataclass
class Inspection:
    problems: list = field(default_factory=list)
    references: list = field(default_factory=list)  # [Reference]
    ids: set = field(default_factory=set)  # id attributes written in the text


def is_loopback(host):
    host = (host or "").lower().strip("[]")
    if host in _LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_scheme(url):
    """The scheme a browser would see: it ignores tabs, newlines and leading spaces."""
    squeezed = re.sub(r"[\x00-\x20]", "", url)
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", squeezed)
    return match.group(1).lower() if match else ""


def tag_message(tag):
    if tag in _CODE_RUNNING:
        return (f"<{tag}> is not allowed in posts: it could run code or load another site. Remove it; "
                "ask the web team if the post needs an embedded feature.")
    if tag in _FORM:
        return (f"<{tag}> is not allowed in posts: forms would send readers' answers somewhere the "
                "practice does not control. Remove it, and point readers to the contact page instead.")
    if tag in _MEDIA:
        return (f"<{tag}> is not allowed in posts. Use a Markdown image, ![what it shows]"
                "({static}/images/name.jpg); ask the web team about audio or video.")
    if tag in _LOOK:
        return (f"<{tag}> is not allowed in posts: the site's design sets the look. Remove it, and use "
                "Markdown for emphasis.")
    if tag == "h1":
        return "a '#' heading is the same level as the title. Start sections with '##'."
    return (f"<{tag}> is not one of the HTML elements posts may use. Remove it, or write the same "
            "thing in Markdown (see WRITING.md).")


# The document's own frame, which the parser adds around a fragment.
_FRAME = {"html", "head", "body"}
_CODE = {"pre", "code"}
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_ALLOWED_BY_TAG = {tag: ALLOWED_ATTRIBUTES.get(tag, set()) | ALLOWED_ATTRIBUTES["*"] for tag in ALLOWED_TAGS}


def _text_needs_checks(text):
    """Could any text of a post with this text (all of it, nodes joined by spaces) hold a
    placeholder or Markdown left as text? Most posts' text cannot: their nodes are not looked at."""
    return "[" in text or any(word in text for word in _PLACEHOLDER_WORDS) or "lorem" in text.lower()


def _in_code(node):
    while node is not None:
        if node.tag in _CODE:
            return True
        node = node.parent
    return False


class _Walker:
    def __init__(self, source, on_problem, inspection):
        self.source = source
        self.problem = on_problem
        self.found = inspection
        self.cursor = source.body_start  # source line of what is being read, roughly
        self.heading_level = 1  # the title
        self.pending_heading = None  # a heading problem, reported at the heading's text (its line)
        self.table_aligned = False  # table alignment is reported once per table

    # Where in the source was this written? The output follows the source's order,
    # so look from the last place found, then anywhere, then keep the last place.
    def locate(self, *needles):
        for start in (self.cursor, self.source.body_start):
            for needle in needles:
                line = line_of_text(self.source, needle, start) if needle else None
                if line:
                    self.cursor = line
                    return line
        return self.cursor

    def walk(self, root):
        """Every element of the document in document order, and the texts that need looking at:
        a heading's (for a level it skipped), and all of them when the post's text might hold a
        placeholder or Markdown left as text."""
        check_text = _text_needs_checks(root.text(deep=True, separator=" "))
        for node in root.traverse(include_text=True):
            tag = node.tag
            if tag == "-text":
                if self.pending_heading or check_text:
                    self.handle_data(node.text_content or "", node)
            elif tag[0] != "-" and tag not in _FRAME:  # "-comment": nh3 removes comments
                self.handle_starttag(tag, list(node.attributes.items()))

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        located = []

        def here():  # found only when needed: most tags have nothing to report
            if not located:
                located.append(self.locate(f"<{tag}", attributes.get("href"), attributes.get("src"),
                                           attributes.get("alt")))
            return located[0]

        if tag == "table":
            self.table_aligned = False
        if tag not in ALLOWED_TAGS:
            self.problem(here(), tag_message(tag))
        if tag in _HEADINGS:
            self.check_heading_level(_HEADINGS[tag])
        allowed = _ALLOWED_BY_TAG.get(tag, ALLOWED_ATTRIBUTES["*"])
        for name, value in attrs:
            value = value or ""
            if name in URL_ATTRIBUTES:
                self.check_url(tag, name, value, here)
            if name.startswith("on"):
                self.problem(here(), f"an '{name}=' attribute runs code and is not allowed in posts. "
                             "Remove it.")
            elif name == "style" and tag in ("td", "th") and value.startswith("text-align"):
                if self.table_aligned:
                    continue
                self.table_aligned = True
                self.problem(here(), "table columns cannot be aligned: the site's design sets tables' "
                             "look. Remove the ':' from the line of dashes under the table's first row.")
            elif name == "style":
                self.problem(here(), "a 'style=' attribute is not allowed in posts: the site's design "
                             "sets the look. Remove it, and use Markdown for emphasis.")
            elif name not in allowed and name not in URL_ATTRIBUTES and tag in ALLOWED_TAGS:
                self.problem(here(), f"the attribute '{name}' on <{tag}> is not allowed in posts. "
                             "Remove it.")
            if name == "id" and value:
                self.found.ids.add(value)
        if tag == "img" and not attributes.get("alt", "").strip():
            name = posixpath.basename(attributes.get("src") or "") or "image"
            self.problem(here(), f"the image '{name}' has no alt text. Describe the picture between the "
                         "square brackets, like ![Two mugs of coffee on a table](...).")

    def handle_data(self, data, node):
        if self.pending_heading and data.strip():
            self.problem(self.locate(data.strip()), self.pending_heading)
            self.pending_heading = None
        if not data.strip():
            return
        # Most text is prose: the patterns below run only where their letters appear.
        placeholder = _text_needs_checks(data) and PLACEHOLDERS.search(data)
        if (placeholder or "[" in data) and not _in_code(node):
            if placeholder:
                self.check_placeholders(data)
            if "[" in data:
                self.check_unread_links(data)

    def check_placeholders(self, data):
        for match in PLACEHOLDERS.finditer(data):
            self.problem(self.locate(match.group(0)), f"'{match.group(0)}' is still here. Replace it "
                         "with your own words (see WRITING.md for each field).")

    def check_unread_links(self, data):
        for match in _UNREAD_LINK.finditer(data):
            self.problem(self.locate(match.group(0)[:40]), f"'{match.group(0)[:60]}' shows as text: it was "
                         "meant as a link or image, but a space or a bracket is out of place. Write it "
                         "as [words](address): no space between ] and (, none in the address.")
        for match in _UNDEFINED_REFERENCE.finditer(data):
            self.problem(self.locate(match.group(0)[:40]), f"'{match.group(0)[:60]}' shows as text: no line "
                         "below defines it. Add a line like '[name]: https://address' (or '[^1]: the "
                         "note' for a footnote) after the text, or write the link in full.")

    def check_heading_level(self, level):
        if level == 1:
            return  # reported by tag_message: h1 is not allowed
        if level > self.heading_level + 1:
            self.pending_heading = (f"the heading jumps from level {self.heading_level} to level {level}. "
                                    f"Use {'#' * (self.heading_level + 1)} here, or add the missing level "
                                    "above it.")
        self.heading_level = level

    def check_url(self, tag, name, value, here):
        scheme = url_scheme(value)
        if scheme in ("javascript", "vbscript", "data", "file") or (scheme and scheme not in URL_SCHEMES
                                                                     and tag != "img"):
            what = {"javascript": "runs code", "vbscript": "runs code",
                    "file": "points to a file on your own computer, which readers cannot open",
                    "data": "carries hidden content"}.get(scheme, "is not a kind of address the site "
                                                                  "links to")
            self.problem(here(), f"a '{scheme}:' address {what} and is not allowed. Link to a page instead.")
            return
        if name == "srcset":
            urls = [candidate.strip().split(" ")[0] for candidate in value.split(",") if candidate.strip()]
        else:
            urls = [value.strip()]
        for url in urls:
            parts = urlsplit(url)
            external = bool(parts.netloc) or url.startswith("//")
            if external and is_loopback(parts.hostname):
                what = "image" if tag == "img" else "link"
                self.problem(here(), f"the {what} '{url}' goes to the preview on your own computer, which "
                             f"readers cannot reach. Use the page's path, {parts.path or '/'}, instead.")
            elif tag == "img" or name in ("srcset", "poster", "background", "data"):
                if " " in url:
                    file = posixpath.basename(url)
                    self.problem(here(), f"the image '{url}' has a space in its name, which web addresses "
                                 f"cannot carry. Rename the file to '{web_safe_name(file)}' and write that "
                                 "name here.")
                elif external:
                    file = posixpath.basename(parts.path) or url
                    self.problem(here(), f"the image '{file}' is loaded from another site "
                                 f"({parts.hostname}): "
                                 "that site would learn who reads this post. Save the picture in "
                                 f"content/images/ and use {{static}}/images/{file}.")
                elif url:
                    self.found.references.append(Reference("image", url, here()))
            elif name == "href" and not scheme and not external and url:
                self.found.references.append(Reference("link", url, here()))


def inspect(html, source):
    """(Inspection) of the HTML made from `source`'s body."""
    inspection = Inspection()

    def on_problem(line, message):
        inspection.problems.append(Problem(source.path, line, message))

    _Walker(source, on_problem, inspection).walk(LexborHTMLParser(html).root)
    return inspection


def clean(html):
    """The HTML with everything outside the allowlist removed (nh3)."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel=None, strip_comments=True)


# Bullets a word processor pastes as characters: Markdown shows them as text and runs the
# items together into one paragraph.
PASTED_BULLET = re.compile(r"[ \t]*([\u2022\u25cf\u25e6\u2023\u2043\u25aa\u25ab\u00b7\u2219\u25a0\u25a1"
                           r"\uf0b7])[ \t\u00a0]")
_FENCE = re.compile(r"[ ]{0,3}(```|~~~)")


def pasted_bullets(source):
    """[Problem] for each line of the text that starts with a pasted bullet (code blocks aside)."""
    problems, in_code = [], False
    for number, line in enumerate(source.body.split("\n"), source.body_start):
        if _FENCE.match(line):
            in_code = not in_code
        match = None if in_code else PASTED_BULLET.match(line)
        if match:
            problems.append(Problem(source.path, number, f"this line starts with '{match.group(1)}', a bullet "
                                    "pasted from a word processor: it shows as text, and the list runs into one "
                                    "paragraph. Start each item with '- ' (a hyphen and a space) instead."))
    return problems


def render(source, converter):
    """(clean HTML, Inspection) of a source's body: rendered, checked, then cleaned."""
    converter.reset()
    html = converter.convert(source.body)
    inspection = inspect(html, source)
    if not source.body.isascii():  # every pasted bullet is a character beyond ASCII
        inspection.problems += pasted_bullets(source)
    return clean(html), inspection
