"""The browser editor's configuration (Decap CMS config.yml), made from the site's own rules.

Built from the settings and the content the build has read, so the editor's
checks mirror the site's: the summary's length (SUMMARY_LENGTH), the statuses,
the topics (a pick-list over content/topics/), the people who may sign a post
(the practice and the team), the one date form, the slug the site makes.
"""

from urllib.parse import urlsplit

from uplift.checks.fields import STATUSES
from uplift.content.facts import FIELDS as FACTS

BODY_HINT = ("Markdown: ## for a section heading, - for a list item, **bold**, *italic*, "
             "[words](/page/) for a link, ![what it shows]({static}/images/name.jpg) for an image. "
             "See WRITING.md.")
SLUG_HINT = "Leave empty: the site makes it from the title. Never change it once published."
SLUG_PATTERN = ["^[a-z0-9]+(-[a-z0-9]+)*$", "lower-case letters, digits and hyphens only, like my-post"]


def string(label, name, hint="", required=True, **extra):
    field = {"label": label, "name": name, "widget": "string", "required": required}
    if hint:
        field["hint"] = hint
    return {**field, **extra}


def date(label, name, with_time=True, required=True, hint=""):
    field = {"label": label, "name": name, "widget": "datetime", "required": required,
             "format": "YYYY-MM-DD HH:mm" if with_time else "YYYY-MM-DD", "date_format": "YYYY-MM-DD",
             "time_format": "HH:mm" if with_time else False}
    if hint:
        field["hint"] = hint
    return field


def choice(label, name, options, required=True, multiple=False, hint="", default=None):
    field = {"label": label, "name": name, "widget": "select", "options": list(options),
             "required": required, "multiple": multiple}
    if hint:
        field["hint"] = hint
    if default is not None:
        field["default"] = default
    return field


def topics_field(label, name, required=True, hint=""):
    return {"label": label, "name": name, "widget": "relation", "collection": "topics",
            "value_field": "{{title | lower}}", "search_fields": ["title", "aliases"],
            "display_fields": ["title"], "multiple": True, "required": required, "options_length": 100,
            **({"min": 1} if required else {}), **({"hint": hint} if hint else {})}


def listing(label, name, hint="", required=False):
    return {"label": label, "name": name, "widget": "list", "required": required,
            **({"hint": hint} if hint else {})}


def body(label="Text", hint=BODY_HINT):
    return {"label": label, "name": "body", "widget": "markdown", "modes": ["raw"], "hint": hint}


def summary_field(bounds):
    low, high = bounds
    return string("Summary", "summary", f"One sentence of {low} to {high} characters, for readers deciding "
                  "whether to click: shown on cards and in search results.",
                  pattern=[f"^.{{{low},{high}}}$", f"one sentence of {low} to {high} characters"])


def slug_field():
    return string("Slug", "slug", SLUG_HINT, required=False, pattern=SLUG_PATTERN)


def markdown_collection(name, label, singular, folder, fields, **extra):
    return {"name": name, "label": label, "label_singular": singular, "folder": folder, "extension": "md",
            "format": "pelican", "create": True, "slug": "{{fields.slug}}", "fields": fields, **extra}


def editor_config(settings, members, backend=None, local_backend=None):
    """The config as a dict (written as YAML). members: the team (uplift.checks.team)."""
    bounds = tuple(settings.get("SUMMARY_LENGTH", (70, 160)))
    content = settings.get("EDITOR_CONTENT_FOLDER", "content")
    signers = [settings.get("AUTHOR", "")] + [member.name for member in members]
    clinicians = [member.name for member in members]
    articles = markdown_collection("articles", "Articles", "Article",
                                   f"{content}/{settings['ARTICLE_PATHS'][0]}", [
        string("Title", "title", "The post's heading, and its name in search results."),
        slug_field(),
        date("Date", "date", hint="When readers may see it (New York time). A later date schedules it."),
        topics_field("Topics", "tags", hint="One or more topics of the site."),
        summary_field(bounds),
        choice("Status", "status", STATUSES, required=False, default="draft",
               hint="draft while writing; published when it is ready for readers."),
        choice("Author", "author", signers, required=False, default=settings.get("AUTHOR", ""),
               hint="The practice, or the team member who wrote it."),
        choice("Reviewed by", "reviewed_by", clinicians, required=False,
               hint="The licensed clinician who reviewed it, with the date below."),
        date("Reviewed on", "reviewed_on", with_time=False, required=False),
        date("Updated", "modified", with_time=False, required=False,
             hint="Only when you revise a published post."),
        {"label": "Image", "name": "image", "widget": "image", "required": False, "choose_url": False,
         "hint": "A photograph shown under the title (optional). Describe it below."},
        string("Image description (alt text)", "image_alt", "What the photograph shows, for readers who "
               "cannot see it. Needed with an image.", required=False),
        body(),
    ], identifier_field="title", summary="{{title}} ({{date}}, {{status}})",
        sortable_fields=["date", "title"], preview_path="{{slug}}/")
    pages = markdown_collection("pages", "Practice pages", "Page", f"{content}/{settings['PAGE_PATHS'][0]}", [
        string("Title", "title"),
        slug_field(),
        summary_field(bounds),
        string("Layout", "template", "Leave as it is: some pages add the practice's facts.", required=False),
        date("Updated", "modified", with_time=False, required=False),
        choice("Status", "status", STATUSES, required=False),
        body(),
    ], identifier_field="title", preview_path="{{slug}}/")
    topics = markdown_collection("topics", "Topics", "Topic", f"{content}/{settings['TOPICS_PATH']}", [
        string("Title", "title", "The topic's name, as readers see it."),
        slug_field(),
        listing("Aliases", "aliases", "Other words writers may use for this topic in a post's Topics."),
        string("Description", "description", "One sentence saying what the topic covers."),
        string("Start here", "start_here", "The slug of the article to read first (optional).",
               required=False),
        body("Introduction", "A few paragraphs that open the topic's page."),
    ], identifier_field="title")
    team_folder = f"{content}/{settings.get('TEAM_PATH', 'team')}"
    team = markdown_collection("team", "Team", "Team member", team_folder, [
        string("Name", "name"),
        slug_field(),
        string("Credentials", "credentials", "Like LMFT, or PhD, LMFT."),
        string("Pronouns", "pronouns", required=False),
        string("Role", "role", "What they do here, like Couples therapist."),
        string("License", "license", "The license's type, like Licensed Marriage and Family Therapist."),
        string("License number", "license_number"),
        listing("License states", "license_states", "The states that issued the license.", required=True),
        string("License board", "license_board", "The board that issued it, so readers can check it."),
        {"label": "Photo", "name": "photo", "widget": "image", "required": False, "choose_url": False},
        string("Photo description (alt text)", "photo_alt", "Needed with a photo.", required=False),
        listing("Languages", "languages"),
        topics_field("Specialties", "specialties", required=False),
        listing("Approach", "approach", "Methods, like Emotionally Focused Therapy."),
        listing("Online sessions for clients in", "online_states"),
        choice("Taking new clients", "new_clients", ["yes", "no"]),
        summary_field(bounds),
        body("Biography"),
    ], identifier_field="name", preview_path="team/{{slug}}/")
    facts = {"name": "settings", "label": "The practice", "editor": {"preview": False}, "files": [{
        "name": "practice", "label": "The practice's facts",
        "file": f"{content}/{settings.get('PRACTICE_FILE', 'practice.yml')}",
        "fields": _fact_fields(FACTS)}]}
    config = {
        "backend": backend or {"name": "forgejo", "repo": "uplift/site", "branch": "main",
                               "api_root": "https://git.example.org/api/v1", "app_id": "REPLACE"},
        "media_folder": f"{content}/images",
        "public_folder": "{static}/images",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "site_url": settings.get("SITE_ORIGIN") or "",
        "display_url": settings.get("SITE_ORIGIN") or "",
        "show_preview_links": True,
        "collections": [articles, pages, topics, team, facts],
    }
    if config["backend"].get("name") in ("forgejo", "github", "gitlab", "bitbucket"):
        config["publish_mode"] = "editorial_workflow"
    if local_backend:
        config["local_backend"] = {"url": local_backend}
    return config


def _fact_fields(facts):
    fields = []
    for name, fact in facts.items():
        if fact.kind == "group":
            fields.append({"label": fact.label.removeprefix("the ").capitalize(), "name": name,
                           "widget": "object", "fields": _fact_fields(fact.fields)})
        elif fact.kind == "hours":
            fields.append({"label": "Opening hours", "name": name, "widget": "list", "fields": [
                string("Days", "days"), string("Times", "times")]})
        elif fact.kind == "list":
            fields.append(choice("Still to confirm", name, [key for key in facts if key != "placeholders"],
                                 required=False, multiple=True,
                                 hint="Facts that are stand-ins: publishing is refused while any is listed."))
        elif fact.kind == "minutes":
            fields.append({"label": fact.label.removeprefix("the ").capitalize(), "name": name,
                           "widget": "number", "value_type": "int", "min": 5, "max": 240})
        else:
            fields.append(string(fact.label.removeprefix("the ").capitalize(), name, required=fact.required,
                                 **({"pattern": ["^https://", "a whole address, starting with https://"]}
                                    if fact.kind == "url" else {})))
    return fields


def backend_origin(backend):
    """The git host the production editor talks to (for /admin/'s Content-Security-Policy)."""
    api = (backend or {}).get("api_root") or (backend or {}).get("base_url") or ""
    parts = urlsplit(api)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
