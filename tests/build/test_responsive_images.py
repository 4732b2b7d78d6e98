"""A photograph in a post becomes a responsive <picture>, built once and cached."""

import json
import re
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageDraw, ImageFilter

from tests.helpers import FIXTURE_CONTENT, ROOT, build_fixture_site

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
POST = """Title: A walk by the sea
Slug: a-walk-by-the-sea
Date: 2025-11-05 09:00
Tags: communication
Summary: Why an unhurried walk together can be one of the easiest ways back to closeness for couples.

Walking side by side takes the pressure off talking face to face.

![Two people walking on a beach at dusk]({static}/images/dusk.jpg)

## Small rituals

Some couples keep the walk short and regular.

![A narrow path through tall grass](/images/path.png)
"""


CAPITALS = """Title: A photo named in capitals
Slug: capitals
Date: 2025-11-06 09:00
Tags: communication
Summary: A post whose photograph has capital letters in its file name, as cameras and editors save them.

![The sea at dusk]({static}/images/Sea-Walk.JPG)
"""


def photograph(path, size):
    """A generated 'photograph': sky and sea gradients with soft shapes."""
    width, height = size
    image = Image.new("RGB", size)
    pen = ImageDraw.Draw(image)
    for y in range(height):
        shade = y / height
        pen.line([(0, y), (width, y)], fill=(int(240 - 120 * shade), int(170 - 60 * shade),
                                             int(120 + 100 * shade)))
    pen.ellipse([width * 0.6, height * 0.2, width * 0.75, height * 0.4], fill=(255, 220, 160))
    pen.rectangle([0, height * 0.65, width, height], fill=(40, 80, 110))
    image.filter(ImageFilter.GaussianBlur(2)).save(path)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("images")
    shutil.copytree(FIXTURE_CONTENT, tmp / "content")
    (tmp / "content" / "images").mkdir()
    photograph(tmp / "content" / "images" / "dusk.jpg", (2400, 1600))
    photograph(tmp / "content" / "images" / "path.png", (900, 600))
    photograph(tmp / "content" / "images" / "Sea-Walk.JPG", (900, 600))
    (tmp / "content" / "articles" / "walk.md").write_text(POST)
    (tmp / "content" / "articles" / "capitals.md").write_text(CAPITALS)
    result = build_fixture_site(tmp, {}, with_site_content=False)
    assert result.returncode == 0, result.stderr
    return tmp, result


def test_images_become_pictures_with_webp_and_dimensions(built):
    tmp, _ = built
    soup = BeautifulSoup((tmp / "output" / "a-walk-by-the-sea" / "index.html").read_text(), "html.parser")
    pictures = soup.select(".prose picture")
    assert len(pictures) == 2
    first, second = pictures
    for picture in pictures:
        assert picture.source["type"] == "image/webp"
        img = picture.img
        assert img["alt"] and img["width"] and img["height"] and img["sizes"]
        assert int(img["width"]) <= 672
    assert first.img["loading"] == "eager" and second.img["loading"] == "lazy"
    assert (int(first.img["width"]), int(first.img["height"])) == (672, 448)
    widths = [int(w) for w in re.findall(r" (\d+)w", first.source["srcset"])]
    assert widths == [400, 672, 1008, 1344]
    assert [int(w) for w in re.findall(r" (\d+)w", second.source["srcset"])] == [400, 672]


def test_every_variant_exists_at_its_width_and_none_is_enlarged(built):
    tmp, _ = built
    output = tmp / "output"
    html = (output / "a-walk-by-the-sea" / "index.html").read_text()
    urls = set(re.findall(r"(/images/[\w-]+-(\d+)w\.(?:jpg|png|webp))", html))
    assert len(urls) == 12
    for url, width in urls:
        with Image.open(output / url.lstrip("/")) as image:
            assert image.width == int(width)
            assert image.width <= 1344


def test_a_file_name_with_capitals_works_in_src_and_srcset(built):
    tmp, _ = built
    output = tmp / "output"
    soup = BeautifulSoup((output / "capitals" / "index.html").read_text(), "html.parser")
    picture = soup.select_one(".prose picture")
    urls = [picture.img["src"]] + [candidate.strip().split(" ")[0]
                                   for element in (picture.source, picture.img)
                                   for candidate in element["srcset"].split(",")]
    assert len(urls) == 5 and all("/images/Sea-Walk-" in url for url in urls)
    for url in urls:  # exactly as written: a case-sensitive web server finds each
        assert url.lstrip("/") in {p.relative_to(output).as_posix() for p in (output / "images").iterdir()}


def test_variants_are_built_once_and_reused(built):
    tmp, _ = built
    cache = ROOT / "cache" / "responsive-images"
    manifest = json.loads((cache / "manifest.json").read_text())
    before = {name: (cache / name).stat().st_mtime_ns for name in manifest.values()}
    again = build_fixture_site(tmp, {}, with_site_content=False)
    assert again.returncode == 0
    assert {name: (cache / name).stat().st_mtime_ns for name in manifest.values()} == before


def test_picture_markup_is_valid_html(built):
    tmp, _ = built
    page = tmp / "output" / "a-walk-by-the-sea" / "index.html"
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", str(page)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
