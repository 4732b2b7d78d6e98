"""The content rules, table-driven: a post's Markdown in, the exact problem lines out.

The body rules run on the HTML Python-Markdown makes (content_checks.render),
the field rules on the fields site_content reads: the same functions the build
runs, without a build.
"""

import pytest

from tests.helpers import dev_settings
from uplift.checks.fields import check_fields
from uplift.checks.rendered import render
from uplift.content import parse_source
from uplift.content.markdown import markdown_converter

SUMMARY = "A post that is fine in every way except the one mistake this test makes."
HEAD = f"Title: A good post\nDate: 2025-11-02 09:00\nTags: communication\nSummary: {SUMMARY}\n\n"
CONVERTER = markdown_converter(dev_settings())
BODY = 6  # the line the body starts on, after HEAD

NOT_ALLOWED = "is not allowed in posts: it could run code or load another site. Remove it; ask the web " \
              "team if the post needs an embedded feature."

# (name, the post's text, the exact problems: "line: message")
RULES = [
    ("a clean post", HEAD + "## A section\n\nText with a [link](https://www.cms.gov/).\n", []),
    ("script", HEAD + "<script>alert(1)</script>\n", [f"{BODY}: <script> {NOT_ALLOWED}"]),
    ("bullets pasted from a word processor", HEAD + "What helps:\n\u2022\tTalking\n  \u25cf Listening\n\n"
     "```\n\u2022 in code, as written\n```\n",
     [f"{BODY + line}: this line starts with '{bullet}', a bullet pasted from a word processor: it shows as "
      "text, and the list runs into one paragraph. Start each item with '- ' (a hyphen and a space) instead."
      for line, bullet in ((1, "\u2022"), (2, "\u25cf"))]),
    ("iframe inside a paragraph", HEAD + 'Look: <iframe src="https://v.example.org/x"></iframe>\n',
     [f"{BODY}: <iframe> {NOT_ALLOWED}"]),
    ("a form", HEAD + 'Text.\n\n<form action="https://x.example"><input name="q"></form>\n',
     [f"{BODY + 2}: <form> is not allowed in posts: forms would send readers' answers somewhere the practice "
      "does not control. Remove it, and point readers to the contact page instead.",
      f"{BODY + 2}: <input> is not allowed in posts: forms would send readers' answers somewhere the "
      "practice does not control. Remove it, and point readers to the contact page instead."]),
    ("an element outside the allowlist", HEAD + "<marquee>Hi</marquee>\n",
     [f"{BODY}: <marquee> is not allowed in posts: the site's design sets the look. Remove it, and use "
      "Markdown for emphasis."]),
    ("event handler", HEAD + '<span onclick="steal()">Click</span>\n',
     [f"{BODY}: an 'onclick=' attribute runs code and is not allowed in posts. Remove it."]),
    ("style attribute", HEAD + '<span style="color:red">Loud</span>\n',
     [f"{BODY}: a 'style=' attribute is not allowed in posts: the site's design sets the look. Remove it, "
      "and use Markdown for emphasis."]),
    ("javascript link", HEAD + "[Click](javascript:alert(1))\n",
     [f"{BODY}: a 'javascript:' address runs code and is not allowed. Link to a page instead."]),
    ("entity-encoded javascript link", HEAD + '<a href="&#106;avascript:alert(1)">Click</a>\n',
     [f"{BODY}: a 'javascript:' address runs code and is not allowed. Link to a page instead."]),
    ("javascript link split by a tab", HEAD + '<a href="java&#9;script:alert(1)">Click</a>\n',
     [f"{BODY}: a 'javascript:' address runs code and is not allowed. Link to a page instead."]),
    ("reference-style javascript link", HEAD + "[Click][x]\n\n[x]: javascript:alert(1)\n",
     [f"{BODY + 2}: a 'javascript:' address runs code and is not allowed. Link to a page instead."]),
    ("image from another site", HEAD + "![A couple](https://images.example.org/couple.jpg)\n",
     [f"{BODY}: the image 'couple.jpg' is loaded from another site (images.example.org): that site would "
      "learn who reads this post. Save the picture in content/images/ and use {static}/images/couple.jpg."]),
    ("reference-style image from another site",
     HEAD + "Text ![A couple][pic] more.\n\n[pic]: https://images.example.org/couple.jpg\n",
     [f"{BODY + 2}: the image 'couple.jpg' is loaded from another site (images.example.org): that site would "
      "learn who reads this post. Save the picture in content/images/ and use {static}/images/couple.jpg."]),
    ("raw image from another site", HEAD + '<img src="//cdn.example.net/a.png" alt="A">\n',
     [f"{BODY}: the image 'a.png' is loaded from another site (cdn.example.net): that site would learn who "
      "reads this post. Save the picture in content/images/ and use {static}/images/a.png."]),
    ("image without alt text", HEAD + "![]({static}/images/coffee.jpg)\n",
     [f"{BODY}: the image 'coffee.jpg' has no alt text. Describe the picture between the square brackets, "
      "like ![Two mugs of coffee on a table](...)."]),
    ("link to the preview", HEAD + "See [our fees](http://127.0.0.1:8000/fees/).\n",
     [f"{BODY}: the link 'http://127.0.0.1:8000/fees/' goes to the preview on your own computer, which "
      "readers cannot reach. Use the page's path, /fees/, instead."]),
    ("link to localhost", HEAD + "See [us](http://localhost:8000/about/).\n",
     [f"{BODY}: the link 'http://localhost:8000/about/' goes to the preview on your own computer, which "
      "readers cannot reach. Use the page's path, /about/, instead."]),
    ("link to the IPv6 loopback", HEAD + "See [us](http://[::1]:8000/contact/).\n",
     [f"{BODY}: the link 'http://[::1]:8000/contact/' goes to the preview on your own computer, which "
      "readers cannot reach. Use the page's path, /contact/, instead."]),
    ("a file on the writer's computer", HEAD + "[notes](file:///C:/Users/ana/notes.docx)\n",
     [f"{BODY}: a 'file:' address points to a file on your own computer, which readers cannot open and "
      "is not allowed. Link to a page instead."]),
    ("level-one heading", HEAD + "# A second title\n",
     [f"{BODY}: a '#' heading is the same level as the title. Start sections with '##'."]),
    ("skipped heading level", HEAD + "## Section\n\n#### Too deep\n",
     [f"{BODY + 2}: the heading jumps from level 2 to level 4. Use ### here, or add the missing level "
      "above it."]),
    ("skipped level in an underlined heading", HEAD + "Section\n-------\n\nText\n\n##### Deep\n",
     [f"{BODY + 5}: the heading jumps from level 2 to level 5. Use ### here, or add the missing level "
      "above it."]),
    ("placeholder words", HEAD + "Intro.\n\nTODO: finish this. Lorem ipsum dolor.\n\nTK\n",
     [f"{BODY + 2}: 'TODO' is still here. Replace it with your own words (see WRITING.md for each field).",
      f"{BODY + 2}: 'Lorem ipsum' is still here. Replace it with your own words (see WRITING.md for each "
      "field).",
      f"{BODY + 4}: 'TK' is still here. Replace it with your own words (see WRITING.md for each field)."]),
    ("placeholders in code are examples", HEAD + "Write `TODO` like this:\n\n    XXX\n", []),
    ("placeholders against markup, or written as entities", HEAD + "**Draft**TODO and TO&#68;O.\n",
     [f"{BODY}: 'TODO' is still here. Replace it with your own words (see WRITING.md for each field)."] * 2),
    ("an image address with a space", HEAD + "![A room]({static}/images/my photo.jpg)\n",
     [f"{BODY}: the image '{{static}}/images/my photo.jpg' has a space in its name, which web addresses "
      "cannot carry. Rename the file to 'my-photo.jpg' and write that name here."]),
    ("a link with a space before its address", HEAD + "See [our fees] (/fees/).\n",
     [f"{BODY}: '[our fees] (/fees/)' shows as text: it was meant as a link or image, but a space or a "
      "bracket is out of place. Write it as [words](address): no space between ] and (, none in the "
      "address."]),
    ("a reference that is never defined", HEAD + "Read [the guide][guide].\n",
     [f"{BODY}: '[the guide][guide]' shows as text: no line below defines it. Add a line like "
      "'[name]: https://address' (or '[^1]: the note' for a footnote) after the text, or write the link "
      "in full."]),
    ("table alignment", HEAD + "| a | b |\n|:--|--:|\n| 1 | 2 |\n",
     [f"{BODY}: table columns cannot be aligned: the site's design sets tables' look. Remove the ':' from "
      "the line of dashes under the table's first row."]),
    ("markup in the title", HEAD.replace("A good post", "A <em>good</em> post") + "Text\n",
     ["1: the Title contains HTML (<em>). Fields at the top are plain text and would show it as code: "
      "remove it (links and emphasis belong in the text below)."]),
    ("a link in the summary", HEAD.replace(SUMMARY, SUMMARY + " [More](javascript:x)") + "Text\n",
     ["4: the Summary contains Markdown ([More](javascript:x)), which would show as written: fields at "
      "the top are plain text. Remove it."]),
    ("an entity in the title", HEAD.replace("A good post", "Sex &amp; trust") + "Text\n",
     ["1: the Title contains '&amp;', which would show as written. Type the character itself (&) instead."]),
    ("a date in another form", HEAD.replace("2025-11-02 09:00", "03/12/2025") + "Text\n",
     ["2: Date '03/12/2025' is not written the way the site reads dates. Write it as 2025-09-16, or "
      "2025-09-16 09:00 with a time (year-month-day, 24-hour clock)."]),
    ("an impossible date", HEAD.replace("2025-11-02 09:00", "2025-02-30") + "Text\n",
     ["2: Date '2025-02-30' is not a real date. Write it as 2025-09-16, or 2025-09-16 09:00 with a time "
      "(year-month-day, 24-hour clock)."]),
    ("fields below a stray blank line", "Title: A good post\n\nDate: 2025-11-02 09:00\nTags: communication\n"
     f"Summary: {SUMMARY}\n\nText\n",
     ["1: the post has no Summary. Add a line 'Summary: ' with one sentence of 70 to 160 characters; it "
      "is shown in search results and on cards.",
      "1: the post has no Date. Add a line like 'Date: 2025-09-16 09:00'.",
      "1: the post has no Tags. Add a line like 'Tags: emotional intimacy, communication' naming at least "
      "one topic.",
      "3: 'Date' is below the blank line that ends the fields at the top, so it would show as text. Remove "
      "the blank line above it.",
      "4: 'Tags' is below the blank line that ends the fields at the top, so it would show as text. Remove "
      "the blank line above it.",
      "5: 'Summary' is below the blank line that ends the fields at the top, so it would show as text. "
      "Remove the blank line above it."]),
    ("a slug that is not an address", HEAD.replace("Date:", "Slug: My Post!\nDate:") + "Text\n",
     ["2: the Slug 'My Post!' is not a web address part: use lower-case letters, digits and hyphens only, "
      "like 'my-post'."]),
    ("an empty file", "\n\n", ["1: the file is empty. Write the post, or delete the file."]),
    ("fields but no text", HEAD,
     ["1: the post has no text below its fields. Write it after the blank line that ends the fields."]),
    ("a placeholder in a field", HEAD.replace(SUMMARY, "FILL IN one sentence") + "Text\n",
     ["4: 'FILL IN' is still here. Replace it with your own words (see WRITING.md for each field)."]),
]


def problems_of(text):
    source = parse_source(text, "post.md")
    _, inspection = render(source, CONVERTER)
    fields, _ = check_fields(source, "article")
    return sorted(f"{p.line}: {p.message}" for p in source.problems + inspection.problems + fields)


@pytest.mark.parametrize("name, text, expected", RULES, ids=[rule[0] for rule in RULES])
def test_rule(name, text, expected):
    assert problems_of(text) == sorted(expected)


@pytest.mark.parametrize("html_in, kept", [
    ('<p><a href="{filename}/articles/a.md#x">x</a></p>', '<a href="{filename}/articles/a.md#x">x</a>'),
    ('<p><img src="{static}/images/a.jpg" alt="A"></p>', '<img src="{static}/images/a.jpg" alt="A">'),
    ('<h2 id="why">Why</h2>', '<h2 id="why">Why</h2>'),
    ('<p><a href="javascript:x">x</a></p>', "<p><a>x</a></p>"),
    ("<p>a<script>x()</script></p>", "<p>a</p>"),
    ('<p><span style="color:red" onclick="x()">s</span><!-- private note --></p>', "<p><span>s</span></p>"),
])
def test_the_allowlist_cleans_what_the_rules_would_miss(html_in, kept):
    from uplift.checks.rendered import clean

    assert kept in clean(html_in)
