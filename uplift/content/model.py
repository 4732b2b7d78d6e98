"""The declared model of every kind of file under content/: each kind, each field, each type.

Declared once, here, as data. The checks (uplift.checks.fields, uplift.checks.values),
the browser editor's fields and hints (uplift.editor.config), the new-post template
and the field tables of WRITING.md (docs.py) all come from it.

A file belongs to a kind by where it is: articles/*.md are articles, pages/*.md
pages, topics/*.md topics, team/*.md team members, practice.yml the facts file,
images/ images and extra/ the few extra files the site declares (EXTRA_FILES).
Anything else under content/ is refused by name (uplift.checks.files).
"""

from dataclasses import dataclass

# The longest slug: it becomes a folder name and part of an address. File systems allow
# 255 bytes a name; addresses shared in messages and on paper must stay short.
SLUG_LIMIT = 80
TITLE_LIMIT = 120


@dataclass(frozen=True)
class Type:
    """What a field's value is, in a writer's words."""
    name: str
    description: str  # "one line of plain text"


TEXT = Type("text", "one line of plain text")
PARAGRAPH = Type("paragraph", "a few sentences of plain text")
NAME = Type("name", "a name, in plain letters")
TEXT_LIST = Type("list", "words or phrases separated by commas")
SLUGS = Type("slugs", "slugs separated by commas: lower-case letters, digits and hyphens")
DATE = Type("date", "a date, year-month-day: 2025-09-16")
DATETIME = Type("datetime", "a date, with an optional 24-hour time: 2025-09-16 09:00")
SLUG = Type("slug", f"lower-case letters, digits and hyphens, at most {SLUG_LIMIT} characters")
CHOICE = Type("choice", "one of the values listed")
TOPICS = Type("topics", "topic names or aliases from content/topics/, separated by commas")
PERSON = Type("person", "a team member's name (content/team/) or the practice's")
YES_NO = Type("yes/no", "yes or no")
IMAGE = Type("image", "an image in content/images/: {static}/images/name.jpg")
HTTPS = Type("https", "a whole web address, starting with https://")
EMAIL = Type("email", "an email address: hello@example.org")
PHONE = Type("phone", "a phone number with its area code: (555) 010-0142, or +44 20 7946 0000")
MINUTES = Type("minutes", "a number of minutes, like 15")
SITE_URL = Type("site address", "the site's own address: https://www.example.org, nothing after the host")
COUNTRY = Type("country", "two capital letters: US")
GROUP = Type("group", "indented lines of their own")
HOURS = Type("hours", "a list of days and times")
FACT_NAMES = Type("fact names", "a list of the facts' names")


@dataclass(frozen=True)
class Field:
    """One field of a kind of file. `help` is a phrase that completes "Add ...": "their name"."""
    name: str  # as written in the file: "Reviewed_by" (facts: "booking_url")
    type: Type
    label: str  # what the editor and WRITING.md call it
    help: str = ""  # one sentence for the writer: what it is for
    required: bool = False
    shown: bool = True  # readers see it: plain text, no markup
    example: str = ""
    limits: tuple = ()  # (shortest, longest) in characters, for text
    choices: tuple = ()
    fields: tuple = ()  # a group's fields (the facts file)
    editor: bool = True  # offered in the browser editor (False: for the web team, by hand)

    @property
    def key(self):
        """How the site looks it up: lower case."""
        return self.name.lower()


@dataclass(frozen=True)
class Kind:
    name: str  # "article"
    noun: str  # "post", as a writer calls one
    folder: str  # the settings key of its folder (ARTICLE_PATHS...) or its path inside content/
    fields: tuple = ()
    body: str = ""  # what the text below the fields is ("" when the kind has none)
    extensions: tuple = (".md",)

    def field(self, key):
        return next((item for item in self.fields if item.key == key), None)

    @property
    def keys(self):
        return {item.key for item in self.fields}


STATUSES = ("published", "draft", "hidden")
SUMMARY = Field("Summary", TEXT, "Summary", "One sentence for readers deciding whether to click: shown on cards "
                "and in search results.", required=True, limits=(70, 160),
                example="Why sex can fade in a long-term relationship and how couples can rebuild closeness.")
POST_SLUG = Field("Slug", SLUG, "Slug", "The address: /slug/. Leave it out and the site makes it from the title. "
                  "Never change it once published: links to the post would break.", shown=False,
                  example="when-the-spark-fades")
TITLE = Field("Title", TEXT, "Title", "The heading, and the name in search results.", required=True,
              limits=(1, TITLE_LIMIT), example="When the Spark Fades: Finding Your Way Back to Intimacy")
FORMER_SLUGS = Field("Former_slugs", SLUGS, "Former addresses", "Slugs it was published under before, "
                     "separated by commas: their old addresses lead here. The editor adds one when you change the "
                     "Slug of a published post.", shown=False, example="spark-fades")
STATUS = Field("Status", CHOICE, "Status", "Draft while writing; published when it is ready for readers "
               "(hidden: reachable, but not listed).", shown=False, choices=STATUSES, example="draft")

ARTICLE = Kind("article", "post", "ARTICLE_PATHS", (
    TITLE,
    POST_SLUG,
    Field("Date", DATETIME, "Date", "When readers may see it (New York time). Always year-month-day: 03/12/2025 is "
          "refused, as it means March 12 in one country and December 3 in another. A later date schedules it.",
          required=True, shown=False, example="2025-09-16 09:00"),
    Field("Tags", TOPICS, "Topics", "One or more of the site's topics.", required=True,
          example="sexual intimacy, couples therapy"),
    SUMMARY,
    STATUS,
    Field("Author", PERSON, "Author", "The practice, or the team member who wrote it (linked to their profile).",
          example="Ana Example"),
    Field("Reviewed_by", PERSON, "Reviewed by", "The licensed clinician who reviewed it, with Reviewed_on.",
          example="Ana Example"),
    Field("Reviewed_on", DATE, "Reviewed on", "The date of that review.", shown=False, example="2025-11-19"),
    Field("Modified", DATE, "Updated", "Only when you revise a published post: shown as \"Updated\".",
          shown=False, example="2025-11-20"),
    Field("Image", IMAGE, "Image", "A photograph shown under the title (optional), with Image_alt.",
          shown=False, example="{static}/images/spark.jpg"),
    Field("Image_alt", TEXT, "Image description (alt text)", "What the photograph shows, for readers who cannot "
          "see it. Needed with an image.", example="Two cups of coffee on a kitchen table"),
    Field("Template", TEXT, "Layout", "Leave it out: the site chooses.", shown=False, editor=False),
    FORMER_SLUGS,
), body="Text")

PAGE = Kind("page", "page", "PAGE_PATHS", (
    TITLE,
    POST_SLUG,
    SUMMARY,
    Field("Template", TEXT, "Layout", "Leave as it is: some pages add the practice's facts.", shown=False),
    Field("Modified", DATE, "Updated", "Shown as \"Updated\" when you revise the page.", shown=False),
    STATUS,
    Field("Save_as", TEXT, "Saved as", "Where the page is written (the 404 page only).", shown=False,
          editor=False),
    Field("Url", TEXT, "Address", "The page's address, with Save_as.", shown=False, editor=False),
    FORMER_SLUGS,
), body="Text")

TOPIC = Kind("topic", "topic", "TOPICS_PATH", (
    Field("Title", TEXT, "Title", "The topic's name, as readers see it.", required=True, limits=(1, 60),
          example="Sexual intimacy"),
    Field("Slug", SLUG, "Slug", "The topic page's address: /topics/slug/. Made from the title when left out.",
          shown=False, example="sexual-intimacy"),
    Field("Aliases", TEXT_LIST, "Aliases", "Other words writers may use for this topic in a post's Tags.",
          example="sex, desire, libido"),
    Field("Description", TEXT, "Description", "One sentence saying what the topic covers (the topics page, "
          "search results).", required=True, limits=(1, 200)),
    Field("Start_here", SLUG, "Start here", "The slug of the article to read first (optional).", shown=False,
          example="when-the-spark-fades"),
), body="Introduction")

TEAM_MEMBER = Kind("team member", "profile", "TEAM_PATH", (
    Field("Name", NAME, "Name", "their name", required=True, limits=(1, 80), example="Ana Example"),
    Field("Slug", SLUG, "Slug", "The profile's address: /team/slug/. Made from the name when left out.",
          shown=False, example="ana-example"),
    Field("Credentials", TEXT, "Credentials", "their credentials", required=True, example="LMFT"),
    Field("Pronouns", TEXT, "Pronouns", "Optional.", example="she/her"),
    Field("Role", TEXT, "Role", "what they do here", required=True, example="Couples therapist"),
    Field("License", TEXT, "License", "the license's type", required=True,
          example="Licensed Marriage and Family Therapist"),
    Field("License_number", TEXT, "License number", "the license's number", required=True,
          example="LMFT 123456"),
    Field("License_states", TEXT_LIST, "License states", "the states that issued it", required=True,
          example="California"),
    Field("License_board", TEXT, "License board", "the board that issued it", required=True,
          example="Board of Behavioral Sciences"),
    Field("License_lookup", HTTPS, "License lookup", "The board's public page where readers can verify the "
          "license (on the board's own site).", shown=False,
          example="https://search.dca.ca.gov/details/2001/LMFT/123456"),
    Field("Photo", IMAGE, "Photo", "Optional, with Photo_alt.", shown=False,
          example="{static}/images/team/ana-example.jpg"),
    Field("Photo_alt", TEXT, "Photo description (alt text)", "Needed with a photo.",
          example="Ana, smiling, in the practice's garden"),
    Field("Languages", TEXT_LIST, "Languages", "The languages they see clients in.", example="English, Spanish"),
    Field("Specialties", TOPICS, "Specialties", "Topics of the site.", example="sexual intimacy, trust"),
    Field("Approach", TEXT_LIST, "Approach", "methods", example="Emotionally Focused Therapy, the Gottman Method"),
    Field("Online_states", TEXT_LIST, "Online sessions for clients in", "Where they see clients online.",
          example="California, Oregon"),
    Field("New_clients", YES_NO, "Taking new clients", "whether they take new clients", required=True,
          shown=False, example="yes"),
    Field("Placeholder", YES_NO, "Stand-in profile", "yes for a stand-in: never published", shown=False,
          editor=False),
    Field("Summary", TEXT, "Summary", "one sentence for the team page", required=True,
          limits=(70, 160), example="Ana helps couples ..."),
), body="Biography")

# The facts file (YAML): its fields are the facts, some of them groups of their own.
ADDRESS = (
    Field("street", TEXT, "the street address", example="100 Example Avenue, Suite 200"),
    Field("locality", TEXT, "the town or city", example="Springfield"),
    Field("region", TEXT, "the state (two letters)", example="SP"),
    Field("postal_code", TEXT, "the ZIP code", example="00000"),
    Field("country", COUNTRY, "the country (two letters, US)", example="US"),
)
FACTS = Kind("facts file", "facts file", "PRACTICE_FILE", (
    Field("name", TEXT, "the practice's short name", required=True, limits=(1, 40)),
    Field("full_name", TEXT, "the practice's full name", required=True),
    Field("tagline", TEXT, "the one-line description on the home page", required=True),
    Field("about", PARAGRAPH, "the paragraph about the practice on the home page", required=True),
    Field("site_url", SITE_URL, "the site's public address", required=True, example="https://www.example.org"),
    Field("phone", PHONE, "the phone number", required=True, example="(555) 010-0142"),
    Field("email", EMAIL, "the email address", required=True, example="hello@example.org"),
    Field("booking_url", HTTPS, "the online booking address", required=True),
    Field("address", GROUP, "the office address", required=True, fields=tuple(
        Field(item.name, item.type, item.label, required=True, example=item.example) for item in ADDRESS)),
    Field("hours", HOURS, "the opening hours", required=True),
    Field("area_served", TEXT, "where the practice sees clients", required=True),
    Field("consultation", GROUP, "the free consultation", required=True, fields=(
        Field("minutes", MINUTES, "the consultation's length in minutes", required=True, limits=(5, 240)),
        Field("summary", PARAGRAPH, "the sentence describing the consultation", required=True),
    )),
    Field("first_session", GROUP, "the first session", required=True, fields=(
        Field("minutes", MINUTES, "the first session's length in minutes", required=True, limits=(5, 240)),
        Field("fee", TEXT, "the fee for a session", required=True),
        Field("who_comes", TEXT, "who comes to the first session", required=True),
    )),
    Field("cancellation_policy", PARAGRAPH, "the cancellation policy", required=True),
    Field("crisis", GROUP, "the crisis line", required=True, fields=(
        Field("number", PHONE, "the crisis line's number", required=True),
        Field("service", TEXT, "the crisis line's name", required=True),
    )),
    Field("domestic_violence", GROUP, "the domestic-violence hotline", required=True, fields=(
        Field("service", TEXT, "the hotline's name", required=True),
        Field("phone", PHONE, "the hotline's phone number", required=True),
        Field("text", TEXT, "how to reach the hotline by text"),
        Field("url", HTTPS, "the hotline's website", required=True),
    )),
    Field("privacy_notice_url", HTTPS, "the address of the notice of privacy practices"),
    Field("placeholders", FACT_NAMES, "the list of facts still to be confirmed", shown=False),
), extensions=(".yml",))

# Files copied as they are. Images: what Pillow opens (and SVG drawings); a size a
# phone can load.
IMAGE_TYPES = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".gif": "GIF", ".webp": "WEBP",
               ".avif": "AVIF", ".svg": "SVG"}
IMAGE_BYTES_LIMIT = 5 * 1024 * 1024
IMAGE_PIXELS_LIMIT = 6000  # on the longer side
# content/extra/: the icons browsers ask for at the site's root, and documents offered
# for download (PDF only: a format that opens everywhere and runs nothing on this site).
EXTRA_FILES = {"favicon.ico": "ICO", "icon.svg": "SVG", "apple-touch-icon.png": "PNG"}
DOCUMENT_TYPES = {".pdf": "PDF"}
# Files the build makes at the site's root: a copy in extra/ is refused with why.
SITE_WRITTEN_FILES = {"robots.txt": "from its settings, with the sitemap's address",
                      "sitemap.xml": "from every published page"}
DOCUMENT_BYTES_LIMIT = 10 * 1024 * 1024

KINDS = (ARTICLE, PAGE, TOPIC, TEAM_MEMBER, FACTS)
MARKDOWN_KINDS = {kind.name: kind for kind in (ARTICLE, PAGE, TOPIC, TEAM_MEMBER)}
# Fields that hold several values, written "a, b, c" on one line (the editor's format splits them).
LIST_TYPES = (TEXT_LIST, TOPICS, SLUGS)
LIST_FIELDS = sorted({item.key for kind in MARKDOWN_KINDS.values() for item in kind.fields
                      if item.type in LIST_TYPES})

