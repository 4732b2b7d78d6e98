"""Every file under content/ is of a declared kind: mistakes of each class, in one site, all refused.

One real build and one `invoke check` (CHECK_ONLY) of the fixture site with a mistake
of each class added: both exit non-zero, print each expected line once (the file, the
field's line, the fix), no traceback, and write nothing.
"""

import io
import os
import re
import shutil

import pytest
from PIL import Image

from tests.helpers import DEV_SETTINGS, FIXTURE_CONTENT, run_pelican


def post(slug, **fields):
    header = {"Title": f"A post called {slug}", "Slug": slug, "Date": "2025-10-01 09:00", "Tags": "communication",
              "Summary": "A fixture post long enough to be a real summary for the cards and search results.",
              **fields}
    return "".join(f"{name}: {value}\n" for name, value in header.items() if value is not None) + "\nSome text.\n"


def png():
    data = io.BytesIO()
    Image.new("RGB", (4, 4), "#336699").save(data, "PNG")
    return data.getvalue()


MEMBER = (FIXTURE_CONTENT / "team" / "robin-fixture.md").read_text(encoding="utf-8")
TOPIC = "Title: Money and couples\nSlug: {slug}\nDescription: How couples talk about money.\n\nAn introduction.\n"
LONG_TITLE = "When " + "the spark fades and comes back again " * 8

# (relative path, contents, expected line, or None when the file must build safely and quietly)
FILES = [
    ("articles/zero-width.md", post("zero-width", Tags="communication\u200b"),
     "content/articles/zero-width.md:4: the Tags contains an invisible character, U+200B ZERO WIDTH SPACE, after "
     "'communication': readers would not see it, but it changes the text. Delete it (retype the words around it)."),
    ("articles/cyrillic.md", post("cyrillic", Tags="\u0441ommunication"),
     "content/articles/cyrillic.md:4: the Tags has a word that mixes alphabets, '\u0441ommunication': '\u0441' "
     "(U+0441 CYRILLIC SMALL LETTER ES, letter 1) is not Latin like the rest, though it looks the same. Retype "
     "the word."),
    ("articles/escape.md", post("escape", Slug="../contact"),
     "content/articles/escape.md:2: the Slug '../contact' is not a web address part: use lower-case letters, "
     "digits and hyphens only, like 'contact'."),
    ("articles/long-title.md", post("unused", Title=LONG_TITLE.strip(), Slug=None),
     f"content/articles/long-title.md:1: the Title is {len(LONG_TITLE.strip())} characters long. Make it at most "
     "120: a shorter one reads better in search results and on phones."),
    ("articles/old-page.html", "<html><head><title>Old</title></head><body>Old.</body></html>\n",
     "content/articles/old-page.html:1: the site reads only files whose names end in '.md', so this one is not "
     "on the site. Rename it to 'old-page.md' (and save it as plain text)."),
    ("team/therapists/robin-third.md", MEMBER.replace("Robin Fixture", "Robin Third"),
     "content/team/therapists/robin-third.md:1: the site reads team files only directly in content/team/, not in "
     "a folder inside it, so this one is not on the site. Move it to content/team/robin-third.md."),
    ("team/robin-slug.md", MEMBER.replace("Name: Robin Fixture", "Name: Robin Slug\nSlug: /team/robin-third/"),
     "content/team/robin-slug.md:2: the Slug '/team/robin-third/' is not a web address part: use lower-case "
     "letters, digits and hyphens only, like 'team-robin-third'."),
    ("team/robin-lookup.md", MEMBER.replace("Name: Robin Fixture", "Name: Robin Lookup\n"
                                            "License_lookup: www.board.example/verify"),
     "content/team/robin-lookup.md:2: the License_lookup is not a web address: 'www.board.example/verify'. Write "
     "the whole address, starting with https://"),
    ("topics/money.md", TOPIC.format(slug="Money & Couples"),
     "content/topics/money.md:2: the Slug 'Money & Couples' is not a web address part: use lower-case letters, "
     "digits and hyphens only, like 'money-couples'."),
    ("images/hello.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script>'
                         '<circle r="4"/></svg>',
     "content/images/hello.svg:1: this SVG holds more than a drawing: 'onload=' (it runs script), <script>. A "
     "picture on the site may not run script or load anything. Export it again as a plain drawing, or save it "
     "as PNG."),
    ("images/page.html", "<script>alert(1)</script>",
     "content/images/page.html:1: content/images/ holds pictures only (.avif, .gif, .jpeg, .jpg, .png, .svg, "
     ".webp); a '.html' file is not one, and the site will not publish it. Delete it, or ask the web team where "
     "it belongs."),
    ("images/photo.jpg", png(),
     "content/images/photo.jpg:1: this picture is a PNG file, not the JPEG its name ends with ('.jpg'). Rename "
     "it to 'photo.png'."),
    ("images/text.png", b"just text",
     "content/images/text.png:1: this file is not a picture the site can show, though its name ends in '.png'. "
     "Open it in a photo app and save or export it again as JPEG or PNG."),
    ("extra/notes.txt", "notes",
     "content/extra/notes.txt:1: content/extra/ holds only the site's icons (apple-touch-icon.png, favicon.ico, "
     "icon.svg) and PDF documents; the site will not publish this file. Move pictures to content/images/, or "
     "delete it."),
    # A post refused for its own problem, and a topic refused for its slug, are named once: the post
    # and topic that name them are not reported too.
    ("articles/names-refused.md", post("names-refused", Tags="communication, money and couples") +
     "See [the escape]({filename}escape.md) and [again](/escape/).\n", None),
    ("topics/rest.md", "Title: Rest\nDescription: Rest.\nStart_here: escape\n\nAn introduction.\n", None),
    ("extra/robots.txt", "User-agent: *\nDisallow: /\n",
     "content/extra/robots.txt:1: the site writes robots.txt itself (from its settings, with the sitemap's "
     "address), so this copy would never be used. Delete it, or ask the web team to change the site's settings."),
    ("images/.DS_Store", b"\x00\x00\x00\x01Bud1", None),
    ("images/Thumbs.db", b"\xd0\xcf\x11\xe0", None),
    ("articles/.draft.md.swp", b"b0VIM 8.2", None),
    ("images/good.png", png(), None),
]
FACTS = [
    ("email: hello@example.com", "email: mailto:hello@example.com",
     "content/practice.yml:17: the email address ('email') starts with 'mailto:': 'mailto:hello@example.com'. "
     "Write the address alone, like hello@example.com; the site makes the link."),
    ("phone: (555) 010-0142", "phone: (555) 010-014",
     "content/practice.yml:16: the phone number ('phone') has 9 digits: '(555) 010-014'. Write the whole number "
     "with its area code, like (555) 010-0142 (10 digits), or +44 20 7946 0000 with a country code: readers "
     "call it from every page."),
    ("  street: 100 Example Avenue, Suite 200", "  street: 100 Example Avenue #200",
     "content/practice.yml:20: the street address ('address.street') has a '#' in it, and the file's format "
     "reads everything from ' #' on as a note, so '#200' would be lost. Put the value in quotation marks: "
     'street: "100 Example Avenue #200"'),
    ("site_url: https://www.example.com", "site_url: https://www.example.com/?utm_source=news#top",
     "content/practice.yml:15: the site's public address ('site_url') has a query ('?...') and a fragment "
     "('#...') after the host: 'https://www.example.com/?utm_source=news#top'. Write the site's address alone, "
     "like https://www.example.com: every canonical address, the sitemap and robots.txt start with it."),
    ("tagline: Couples therapy", "tagline: <b>Couples</b> therapy",
     "content/practice.yml:8: the tagline contains HTML (<b>). Readers see it as plain text, so they would see "
     "the code: remove it."),
    ("name: Uplift", "name: Up\u202eift",
     "content/practice.yml:6: the practice's short name ('name') contains a direction-changing character, "
     "U+202E RIGHT-TO-LEFT OVERRIDE, after 'Up': readers would not see it, but it changes the text. Delete it "
     "(retype the words around it)."),
]
EXPECTED = [line for _, _, line in FILES if line] + [line for _, _, line in FACTS]


@pytest.fixture(scope="module")
def site_with_mistakes(tmp_path_factory):
    """(content, check result, build result, output folder)."""
    folder = tmp_path_factory.mktemp("model")
    content = folder / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    for relative, text, _ in FILES:
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    facts = (content / "practice.yml").read_text(encoding="utf-8")
    for before, after, _ in FACTS:
        assert before in facts, before
        facts = facts.replace(before, after, 1)
    (content / "practice.yml").write_text(facts, encoding="utf-8")
    secret = folder / "secret.txt"
    secret.write_text("TOKEN=do-not-publish\n")
    os.symlink(secret, content / "images" / "env.jpg")
    os.symlink(folder, content / "extra" / "everything")
    checked = run_pelican(content, folder / "checked", DEV_SETTINGS, "-e", "CHECK_ONLY=true")
    built = run_pelican(content, folder / "output", DEV_SETTINGS)
    return content, checked, built, folder / "output"


LINKS = ["content/images/env.jpg:1: this is a link to '{folder}/secret.txt', not a file. The site never reads "
         "anything through a link (it could publish files from outside the site). Put the file itself here, or "
         "delete the link.",
         "content/extra/everything:1: this is a link to '{folder}', not a file. The site never reads anything "
         "through a link (it could publish files from outside the site). Put the file itself here, or delete "
         "the link."]


@pytest.mark.parametrize("which", ["check", "build"])
def test_every_mistake_is_refused_once_with_its_line_and_fix(site_with_mistakes, which):
    content, checked, built, _ = site_with_mistakes
    result = checked if which == "check" else built
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output and "Error:" not in output and "Node(" not in output
    lines = [line[line.index("content/"):] for line in output.splitlines()
             if f"{content}/" in line and re.search(r"content/\S+:\d+: ", line)]
    expected = EXPECTED + [line.format(folder=content.parent) for line in LINKS]
    for line in expected:
        assert lines.count(line) == 1, f"{line}\n---\n" + "\n".join(lines)
    assert sorted(lines) == sorted(expected)


def test_nothing_is_written_and_nothing_outside_the_site_is_read(site_with_mistakes):
    _, _, _, output = site_with_mistakes
    assert not output.exists()


def test_system_files_are_never_published_and_never_an_error(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    for relative, text, _ in FILES:
        if relative.rsplit("/", 1)[-1] in (".DS_Store", "Thumbs.db", ".draft.md.swp", "good.png"):
            (content / relative).parent.mkdir(parents=True, exist_ok=True)
            (content / relative).write_bytes(text)
    result = run_pelican(content, tmp_path / "output", DEV_SETTINGS)
    assert result.returncode == 0, result.stdout + result.stderr
    published = {path.name for path in (tmp_path / "output").rglob("*")}
    assert "good.png" in published
    assert not published & {".DS_Store", "Thumbs.db", ".draft.md.swp"}
