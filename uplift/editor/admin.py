"""The browser editor's folder (/admin/): Decap CMS, the site's scripts for it, its config.

`write_admin` writes into one folder of the output: the admin page
(templates/index.html), its configuration (config.py, made from the site's own
rules), the site's file format and slug function for Decap (static/), `site.js`
(what the editor's scripts need to know about this build: the topics' names,
the stylesheet, where the checks are) and the Decap CMS bundle itself, copied
from the pinned npm package (never a CDN), with cached .br and .gz siblings. In
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
from uplift.content.templates import package_templates

from .config import editor_config

SITE_SCRIPTS = ["pelican-format.js", "pelican-slug.js", "uplift-cms.js"]  # package data, in static/
SCRIPTS = ["decap-cms.js", "site.js", *SITE_SCRIPTS]  # in the order the page loads them
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


def site_script(topics, main_css, with_checks):
    """site.js: what the editor's own scripts need to know about this build."""
    names = {}
    for topic in topics:
        for term in (topic.name, topic.slug, *topic.aliases):
            names[normalise(term)] = topic.name.lower()
    data = {
        "topicNames": names,
        "previewStyles": [main_css],
        "checksUrl": "checks.json" if with_checks else "",
        "sluggedCollections": ["articles", "pages", "topics", "team"],
    }
    return f"window.UPLIFT = {json.dumps(data, sort_keys=True)};\n"


def write_admin(folder, bundle, settings, topics, team, main_css, problems_by_file=None):
    """Write the editor into `folder`. bundle: bundle_files(); topics, team: what the build
    read; problems_by_file: {content-relative path: [Problem]} for checks.json, or None."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    cache = Path(settings["CACHE_PATH"]) / "editor"
    for source in bundle:
        copy_if_changed(source, folder / source.name)
        for cached, suffix in precompressed(source, cache, settings):
            copy_if_changed(cached, folder / (source.name + suffix))
    static = resources.files("uplift.editor") / "static"
    for name in SITE_SCRIPTS:
        (folder / name).write_bytes((static / name).read_bytes())
    (folder / "site.js").write_text(site_script(topics, main_css, problems_by_file is not None),
                                    encoding="utf-8")
    config = editor_config(settings, team, settings["EDITOR_BACKEND"], settings["EDITOR_LOCAL_BACKEND"])
    (folder / "config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                                       encoding="utf-8")
    page = _TEMPLATES.get_template("index.html").render(name=settings.get("SITENAME", ""), scripts=SCRIPTS)
    (folder / "index.html").write_text(page, encoding="utf-8")
    if problems_by_file is not None:
        write_checks(folder, settings, problems_by_file)


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
