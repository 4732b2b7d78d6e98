"""What must be true of a production build before it may become a release.

Every file counts, not only the HTML: a full disk during the build leaves
empty or truncated compressed siblings and search files while the pages look
fine, and browsers that accept compression are sent the siblings.
"""

import gzip
import json
import posixpath
import zlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import brotli

# Pagefind's index files are gzip streams that start with this signature.
PAGEFIND_SIGNATURE = b"pagefind_dcd"


class _LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def internal_links(html, origin):
    """Site-relative paths of the links and resources on a page."""
    collector = _LinkCollector()
    collector.feed(html)
    paths = []
    for link in collector.links:
        parsed = urlparse(link)
        if parsed.scheme in ("mailto", "tel") or link.startswith("#"):
            continue
        if parsed.netloc and f"{parsed.scheme}://{parsed.netloc}" != origin:
            continue  # another site: not ours to check
        if parsed.path:
            paths.append(unquote(parsed.path))
    return paths


def resolves(folder, page, path):
    """Does `path`, linked from `page` (relative to folder), name a file of the build?"""
    if not path.startswith("/"):
        path = posixpath.join("/" + posixpath.dirname(page), path)
    path = posixpath.normpath(path)
    target = Path(folder) / path.lstrip("/")
    return target.is_file() or (target / "index.html").is_file()


def page_problems(folder, origin):
    problems = []
    for page in sorted(folder.rglob("*.html")):
        relative = page.relative_to(folder).as_posix()
        try:
            html = page.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(f"{relative}: is not whole UTF-8 text (a write failed?)")
            continue
        if 'class="status-banner' in html or "class=status-banner" in html:
            problems.append(f"{relative}: carries a draft or problem banner")
        for path in internal_links(html, origin):
            if not resolves(folder, relative, path):
                problems.append(f"{relative}: the link to {path} leads nowhere")
    return problems


DECOMPRESSORS = {".gz": gzip.decompress, ".br": brotli.decompress}


def compressed_sibling_problems(folder):
    """Each .gz / .br sibling must decompress to exactly the file beside it."""
    problems = []
    for suffix, decompress in DECOMPRESSORS.items():
        for sibling in sorted(folder.rglob(f"*{suffix}")):
            relative = sibling.relative_to(folder).as_posix()
            source = sibling.with_name(sibling.name[: -len(suffix)])
            if not source.is_file():
                continue  # a compressed file of the site's own, not a sibling
            try:
                same = decompress(sibling.read_bytes()) == source.read_bytes()
            except (OSError, EOFError, zlib.error, brotli.error):
                same = False
            if not same:
                problems.append(f"{relative} does not decompress to {source.name} (a write failed?)")
    return problems


def search_problems(folder):
    """The search page needs Pagefind's entry file, its index and its WebAssembly, all whole."""
    pagefind = folder / "pagefind"
    if not (folder / "search").exists():
        return []
    entry = pagefind / "pagefind-entry.json"
    try:
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
    except (OSError, ValueError, KeyError) as error:
        return [f"pagefind/pagefind-entry.json is missing or damaged ({type(error).__name__})"]
    problems = []
    needed = [f"pagefind.{language['hash']}.pf_meta" for language in languages.values()]
    needed += [f"wasm.{language['wasm']}.pagefind" for language in languages.values()]
    problems += [f"pagefind/{name} is missing" for name in needed if not (pagefind / name).is_file()]
    for path in sorted(pagefind.rglob("*")):
        if path.is_file() and (path.suffix.startswith(".pf_") or path.suffix == ".pagefind"):
            try:
                whole = gzip.decompress(path.read_bytes()).startswith(PAGEFIND_SIGNATURE)
            except (OSError, EOFError, zlib.error):
                whole = False
            if not whole:
                problems.append(f"{path.relative_to(folder).as_posix()} is not a whole search index file")
    return problems


def verify_build(folder, origin, placeholders=(), allow_placeholders=False):
    """Everything that must be true before readers see a build; [] when it is."""
    folder = Path(folder)
    problems = []
    if not (folder / "index.html").is_file():
        problems.append("the build has no home page (index.html)")
    if (folder / "drafts").exists():
        problems.append("the build contains drafts/ (drafts must never be published)")
    if placeholders and not allow_placeholders:
        problems.append(f"practice facts are still placeholders: {', '.join(placeholders)}")
    problems += [f"{path.relative_to(folder).as_posix()} is empty (a write failed?)"
                 for path in sorted(folder.rglob("*")) if path.is_file() and path.stat().st_size == 0]
    problems += page_problems(folder, origin)
    problems += compressed_sibling_problems(folder)
    problems += search_problems(folder)
    return problems
