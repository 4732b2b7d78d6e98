"""The browser editor's folder (/admin/): Decap CMS, the site's scripts for it, its config.

`write_admin` writes into one folder of the output: the admin page
(templates/index.html), its configuration (config.py, made from the site's own
rules), the site's file format and slug function for Decap (static/), `site.js`
(what the editor's scripts need to know about this build: the topics' names,
the stylesheet, where the checks are) and the Decap CMS bundle itself, copied
from the pinned npm package (never a CDN), with cached .br and .gz siblings, and
the yaml package's browser build (yaml/, ES modules) that the facts file's
format reads and writes with (loaded by the module yaml-global.js). In
the live preview it also writes `checks.json`: what the checker found in each
file, shown in the editor's preview pane.

The page is `noindex` and linked from no public page; its HTTP headers (its
own Content-Security-Policy: Decap needs 'unsafe-eval' and inline styles) come
from uplift.server, for /admin/ only.
"""

import gzip
import hashlib
import json
import shutil
from importlib import resources
from pathlib import Path

import brotli
import yaml

from uplift.checks.topics import normalise
from uplift.content import model
from uplift.content.templates import package_templates

from .config import CHECK_URL, collection_folders, editor_config

SITE_SCRIPTS = ["pelican-format.js", "pelican-slug.js", "facts-format.js", "uplift-cms.js"]  # in static/
STYLES = ["uplift-cms.css"]  # package data, in static/: the editor's own few styles
# In the order the page loads them: site.js first, as it holds Decap's start until the module
# that brings the YAML reader has run (see site_script).
SCRIPTS = ["site.js", "decap-cms.js", *SITE_SCRIPTS]
MODULES = ["yaml-global.js"]  # in static/ too; loaded as modules (after the page is parsed)
LIBRARY_FOLDER = "yaml"  # where the yaml package's browser build goes, next to the page
_TEMPLATES = package_templates("uplift.editor", autoescape=True)


def bundle_files(folder):
    """The files of Decap's build the page loads: the bundle, its lazy chunks, WebAssembly."""
    if not folder:
        return []
    folder = Path(folder)
    names = ["decap-cms.js", "decap-cms.js.LICENSE.txt"]
    names += sorted(path.name for path in folder.glob("*.decap-cms.js"))
    names += sorted(path.name for path in folder.glob("*.wasm"))
    return [folder / name for name in names if (folder / name).is_file()]


def library_files(folder):
    """The yaml package's browser build: (file, path relative to the build) for each module."""
    if not folder or not (Path(folder) / "index.js").is_file():
        return []
    folder = Path(folder)
    return [(path, path.relative_to(folder)) for path in sorted(folder.rglob("*.js"))]


def copy_if_changed(source, target):
    if not target.exists() or target.stat().st_size != source.stat().st_size or \
            target.stat().st_mtime_ns < source.stat().st_mtime_ns:
        shutil.copyfile(source, target)


def precompressed(source, cache, settings):
    """.br and .gz siblings of a bundle file, made once per version and kept in the cache:
    compressing 5 MB of JavaScript at brotli's best level takes seconds."""
    data = source.read_bytes()
    key = hashlib.sha256(data).hexdigest()[:16]
    made = []
    for wanted, suffix, compress in ((settings.get("PRECOMPRESS_BROTLI"), ".br", brotli.compress),
                                     (settings.get("PRECOMPRESS_GZIP"), ".gz",
                                      lambda raw: gzip.compress(raw, 9, mtime=0))):
        if not wanted or source.suffix not in (".js", ".txt"):
            continue
        cached = cache / f"{key}{suffix}"
        if not cached.exists():
            cache.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(compress(data))
        made.append((cached, suffix))
    return made


def site_script(topics, main_css, with_checks, settings=None):
    """site.js: what the editor's own scripts need to know about this build.

    with_checks: the live preview's (checks.json after each build, and /api/check, the
    checker on an entry as typed, before it is saved)."""
    settings = settings or {}
    names = {}
    for topic in topics:
        for term in (topic.name, topic.slug, *topic.aliases):
            names[normalise(term)] = topic.name.lower()
    collections = collection_folders(settings) if settings else {}
    data = {
        "topicNames": names,
        "previewStyles": [main_css],
        "checksUrl": "checks.json" if with_checks else "",
        "linksUrl": "links.json" if with_checks else "",
        "checkUrl": CHECK_URL if with_checks else "",
        "local": bool(with_checks),
        "sluggedCollections": ["articles", "pages", "topics", "team"],
        "collectionFolders": {name: folder for name, (folder, _) in collections.items()},
        "fieldOrder": {name: [item.key for item in kind.fields if item.editor]
                       for name, (_, kind) in collections.items()},
        "listFields": model.LIST_FIELDS,
        # The media library uploads into content/images/, which holds pictures only.
        "uploadTypes": sorted(model.IMAGE_TYPES),
        "timezone": settings.get("TIMEZONE", "America/New_York"),
        "siteName": settings.get("SITENAME", ""),
    }
    # Decap reads files as soon as it starts: the facts file needs window.YAML, which a module
    # brings (yaml-global.js), run after the classic scripts. It starts Decap (uplift-cms.js).
    return f"window.UPLIFT = {json.dumps(data, sort_keys=True)};\nwindow.CMS_MANUAL_INIT = true;\n"


def write_admin(folder, bundle, library, settings, topics, team, main_css, problems_by_file=None, inbound=None):
    """Write the editor into `folder`. bundle: bundle_files(); library: library_files();
    topics, team: what the build read; problems_by_file: {content-relative path: [Problem]}
    for checks.json, or None; inbound: {content-relative path: [{"path", "title"}] of what
    links there} for links.json."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    cache = Path(settings["CACHE_PATH"]) / "editor"
    for source in bundle:
        copy_if_changed(source, folder / source.name)
        for cached, suffix in precompressed(source, cache, settings):
            copy_if_changed(cached, folder / (source.name + suffix))
    for source, relative in library:
        target = folder / LIBRARY_FOLDER / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        copy_if_changed(source, target)
    static = resources.files("uplift.editor") / "static"
    for name in [*SITE_SCRIPTS, *STYLES, *MODULES]:
        (folder / name).write_bytes((static / name).read_bytes())
    (folder / "site.js").write_text(site_script(topics, main_css, problems_by_file is not None, settings),
                                    encoding="utf-8")
    config = editor_config(settings, team, settings["EDITOR_BACKEND"], settings["EDITOR_LOCAL_BACKEND"])
    (folder / "config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                                       encoding="utf-8")
    page = _TEMPLATES.get_template("index.html").render(name=settings.get("SITENAME", ""), scripts=SCRIPTS,
                                                        styles=STYLES, modules=MODULES)
    (folder / "index.html").write_text(page, encoding="utf-8")
    if problems_by_file is not None:
        write_checks(folder, settings, problems_by_file)
    if inbound is not None:  # before a delete, the editor names the pages whose links would break
        content = settings["EDITOR_CONTENT_FOLDER"]
        linking = {f"{content}/{target}": [{**entry, "path": f"{content}/{entry['path']}"} for entry in found]
                   for target, found in inbound.items()}
        (folder / "links.json").write_text(json.dumps(linking, sort_keys=True), encoding="utf-8")


def write_checks(folder, settings, problems_by_file):
    """checks.json: {path as the editor names it: [{line, message}]} (the live preview rewrites
    it alone after each save)."""
    content = settings["EDITOR_CONTENT_FOLDER"]
    checks = {f"{content}/{relative}": [{"line": problem.line, "message": problem.message}
                                        for problem in problems]
              for relative, problems in problems_by_file.items()}
    target = Path(folder) / "checks.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written aside, then moved: the editor may be reading it just then.
    partial = target.with_suffix(".json.partial")
    partial.write_text(json.dumps(checks, sort_keys=True), encoding="utf-8")
    partial.replace(target)
