"""Production assets: content-hashed names and minified HTML and CSS.

Templates link theme files through `asset_url("css/main.css")`. With
FINGERPRINT_ASSETS on, that returns a name carrying a hash of the file's
content (`css/main.3f2a9c1b7e.css`), so web servers may cache it for a year:
any change gives a new name. After the build the theme copies are renamed to
those names, and HTML and CSS are minified with minify-html.

Settings: FINGERPRINT_ASSETS, MINIFY_OUTPUT, FINGERPRINTED_FILES (settings.py).
"""

import os
from pathlib import Path

from pelican import signals

from .minify import fingerprinted_name, minify_css, minify_html_text


def _theme_static(settings):
    return Path(settings["THEME"]) / "static"


def asset_url(settings, relative):
    """The address of a theme file, with its content-hashed name when FINGERPRINT_ASSETS is on."""
    name = relative
    if settings["FINGERPRINT_ASSETS"]:
        name = fingerprinted_name(relative, (_theme_static(settings) / relative).read_bytes())
    return f"{settings['SITEURL']}/{settings['THEME_STATIC_DIR']}/{name}"


def add_asset_url(generator):
    settings = generator.settings
    cache = {}

    def cached_asset_url(relative):
        if relative not in cache:
            cache[relative] = asset_url(settings, relative)
        return cache[relative]

    generator.env.globals["asset_url"] = cached_asset_url


def finish_assets(pelican):
    settings, output = pelican.settings, Path(pelican.output_path)
    static_out = output / settings["THEME_STATIC_DIR"]
    if settings["FINGERPRINT_ASSETS"]:
        for relative in settings["FINGERPRINTED_FILES"]:
            source = _theme_static(settings) / relative
            target = static_out / fingerprinted_name(relative, source.read_bytes())
            os.replace(static_out / relative, target)
            if settings["MINIFY_OUTPUT"] and target.suffix == ".css":
                target.write_text(minify_css(target.read_text(encoding="utf-8")), encoding="utf-8")
    if settings["MINIFY_OUTPUT"]:
        for page in output.rglob("*.html"):
            page.write_text(minify_html_text(page.read_text(encoding="utf-8")), encoding="utf-8")


def register():
    signals.generator_init.connect(add_asset_url)
    signals.finalized.connect(finish_assets)
