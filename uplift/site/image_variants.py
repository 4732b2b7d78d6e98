"""Pure functions: which widths to make, the variants themselves, the <picture> markup."""

import hashlib
import html
import io
import posixpath
import re

from PIL import Image

_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ATTRIBUTE = re.compile(r'([a-zA-Z-]+)\s*=\s*"([^"]*)"')
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}


def widths_for(source_width, candidates):
    """The candidate widths an image can honestly fill (never enlarged), at least one."""
    fitting = [w for w in sorted(candidates) if w <= source_width]
    return fitting or [source_width]


def variant_name(src, width, extension):
    stem, _ = posixpath.splitext(src)
    return f"{stem}-{width}w{extension}"


def image_size(path):
    """(width, height) in pixels, reading only the file's header."""
    with Image.open(path) as image:
        return image.size


def make_variant(data, width, image_format):
    """The image scaled to `width` pixels wide, encoded as `image_format`."""
    with Image.open(io.BytesIO(data)) as image:
        image = image.convert("RGBA" if image_format == "PNG" and image.mode in ("RGBA", "LA", "P")
                              else "RGB")
        height = round(image.height * width / image.width)
        resized = image.resize((width, height), Image.LANCZOS)
        out = io.BytesIO()
        options = {"WEBP": {"quality": 80, "method": 4}, "JPEG": {"quality": 82, "optimize": True,
                   "progressive": True}, "PNG": {"optimize": True}}[image_format]
        resized.save(out, image_format, **options)
        return out.getvalue(), height


def digest(data):
    return hashlib.sha256(data).hexdigest()[:16]


def img_tags(fragment):
    """[(the <img> tag, {attribute: value})] in an HTML fragment."""
    return [(match.group(0), {k.lower(): html.unescape(v) for k, v in _ATTRIBUTE.findall(match.group(0))})
            for match in _IMG.finditer(fragment)]


def picture(attributes, fallback, webp, width, height, sizes, eager):
    """A <picture> with a WebP source and the original format as the fallback <img>.

    fallback, webp: [(url, width)] from small to large."""
    def srcset(variants):
        return ", ".join(f"{url} {w}w" for url, w in variants)

    extra = "".join(f' {name}="{html.escape(value)}"' for name, value in attributes.items()
                    if name in ("title", "class"))
    loading = 'loading="eager" fetchpriority="high"' if eager else 'loading="lazy"'
    default = min(fallback, key=lambda v: abs(v[1] - width))
    return (f'<picture><source type="image/webp" srcset="{srcset(webp)}" sizes="{sizes}">'
            f'<img src="{default[0]}" srcset="{srcset(fallback)}" sizes="{sizes}" '
            f'width="{width}" height="{height}" alt="{html.escape(attributes.get("alt", ""))}"'
            f'{extra} {loading} decoding="async"></picture>')
