"""The favicons and the 1200x630 link-preview image, drawn from the mark of icon.svg."""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from uplift.checks.facts import facts_path, load_facts

FONTS = Path("/usr/share/fonts/truetype/dejavu")
SAND, TEAL, INK, MUTED = "#fbf8f3", "#1d5c52", "#25221e", "#4d473f"


def mark(size, corner_radius):
    """The two rings of content/extra/icon.svg (a 32-unit square), drawn 8x and reduced,
    so the rings stay smooth at every size."""
    scale = size * 8 / 32
    image = Image.new("RGBA", (size * 8, size * 8), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle([0, 0, size * 8 - 1, size * 8 - 1], radius=corner_radius * scale, fill=SAND)
    for centre_x in (12.5, 19.5):
        box = [(centre_x - 7.5) * scale, (16 - 7.5) * scale, (centre_x + 7.5) * scale, (16 + 7.5) * scale]
        pen.ellipse(box, outline=TEAL, width=round(2.6 * scale))
    return image.resize((size, size), Image.LANCZOS)


def font(name, size):
    path = FONTS / name
    return ImageFont.truetype(str(path), size) if path.exists() else ImageFont.load_default(size)


def share_image(name):
    """Link previews: the mark, the practice's name and the tagline on the site's sand colour."""
    share = Image.new("RGB", (1200, 630), SAND)
    share.paste(mark(200, 0).convert("RGB"), (110, 215))
    pen = ImageDraw.Draw(share)
    pen.text((360, 200), name, font=font("DejaVuSerif-Bold.ttf", 110), fill=INK)
    pen.text((364, 335), "Couples therapy", font=font("DejaVuSans.ttf", 44), fill=TEAL)
    pen.text((364, 410), "Free 15-minute consultation", font=font("DejaVuSans.ttf", 34), fill=MUTED)
    pen.rectangle([0, 610, 1200, 630], fill=TEAL)
    return share


def draw_images(project):
    """Redraw content/extra's favicons and the theme's share.png."""
    settings = project.settings()
    extra = Path(settings["PATH"]) / "extra"
    mark(180, 0).convert("RGB").save(extra / "apple-touch-icon.png", optimize=True)
    mark(48, 7).save(extra / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    practice, _ = load_facts(facts_path(settings))
    target = Path(settings["THEME"]) / "static" / "images" / "share.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    share_image(practice["name"]).save(target, optimize=True)
