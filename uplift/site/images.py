"""Every image in a post becomes a responsive <picture>.

For each <img> of an article or page whose file lives in content/, the plugin
makes WebP and original-format copies at the RESPONSIVE_IMAGE_WIDTHS the
image can fill (never enlarged), and replaces the tag with a <picture> that
has `width` and `height` (no layout shift), `sizes` matching the column, and
lazy loading for every image but the first. Copies are made once and kept in
CACHE_PATH/responsive-images/ (named by the image's content hash), then
copied into the output after each build.

Settings: RESPONSIVE_IMAGE_WIDTHS (widths to make), RESPONSIVE_IMAGE_SIZES (the `sizes`
attribute), RESPONSIVE_IMAGE_DISPLAY_WIDTH (the width given to `width`/`height`).
"""

import json
import logging
import posixpath
import re
import shutil
from html import escape
from pathlib import Path
from types import SimpleNamespace

from pelican import signals

from . import state
from .image_variants import (
    FORMATS,
    digest,
    image_size,
    img_tags,
    make_variant,
    picture,
    variant_name,
    widths_for,
)

logger = logging.getLogger(__name__)
_SRCSET_URL = re.compile(r'srcset="([^"]+)"')
MANIFEST = "manifest.json"  # in the cache folder: variant URL -> cached file


def _source_file(src, content, settings):
    """The file in content/ an <img src> names, or None for anything else."""
    for prefix in ("{static}", "{attach}"):
        if src.startswith(prefix):
            src = src[len(prefix):]
    siteurl = settings.get("SITEURL", "")
    if siteurl and src.startswith(siteurl):
        src = src[len(siteurl):]
    if "://" in src or src.startswith("data:"):
        return None, None
    if src.startswith("/"):
        relative = src.lstrip("/")
    else:
        relative = posixpath.normpath(posixpath.join(posixpath.dirname(content.relative_source_path), src))
    path = Path(settings["PATH"]) / relative
    return (path, "/" + relative) if path.is_file() else (None, None)


def _variants(path, url, settings):
    """([(url, width)] fallback, [(url, width)] webp, display width, height)."""
    data = path.read_bytes()
    extension = path.suffix.lower()
    cache = Path(settings["CACHE_PATH"]) / "responsive-images"
    cache.mkdir(parents=True, exist_ok=True)
    key = digest(data)
    source_width, source_height = image_size(path)
    widths = widths_for(source_width, settings["RESPONSIVE_IMAGE_WIDTHS"])
    to_copy = state.of(settings).image_copies
    fallback, webp = [], []
    for width in widths:
        for target_list, ext, image_format in ((fallback, extension, FORMATS[extension]),
                                               (webp, ".webp", "WEBP")):
            cached = cache / f"{key}-{width}{ext}"
            if not cached.exists():
                encoded, _ = make_variant(data, width, image_format)
                cached.write_bytes(encoded)
            variant = variant_name(url, width, ext)
            to_copy[variant.lstrip("/")] = cached
            _remember(cache, variant, cached)
            target_list.append((settings.get("SITEURL", "") + variant, width))
    display = min(settings["RESPONSIVE_IMAGE_DISPLAY_WIDTH"], source_width)
    return fallback, webp, display, round(source_height * display / source_width)


def responsive_html(html, relative_source_path, settings):
    """`html` with each <img> of a file in content/ replaced by a responsive <picture>.

    relative_source_path: where the HTML comes from, for relative image paths."""
    if not html or "<img" not in html:
        return html
    sizes = settings["RESPONSIVE_IMAGE_SIZES"]
    where = SimpleNamespace(relative_source_path=relative_source_path)
    for index, (tag, attributes) in enumerate(img_tags(html)):
        path, url = _source_file(attributes.get("src", ""), where, settings)
        if path is None or path.suffix.lower() not in FORMATS:
            continue
        fallback, webp, width, height = _variants(path, url, settings)
        html = html.replace(tag, picture(attributes, fallback, webp, width, height, sizes,
                                         eager=index == 0), 1)
    return html


def make_responsive(content):
    html = getattr(content, "_content", None)
    if html and "<img" in html:
        content._content = responsive_html(html, content.relative_source_path, content.settings)
    image = getattr(content, "image", None)
    if image:  # an article's lead image (its Image and Image_alt fields)
        tag = f'<img src="{escape(image)}" alt="{escape(getattr(content, "image_alt", "") or "")}">'
        html = responsive_html(tag, content.relative_source_path, content.settings)
        # A format without variants (SVG, GIF) keeps its tag: its address still needs the site's.
        content.lead_image_html = html.replace('src="{static}', f'src="{content.settings.get("SITEURL", "")}')


def _remember(cache, variant, cached):
    manifest_path = cache / MANIFEST
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    if manifest.get(variant) != cached.name:
        manifest[variant] = cached.name
        manifest_path.write_text(json.dumps(manifest, indent=0, sort_keys=True))


def needed_by_cached_content(generator):
    """Posts loaded from Pelican's content cache skip content_object_init: find the
    variants their markup names and queue them for copying too."""
    items = [*getattr(generator, "articles", []), *getattr(generator, "drafts", []),
             *getattr(generator, "pages", []), *getattr(generator, "hidden_pages", [])]
    cache = Path(generator.settings["CACHE_PATH"]) / "responsive-images"
    manifest_path = cache / MANIFEST
    if not manifest_path.exists():
        return
    manifest = json.loads(manifest_path.read_text())
    siteurl = generator.settings.get("SITEURL", "")
    to_copy = state.of(generator.settings).image_copies
    for item in items:
        html = getattr(item, "_content", "") or ""
        if "<picture" not in html:
            continue
        for srcset in _SRCSET_URL.findall(html):
            for candidate in srcset.split(","):
                url = candidate.strip().split(" ")[0].removeprefix(siteurl)
                if url in manifest:
                    to_copy[url.lstrip("/")] = cache / manifest[url]


def copy_variants(pelican):
    for relative, cached in state.of(pelican.settings).image_copies.items():
        target = Path(pelican.output_path) / relative
        if not target.exists() or target.stat().st_size != cached.stat().st_size:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, target)


def register():
    signals.content_object_init.connect(make_responsive)
    signals.article_generator_finalized.connect(needed_by_cached_content)
    signals.page_generator_finalized.connect(needed_by_cached_content)
    signals.finalized.connect(copy_variants)
