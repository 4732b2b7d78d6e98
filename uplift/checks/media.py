"""Files copied as they are (content/images/, content/extra/): inspected before anything is published.

An image must be what its name says (Pillow opens it, and its format is the one
its extension names), of a size a phone can load; an SVG only draws (no script,
event handlers, external references or foreign objects). extra/ holds only the
files the site declares (its icons) and PDF documents. A link (symlink) anywhere
under content/ is refused: nothing outside the site is ever read into it.
"""

import os
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

from uplift.content import Problem, model

from .files import is_system_file

SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
# What an SVG drawing is made of; anything else (script, foreignObject, iframe, image,
# animation that sets attributes...) is refused.
SVG_ELEMENTS = {"svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text",
                "tspan", "defs", "lineargradient", "radialgradient", "stop", "title", "desc", "clippath",
                "mask", "symbol", "use", "style", "pattern", "marker", "filter", "fegaussianblur", "feoffset",
                "feblend", "fecolormatrix", "femerge", "femergenode", "feflood", "fecomposite"}
_EXTERNAL_IN_STYLE = re.compile(r"@import|url\(\s*['\"]?(?!#)", re.I)
_SCRIPT_URL = re.compile(r"^\s*(javascript|data|vbscript):", re.I)


def links(root):
    """Content-relative paths (with "/") of every link under `root`, not followed."""
    found = []
    for folder, folders, files in os.walk(root, followlinks=False):
        for name in [*folders, *files]:
            path = Path(folder) / name
            if path.is_symlink():
                found.append(path.relative_to(root).as_posix())
    return sorted(found)


def link_problems(root, shown):
    return [Problem(shown(relative), 1, f"this is a link to '{os.readlink(Path(root) / relative)}', not a file. "
                    "The site never reads anything through a link (it could publish files from outside "
                    "the site). Put the file itself here, or delete the link.")
            for relative in links(root)]


def _megabytes(size):
    return f"{size / 1024 / 1024:.1f} MB"


def image_problems(path):
    """Messages for one file of content/images/ (or a declared icon of extra/)."""
    suffix = path.suffix.lower()
    size = path.stat().st_size
    if suffix not in model.IMAGE_TYPES:
        if suffix in model.DOCUMENT_TYPES:
            return ["documents belong in content/extra/, not with the images. Move it there and link it "
                    f"with [its title]({{static}}/extra/{path.name})."]
        kinds = ", ".join(sorted(model.IMAGE_TYPES))
        return [f"content/images/ holds pictures only ({kinds}); a '{suffix or path.name}' file is not one, "
                "and the site will not publish it. Delete it, or ask the web team where it belongs."]
    if size > model.IMAGE_BYTES_LIMIT:
        return [f"the image is {_megabytes(size)}, more than a phone should load "
                f"({_megabytes(model.IMAGE_BYTES_LIMIT)} at most). Save it smaller: "
                f"{model.IMAGE_PIXELS_LIMIT} pixels on the longer side at most, as JPEG at 80% quality "
                "(most photo apps offer Export or Resize)."]
    if suffix == ".svg":
        return svg_problems(path)
    expected = model.IMAGE_TYPES[suffix]
    try:
        with Image.open(path) as image:
            found, width, height = image.format, image.width, image.height
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return [f"this file is not a picture the site can show, though its name ends in '{suffix}'. Open it "
                "in a photo app and save or export it again as JPEG or PNG."]
    if found != expected:
        right = next((ext for ext, name in model.IMAGE_TYPES.items() if name == found), None)
        rename = f" Rename it to '{path.stem}{right}'." if right else " Save it again as JPEG or PNG."
        return [f"this picture is a {found} file, not the {expected} its name ends with ('{suffix}').{rename}"]
    if max(width, height) > model.IMAGE_PIXELS_LIMIT:
        return [f"the image is {width} x {height} pixels. Save it at {model.IMAGE_PIXELS_LIMIT} pixels or "
                "fewer on the longer side: the site makes smaller copies for phones from it."]
    return []


def svg_problems(path):
    """An SVG may draw; nothing in it may run, fetch or embed."""
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        return [f"this SVG drawing cannot be read ({error}). Export it again from the drawing program."]
    if root.tag != f"{SVG_NAMESPACE}svg":
        return ["this file is not an SVG drawing, though its name ends in '.svg'. Export it again as SVG, or "
                "save it as PNG."]
    found = []
    for element in root.iter():
        tag = element.tag.removeprefix(SVG_NAMESPACE).lower() if isinstance(element.tag, str) else ""
        if tag not in SVG_ELEMENTS:
            found.append(f"<{tag or 'a processing instruction'}>")
        if tag == "style" and _EXTERNAL_IN_STYLE.search(element.text or ""):
            found.append("a style that loads another file")
        for name, value in element.attrib.items():
            bare = name.rsplit("}", 1)[-1].lower()
            if bare.startswith("on"):
                found.append(f"'{bare}=' (it runs script)")
            elif bare == "href" and not value.startswith("#"):
                found.append(f"a link to '{value[:40]}'")
            elif _SCRIPT_URL.match(value) or (bare == "style" and _EXTERNAL_IN_STYLE.search(value)):
                found.append(f"'{bare}={value[:30]}'")
    if found:
        listed = ", ".join(dict.fromkeys(found))
        return [f"this SVG holds more than a drawing: {listed}. A picture on the site may not run script or "
                "load anything. Export it again as a plain drawing, or save it as PNG."]
    return []


def extra_problems(path):
    name, suffix = path.name, path.suffix.lower()
    if name in model.EXTRA_FILES:
        return image_problems(path) if suffix in model.IMAGE_TYPES else _icon_problems(path)
    if suffix in model.DOCUMENT_TYPES:
        if path.stat().st_size > model.DOCUMENT_BYTES_LIMIT:
            return [f"the document is {_megabytes(path.stat().st_size)}; "
                    f"{_megabytes(model.DOCUMENT_BYTES_LIMIT)} at most. Save it smaller (most programs offer "
                    "'Reduce file size' when saving as PDF)."]
        with path.open("rb") as data:
            if data.read(5) != b"%PDF-":
                return ["this file is not a PDF document, though its name ends in '.pdf'. Save it again as PDF."]
        return []
    if name in model.SITE_WRITTEN_FILES:
        return [f"the site writes {name} itself ({model.SITE_WRITTEN_FILES[name]}), so this copy would never "
                "be used. Delete it, or ask the web team to change the site's settings."]
    declared = ", ".join(sorted(model.EXTRA_FILES))
    return [f"content/extra/ holds only the site's icons ({declared}) and PDF documents; the site will not "
            "publish this file. Move pictures to content/images/, or delete it."]


def _icon_problems(path):
    try:
        with Image.open(path) as image:
            found = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        found = None
    expected = model.EXTRA_FILES[path.name]
    if found != expected:
        return [f"this is not a {expected} icon, though browsers will ask for it as one. Redraw the icons "
                "with `invoke images`."]
    return []


def media_problems(root, files, shown, images_folder="images", extra_folder="extra"):
    """[Problem] for the files of the images and extra folders (content-relative paths)."""
    problems = []
    for relative in sorted(files):
        parts = PurePosixPath(relative).parts
        if len(parts) < 2 or any(is_system_file(part) for part in parts):
            continue
        path = Path(root) / relative
        if path.is_symlink() or not path.is_file():
            continue  # links are refused by link_problems
        if parts[0] == images_folder:
            messages = image_problems(path)
        elif parts[0] == extra_folder:
            messages = extra_problems(path)
        else:
            continue
        problems += [Problem(shown(relative), 1, message) for message in messages]
    return problems
