"""The browser editor's configuration (Decap CMS config.yml), made from the content model.

Every collection's fields come from uplift.content.model (labels, hints, which are
required, types as widgets), with what the build has read: the summary's length
(SUMMARY_LENGTH), the topics (a pick-list over content/topics/), the people who may
sign a post (the practice and the team), the one date form, the slug the site makes.
"""

from urllib.parse import urlsplit

from uplift.content import model

# Decap renders hints as Markdown: the examples are escaped so that they show as typed.
BODY_HINT = ("Markdown: \\## for a section heading, \\- for a list item, \\*\\*bold\\*\\*, \\*italic\\*, "
             "\\[words\\](/page/) for a link, \\!\\[what it shows\\]({static}/images/name.jpg) for an "
             "image. See WRITING.md.")
# The preview's own address for the checker on an entry as typed (uplift.preview.entry_check).
CHECK_URL = "/api/check"
DATE_PATTERN = ["^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$", "year-month-day and a 24-hour time, like 2025-09-16 09:00"]
DAY_PATTERN = ["^\\d{4}-\\d{2}-\\d{2}$", "year-month-day, like 2025-09-16"]
FACTS_FORMAT = "uplift-facts"  # registered by static/uplift-cms.js
SLUG_HINT = "Leave empty: the site makes it from the title. Never change it once published."
SLUG_PATTERN = ["^[a-z0-9]+(-[a-z0-9]+)*$", "lower-case letters, digits and hyphens only, like my-post"]


def string(label, name, hint="", required=True, **extra):
    field = {"label": label, "name": name, "widget": "string", "required": required}
    if hint:
        field["hint"] = hint
    return {**field, **extra}


def date(label, name, with_time=True, required=True, hint=""):
    # "sitedate" (uplift-cms.js): typed year-month-day, "Now" in the site's zone, never the
    # browser's mm/dd/yyyy picker or its clock's zone.
    field = {"label": label, "name": name, "widget": "sitedate", "required": required,
             "time_format": "HH:mm" if with_time else False,
             "pattern": DATE_PATTERN if with_time else DAY_PATTERN}
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
    # Markdown typed as it is: no rich-text mode, so no toolbar of buttons that do nothing.
    return {"label": label, "name": "body", "widget": "markdown", "modes": ["raw"], "buttons": [],
            "editor_components": [], "hint": hint}


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


def hint_of(item):
    """The model's help as the editor shows it under the field: a sentence as it is; a phrase
    ("the license's type") with its example ("The license's type, like LMFT 123456.")."""
    if not item.help or item.help[:1].isupper():
        return item.help
    example = f", like {item.example}" if item.example else ""
    return f"{item.help[:1].upper()}{item.help[1:]}{example}."


def model_field(item, kind, settings, members):
    """The Decap field of one field of a kind of the model (uplift.content.model)."""
    name, label, hint = item.key, item.label, hint_of(item)
    if item.type is model.SLUG and name == "slug":
        return slug_field()
    if name == "summary":  # the site's SUMMARY_LENGTH, as the checker reads it
        return summary_field(tuple(settings.get("SUMMARY_LENGTH", item.limits)))
    if item.type in (model.DATE, model.DATETIME):
        return date(label, name, with_time=item.type is model.DATETIME, required=item.required, hint=hint)
    if item.type is model.TOPICS:
        return topics_field(label, name, required=item.required, hint=hint)
    if item.type is model.CHOICE:
        return choice(label, name, item.choices, required=item.required, hint=hint,
                      default="draft" if kind is model.ARTICLE and name == "status" else None)
    if item.type is model.PERSON:
        signers = [member.name for member in members]
        if name == "author":  # the practice may sign a post; only a clinician reviews one
            return choice(label, name, [settings.get("AUTHOR", ""), *signers], required=item.required,
                          default=settings.get("AUTHOR", ""), hint=hint)
        return choice(label, name, signers, required=item.required, hint=hint)
    if item.type is model.YES_NO:
        return choice(label, name, ["yes", "no"], required=item.required)
    if item.type is model.IMAGE:
        return {"label": label, "name": name, "widget": "image", "required": item.required, "choose_url": False,
                **({"hint": hint} if hint else {})}
    if item.type in (model.TEXT_LIST, model.SLUGS):
        return listing(label, name, hint, required=item.required)
    extra = {}
    if item.type is model.HTTPS:
        extra["pattern"] = ["^https://", "a whole address, starting with https://"]
    elif item.limits and name != "summary":
        extra["pattern"] = [f"^.{{{item.limits[0]},{item.limits[1]}}}$",
                            f"at most {item.limits[1]} characters"]
    return string(label, name, hint, required=item.required, **extra)


def kind_fields(kind, settings, members, body_hint=BODY_HINT):
    fields = [model_field(item, kind, settings, members) for item in kind.fields if item.editor]
    return [*fields, body(kind.body, body_hint)]


def collection_folders(settings):
    """{collection name: (its folder as the editor's backend names it, the model's kind)}."""
    content = settings.get("EDITOR_CONTENT_FOLDER", "content")
    return {"articles": (f"{content}/{settings['ARTICLE_PATHS'][0]}", model.ARTICLE),
            "pages": (f"{content}/{settings['PAGE_PATHS'][0]}", model.PAGE),
            "topics": (f"{content}/{settings['TOPICS_PATH']}", model.TOPIC),
            "team": (f"{content}/{settings.get('TEAM_PATH', 'team')}", model.TEAM_MEMBER)}


def editor_config(settings, members, backend=None, local_backend=None):
    """The config as a dict (written as YAML). members: the team (uplift.checks.team)."""
    content = settings.get("EDITOR_CONTENT_FOLDER", "content")
    folders = {name: folder for name, (folder, _) in collection_folders(settings).items()}
    # No preview_path: Decap's "View Live" would show for drafts too; the preview pane links to
    # the page when, and only when, it is on the site.
    articles = markdown_collection("articles", "Articles", "Article", folders["articles"],
                                   kind_fields(model.ARTICLE, settings, members), identifier_field="title",
                                   summary="{{title}} \u00b7 {{status | default('published')}} \u00b7 {{date}}",
                                   sortable_fields=["date", "title"])
    pages = markdown_collection("pages", "Practice pages", "Page", folders["pages"],
                                kind_fields(model.PAGE, settings, members), identifier_field="title")
    topics = markdown_collection("topics", "Topics", "Topic", folders["topics"],
                                 kind_fields(model.TOPIC, settings, members,
                                             "A few paragraphs that open the topic's page."),
                                 identifier_field="title")
    team = markdown_collection("team", "Team", "Team member", folders["team"],
                               kind_fields(model.TEAM_MEMBER, settings, members), identifier_field="name")
    # FACTS_FORMAT (static/facts-format.js) writes back only what the writer changed.
    facts = {"name": "settings", "label": "The practice", "editor": {"preview": False},
             "format": FACTS_FORMAT, "extension": "yml", "files": [{
        "name": "practice", "label": "The practice's facts",
        "file": f"{content}/{settings.get('PRACTICE_FILE', 'practice.yml')}",
        "fields": _fact_fields(model.FACTS.fields)}]}
    config = {
        "backend": backend or {"name": "forgejo", "repo": "uplift/site", "branch": "main",
                               "api_root": "https://git.example.org/api/v1", "app_id": "REPLACE"},
        "media_folder": f"{content}/images",
        "public_folder": "{static}/images",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "site_url": settings.get("SITE_ORIGIN") or "",
        "display_url": settings.get("SITE_ORIGIN") or "",
        "show_preview_links": False,
        "logo_url": "/icon.svg",  # the practice's mark on the login screen (content/extra/icon.svg)
        "collections": [articles, pages, topics, team, facts],
    }
    if config["backend"].get("name") in ("forgejo", "github", "gitlab", "bitbucket"):
        config["publish_mode"] = "editorial_workflow"
    if local_backend:
        config["local_backend"] = {"url": local_backend}
    return config


def _fact_fields(facts):
    fields = []
    for fact in facts:
        name, label = fact.name, fact.label.removeprefix("the ").capitalize()
        if fact.type is model.GROUP:
            fields.append({"label": label, "name": name, "widget": "object",
                           "fields": _fact_fields(fact.fields)})
        elif fact.type is model.HOURS:
            fields.append({"label": "Opening hours", "name": name, "widget": "list",
                           "summary": "{{fields.days}}: {{fields.times}}", "fields": [
                               string("Days", "days"), string("Times", "times")]})
        elif fact.type is model.FACT_NAMES:
            fields.append(choice("Still to confirm", name, [item.name for item in facts if item is not fact],
                                 required=False, multiple=True,
                                 hint="Facts that are stand-ins: publishing is refused while any is listed."))
        elif fact.type is model.MINUTES:
            low, high = fact.limits
            fields.append({"label": label, "name": name, "widget": "number", "value_type": "int",
                           "min": low, "max": high})
        elif fact.type is model.PARAGRAPH:  # a few sentences: a box of several lines
            fields.append({"label": label, "name": name, "widget": "text", "required": fact.required})
        else:
            fields.append(string(label, name, required=fact.required,
                                 **({"pattern": ["^https://", "a whole address, starting with https://"]}
                                    if fact.type in (model.HTTPS, model.SITE_URL) else {})))
    return fields


def backend_origin(backend):
    """The git host the production editor talks to (for /admin/'s Content-Security-Policy)."""
    api = (backend or {}).get("api_root") or (backend or {}).get("base_url") or ""
    parts = urlsplit(api)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
