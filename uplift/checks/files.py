"""Nothing silently ignored: every file under content/ is read, copied, or named here.

Pelican reads only the extensions it has a reader for, in the folders it is
told about, and says nothing of the rest: a post saved as .txt would simply
not be on the site. This lists every such file with what to do about it.
"""

import posixpath
import re
from pathlib import PurePosixPath

from uplift.content import Problem, slug

TEXT = {".txt", ".text", ".markdown", ".mdown", ".mkd", ".mkdn", ".rst", ".html", ".htm"}
IMAGES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"}
DOCUMENTS = {".doc", ".docx", ".odt", ".rtf", ".pages", ".pdf"}
_WEB_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


# Files editors and operating systems leave beside others (Pelican's IGNORE_FILES patterns):
# never content, never published, never an error.
SYSTEM_FILES = [".*", "~$*", "#*", "*~", "*.swp", "*.tmp", "Thumbs.db", "desktop.ini"]


def is_system_file(name):
    """Files editors and operating systems leave beside others: never content."""
    return name.startswith((".", "~$", "#")) or name.endswith(("~", ".swp", ".tmp")) or name in (
        "Thumbs.db", "desktop.ini")


def nested_files(files, shown, flat_folders):
    """[Problem] for files in a subfolder of a folder the site reads only at its top (topics, team).

    flat_folders: {folder: what its files are}."""
    problems = []
    for relative in sorted(files):
        parts = PurePosixPath(relative).parts
        if len(parts) > 2 and parts[0] in flat_folders and not any(is_system_file(part) for part in parts):
            problems.append(Problem(shown(relative), 1, f"the site reads {flat_folders[parts[0]]} files only "
                                    f"directly in content/{parts[0]}/, not in a folder inside it, so this one "
                                    f"is not on the site. Move it to content/{parts[0]}/{parts[-1]}."))
    return problems


def web_safe_name(name):
    """The name a file should have on the web: 'My Photo.JPG' -> 'my-photo.jpg'."""
    path = PurePosixPath(name)
    return f"{slug(path.stem) or 'file'}{path.suffix.lower()}"


def unread_files(files, shown, read_folders, data_files, static_folders):
    """[Problem] for the files the site would silently leave out.

    files: content-relative paths with "/"; shown: path -> the path as the writer
    knows it; read_folders: folders whose .md files are read; data_files: other
    files the site reads (the practice's facts); static_folders: copied as they are."""
    problems = []
    for relative in sorted(files):
        parts = PurePosixPath(relative).parts
        if any(is_system_file(part) for part in parts):
            continue
        name, suffix = parts[-1], PurePosixPath(relative).suffix
        folder = posixpath.dirname(relative)
        in_read_folder = any(relative.startswith(f"{read}/") for read in read_folders)
        if relative in data_files:
            continue
        if parts[0] in static_folders:
            if not _WEB_SAFE_NAME.fullmatch(name):
                problems.append(Problem(shown(relative), 1, f"the file name '{name}' has characters web "
                                        f"addresses cannot carry as they are. Rename the file to "
                                        f"'{web_safe_name(name)}' (and its links too)."))
            continue
        if suffix == ".md" and in_read_folder:
            continue
        if suffix == ".md" or suffix.lower() in TEXT | {".md"}:
            stem = PurePosixPath(name).stem
            if not in_read_folder:
                where = "content/articles/ (posts) or content/pages/ (pages)"
                message = (f"the site does not read files in {folder or 'content/'} itself. "
                           f"Move it to {where}.")
            else:
                message = (f"the site reads only files whose names end in '.md', so this one is not on the "
                           f"site. Rename it to '{stem}.md' (and save it as plain text).")
        elif suffix.lower() in IMAGES:
            message = (f"images belong in content/images/, or the site will not show this one. Move it "
                       f"there and show it with ![what it shows]({{static}}/images/{web_safe_name(name)}).")
        elif suffix.lower() in DOCUMENTS:
            message = ("the site cannot read this document. Copy its text into a .md file in "
                       "content/articles/ (see WRITING.md); to offer it as a download, move it to "
                       "content/extra/.")
        else:
            message = ("the site does not use this file. Move it out of content/, or ask the web team "
                       "where it belongs.")
        problems.append(Problem(shown(relative), 1, message))
    return problems
