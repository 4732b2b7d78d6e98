"""editor: the browser editor (Decap CMS) at /admin/, served from the site's own origin.

After each build this writes EDITOR_PATH/ into the output: the admin page, its
configuration (config.py, made from the site's own rules), the site's file
format and slug function for Decap (static/), `site.js` (what the editor needs
to know about this build: the topics' names, the stylesheet, where the checks
are) and the Decap CMS bundle itself, copied from the pinned npm package
(never a CDN). In the live preview it also writes `checks.json`: what the
checker found in each file, shown in the editor's preview pane.

The page is `noindex` and linked from no public page; it is not in the
sitemap, the feeds or the search index. Its HTTP headers (its own
Content-Security-Policy: Decap needs 'unsafe-eval' and inline styles) come from
plugins/security_headers, for /admin/ only.

Settings:
    EDITOR (bool, default True): write the editor.
    EDITOR_PATH (str, default "admin"): where, in the output.
    EDITOR_BUNDLE (str): the folder of decap-cms.js (default: node_modules/decap-cms/dist).
    EDITOR_REQUIRED (bool, default False): fail the build when the bundle is missing
        (production); otherwise the editor is left out, with a note, until `invoke edit`
        installs it.
    EDITOR_LOCAL_BACKEND (str or None): the local proxy's API (set by `invoke edit`).
    EDITOR_BACKEND (dict or None): the production git backend (see README, "Editing in the browser").
    EDITOR_CHECKS (bool, default False): write checks.json (the live preview).
"""

import gzip
import hashlib
import json
import logging
import shutil
from pathlib import Path

import brotli
import yaml
from pelican import signals

from .config import backend_origin, editor_config

__all__ = ["register", "editor_config", "backend_origin", "DEFAULTS"]

logger = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"
DEFAULTS = {
    "EDITOR": True,
    "EDITOR_PATH": "admin",
    "EDITOR_BUNDLE": str(Path(__file__).resolve().parents[2] / "node_modules" / "decap-cms" / "dist"),
    "EDITOR_REQUIRED": False,
    "EDITOR_LOCAL_BACKEND": None,
    "EDITOR_BACKEND": None,
    "EDITOR_CHECKS": False,
}
SCRIPTS = ["decap-cms.js", "site.js", "pelican-format.js", "pelican-slug.js", "uplift-cms.js"]
PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex, nofollow">
  <title>{name} · Editor</title>
  <link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
{scripts}
</body>
</html>
"""
_context = {}


def set_defaults(pelican):
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)


def remember(generators):
    _context.clear()
    _context.update(generators[0].context if generators else {})


def bundle_files(folder):
    """The files of Decap's build the page loads: the bundle, its lazy chunks, WebAssembly."""
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


def site_script(settings, main_css):
    """site.js: what the editor's own scripts need to know about this build."""
    from topics.vocabulary import normalise

    names = {}
    for topic in _context.get("topic_vocabulary", []):
        for term in (topic.name, topic.slug, *topic.aliases):
            names[normalise(term)] = topic.name.lower()
    data = {
        "topicNames": names,
        "previewStyles": [main_css],
        "checksUrl": "checks.json" if settings.get("EDITOR_CHECKS") else "",
        "sluggedCollections": ["articles", "pages", "topics", "team"],
    }
    return f"window.UPLIFT = {json.dumps(data, sort_keys=True)};\n"


def write_editor(pelican):
    settings = pelican.settings
    if not settings.get("EDITOR", True):
        return
    bundle = bundle_files(settings["EDITOR_BUNDLE"])
    if not bundle:
        message = ("The browser editor (Decap CMS) is not installed, so /admin/ is left out. "
                   "`invoke edit` installs it; so does `npm ci`.")
        if settings.get("EDITOR_REQUIRED"):
            logger.error(message)
        else:
            logger.info(message)
        return
    from asset_pipeline import fingerprinted_name

    folder = Path(pelican.output_path) / settings["EDITOR_PATH"]
    folder.mkdir(parents=True, exist_ok=True)
    cache = Path(settings["CACHE_PATH"]) / "editor"
    for source in bundle:
        copy_if_changed(source, folder / source.name)
        for cached, suffix in precompressed(source, cache, settings):
            copy_if_changed(cached, folder / (source.name + suffix))
    for name in ("pelican-format.js", "pelican-slug.js", "uplift-cms.js"):
        shutil.copyfile(STATIC / name, folder / name)

    css = "css/main.css"
    if settings.get("FINGERPRINT_ASSETS"):
        css = fingerprinted_name(css, (Path(settings["THEME"]) / "static" / css).read_bytes())
    main_css = f"{settings['SITEURL']}/{settings['THEME_STATIC_DIR']}/{css}"
    (folder / "site.js").write_text(site_script(settings, main_css), encoding="utf-8")
    config = editor_config(settings, _context.get("team", []), settings.get("EDITOR_BACKEND"),
                           settings.get("EDITOR_LOCAL_BACKEND"))
    (folder / "config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                                       encoding="utf-8")
    scripts = "\n".join(f'  <script src="{name}"></script>' for name in SCRIPTS)
    (folder / "index.html").write_text(PAGE.format(name=settings.get("SITENAME", ""), scripts=scripts),
                                       encoding="utf-8")
    if settings.get("EDITOR_CHECKS"):
        from content_checks import problems_by_file

        content = settings.get("EDITOR_CONTENT_FOLDER", "content")
        checks = {f"{content}/{relative}": [{"line": problem.line, "message": problem.message}
                                            for problem in problems]
                  for relative, problems in problems_by_file().items()}
        (folder / "checks.json").write_text(json.dumps(checks, sort_keys=True), encoding="utf-8")


def register():
    signals.initialized.connect(set_defaults)
    signals.all_generators_finalized.connect(remember)
    signals.finalized.connect(write_editor)
