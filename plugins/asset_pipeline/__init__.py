"""asset_pipeline: production assets: content-hashed names and minified HTML and CSS.

Templates link theme files through `asset_url("css/main.css")`. With
FINGERPRINT_ASSETS on, that returns a name carrying a hash of the file's
content (`css/main.3f2a9c1b7e.css`), so web servers may cache it for a year:
any change gives a new name. After the build the theme copies are renamed to
those names, and HTML and CSS are minified with minify-html.

Settings:
    FINGERPRINT_ASSETS (bool, default False): hashed names (production).
    MINIFY_OUTPUT (bool, default False): minify HTML and CSS (production).
    FINGERPRINTED_FILES (list): theme static files, relative to theme/static/.
"""

import os
from pathlib import Path

from pelican import signals

from .assets import fingerprinted_name, minify_css, minify_html_text

__all__ = ["register", "fingerprinted_name", "minify_css", "minify_html_text"]


def _theme_static(settings):
    return Path(settings["THEME"]) / "static"


def add_asset_url(generator):
    settings = generator.settings
    cache = {}

    def asset_url(relative):
        if relative not in cache:
            name = relative
            if settings.get("FINGERPRINT_ASSETS"):
                name = fingerprinted_name(relative, (_theme_static(settings) / relative).read_bytes())
            cache[relative] = f"{settings['SITEURL']}/{settings['THEME_STATIC_DIR']}/{name}"
        return cache[relative]

    generator.env.globals["asset_url"] = asset_url


def finish_assets(pelican):
    settings, output = pelican.settings, Path(pelican.output_path)
    static_out = output / settings["THEME_STATIC_DIR"]
    if settings.get("FINGERPRINT_ASSETS"):
        for relative in settings.get("FINGERPRINTED_FILES", []):
            source = _theme_static(settings) / relative
            target = static_out / fingerprinted_name(relative, source.read_bytes())
            os.replace(static_out / relative, target)
            if settings.get("MINIFY_OUTPUT") and target.suffix == ".css":
                target.write_text(minify_css(target.read_text(encoding="utf-8")), encoding="utf-8")
    if settings.get("MINIFY_OUTPUT"):
        for page in output.rglob("*.html"):
            page.write_text(minify_html_text(page.read_text(encoding="utf-8")), encoding="utf-8")


def register():
    signals.generator_init.connect(add_asset_url)
    signals.finalized.connect(finish_assets)
