"""The checker on an entry as the writer typed it, before it is saved (the browser editor).

The editor's preSave handler sends the file it is about to write; `check_entry`
checks the site with that file in place of the one on disk (the same reading and
rules as `invoke check`, in a scratch copy of the content folder made of hard
links, so nothing the writer has is touched) as if the entry were published, and
answers what stops publishing, in the editor's words: each problem at its field
(by the field's label, as the editor shows it) or at its line of the text box,
never in the file's "Name: value" syntax.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

from PIL import Image

from uplift.content import model

_HEADER_LINE = re.compile(r"^[ ]{0,3}([A-Za-z0-9_-]+):")
_STATUS_LINE = re.compile(r"^Status:.*$", re.IGNORECASE | re.MULTILINE)
_ADD_A_LINE = re.compile(r"Add a line (?:like )?'([A-Za-z_]+):[^']*'")
_QUOTED_FIELD = re.compile(r"'([A-Z][A-Za-z_]*)(?::)?'")


class EntryRefused(ValueError):
    """A request the check cannot answer: its str() says why, plainly."""


def kind_of(relative, settings):
    """The model's kind of a content-relative path, or None."""
    folder = PurePosixPath(relative).parts[0] if PurePosixPath(relative).parts else ""
    folders = {**{path: model.ARTICLE for path in settings["ARTICLE_PATHS"]},
               **{path: model.PAGE for path in settings["PAGE_PATHS"]},
               settings["TOPICS_PATH"]: model.TOPIC, settings["TEAM_PATH"]: model.TEAM_MEMBER}
    return folders.get(folder)


def _header(text):
    """({line number: field key}, number of the first line of the text below the fields)."""
    keys, lines = {}, text.split("\n")
    for number, line in enumerate(lines, 1):
        if not line.strip():
            return keys, number + 1
        match = _HEADER_LINE.match(line)
        if match:
            keys[number] = match.group(1).lower()
        elif not line.startswith("    "):
            return keys, number
    return keys, len(lines) + 1


def in_writers_words(message, kind):
    """The checker's message with the file's syntax turned into the editor's field labels."""
    labels = {item.name: item.label for item in kind.fields} if kind else {}
    message = _ADD_A_LINE.sub(lambda m: f"Fill in \u201c{labels.get(m.group(1), m.group(1))}\u201d", message)
    message = _QUOTED_FIELD.sub(lambda m: f"\u201c{labels[m.group(1)]}\u201d" if m.group(1) in labels
                                else m.group(0), message)
    for name, label in sorted(labels.items(), key=lambda pair: -len(pair[0])):
        # "the Title"; a name with an underscore ("Image_alt") is a field's wherever it stands.
        pattern = rf"\b{name}\b" if "_" in name else rf"(?<=\bthe ){name}\b"
        message = re.sub(pattern, f"\u201c{label}\u201d", message)
    return message


def place(problems, text, kind):
    """Each problem at its field ({field, label}) or at its line of the text box ({textLine})."""
    keys, body_start = _header(text)
    labels = {item.key: item.label for item in kind.fields} if kind else {}
    placed = []
    for problem in problems:
        line, words = problem["line"], in_writers_words(problem["message"], kind)
        if line in keys:
            key = keys[line]
            placed.append({"field": key, "label": labels.get(key, key), "message": words})
        elif line >= body_start:
            placed.append({"textLine": line - body_start + 1, "label": kind.body if kind else "Text",
                           "message": words})
        else:
            placed.append({"label": "", "message": words})
    return placed


def status_of(text, settings, now=None):
    """What the site will do with the file: "draft", "scheduled" (with its date) or "published"."""
    keys, _ = _header(text)
    values = {}
    for number, key in keys.items():
        values.setdefault(key, text.split("\n")[number - 1].split(":", 1)[1].strip())
    status = values.get("status", "published").lower() or "published"
    if status != "published":
        return {"status": status}
    try:
        date = datetime.strptime(values.get("date", ""), "%Y-%m-%d %H:%M")
    except ValueError:
        try:
            date = datetime.strptime(values.get("date", ""), "%Y-%m-%d")
        except ValueError:
            return {"status": "published"}
    zone = ZoneInfo(settings["TIMEZONE"])
    if date.replace(tzinfo=zone) > (now or datetime.now(zone)):
        return {"status": "scheduled", "date": date.strftime("%Y-%m-%d %H:%M")}
    return {"status": "published"}


def _scratch_copy(content, folder):
    """A copy of the content folder made of hard links (symlinks kept as links, as the checker
    refuses them): quick, and writing the entry's file replaces a link, never the original."""
    try:
        shutil.copytree(content, folder, symlinks=True, copy_function=os.link)
    except OSError:  # another file system: plain copies
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(content, folder, symlinks=True)


def _stand_in(path):
    """A small picture where an upload will be (its own checks run when it is written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".svg":
        path.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>\n', encoding="utf-8")
        return
    kind = model.IMAGE_TYPES.get(path.suffix.lower(), "PNG")
    Image.new("RGB", (4, 4)).save(path, kind)


def check_entry(settings_file, settings, relative, text, uploads=()):
    """{"problems": [...], "stops": bool, "status": {...}, "current": {...} or None} for the file
    `relative` (inside the content folder) if it held `text`; problems as if it were published.
    uploads: content-relative paths of pictures the editor writes with the entry."""
    content = Path(settings["PATH"]).resolve()
    target = (content / relative).resolve()
    if not target.is_relative_to(content) or target == content or kind_of(relative, settings) is None:
        raise EntryRefused(f"'{relative}' is not a post, page, topic or team file of this site.")
    kind = kind_of(relative, settings)
    current = status_of(target.read_text(encoding="utf-8"), settings) if target.is_file() else None
    checked = _STATUS_LINE.sub("Status: published", text) if kind in (model.ARTICLE, model.PAGE) else text
    with tempfile.TemporaryDirectory(prefix="uplift-check-") as scratch:
        copy = Path(scratch) / "content"
        _scratch_copy(content, copy)
        written = copy / target.relative_to(content)
        written.parent.mkdir(parents=True, exist_ok=True)
        written.unlink(missing_ok=True)
        written.write_text(checked, encoding="utf-8")
        for upload in uploads:
            picture = (copy / upload).resolve()
            if picture.is_relative_to(copy.resolve()) and not picture.exists() and \
                    picture.suffix.lower() in model.IMAGE_TYPES:
                _stand_in(picture)
        report = Path(scratch) / "report.json"
        subprocess.run([sys.executable, "-m", "pelican", str(copy), "-s", str(Path(settings_file).resolve()),
                        "-e", "CHECK_ONLY=true", f"CHECK_REPORT={json.dumps(str(report))}",
                        f"CACHE_PATH={json.dumps(str(Path(scratch) / 'cache'))}"],
                       cwd=scratch, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
        found = json.loads(report.read_text(encoding="utf-8")) if report.is_file() else None
    if found is None:
        raise EntryRefused("The site's checker could not run; the terminal of `invoke edit` says why.")
    problems = place(found.get(target.relative_to(content).as_posix(), []), text, kind)
    return {"problems": problems, "stops": bool(problems), "status": status_of(text, settings),
            "current": current}


def answer(body, settings_file, settings):
    """(HTTP status, JSON-able answer) for a POST of {"path": "content/articles/x.md", "text": "..."}:
    the request the editor's preSave handler sends to the preview's /api/check."""
    try:
        request = json.loads(body or b"{}")
        path, text, uploads = request["path"], request["text"], request.get("uploads", [])
        if not isinstance(path, str) or not isinstance(text, str) or not isinstance(uploads, list) or \
                not all(isinstance(upload, str) for upload in uploads):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        return 400, {"error": "Send {\"path\": ..., \"text\": ...} as JSON."}
    prefix = settings["EDITOR_CONTENT_FOLDER"].rstrip("/") + "/"
    if not path.startswith(prefix):
        return 403, {"error": f"'{path}' is not inside {prefix}."}
    try:
        return 200, check_entry(settings_file, settings, path.removeprefix(prefix), text,
                                [upload.removeprefix(prefix) for upload in uploads if upload.startswith(prefix)])
    except EntryRefused as refused:
        return 403, {"error": str(refused)}
