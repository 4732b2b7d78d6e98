"""A release's manifest: every file with its size and SHA-256, written last.

A release folder is complete only when its manifest exists and the files on
the target's disk match it. The manifest is JSON:

    {"format": 1, "files": {"index.html": [1234, "<sha256>"], ...},
     "carried": ["theme/css/main.<hash>.css", ...]}

`carried` lists the files linked in from earlier releases (their hashed
assets, kept reachable for readers mid-switch) rather than built for this one.
"""

import hashlib
import json
import os
from pathlib import Path

FORMAT = 1


def file_digest(path):
    """(size, sha256 hex) of one file, read from disk."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def folder_table(folder):
    """{relative posix path: (size, sha256)} of every file under `folder`."""
    folder = Path(folder)
    table = {}
    for directory, _, names in os.walk(folder):
        for name in names:
            path = Path(directory) / name
            table[path.relative_to(folder).as_posix()] = file_digest(path)
    return table


def manifest_text(files, carried=()):
    entries = ",\n".join(f"  {json.dumps(path)}: [{size}, \"{sha}\"]"
                          for path, (size, sha) in sorted(files.items()))
    return (f'{{"format": {FORMAT},\n "carried": {json.dumps(sorted(carried))},\n'
            f' "files": {{\n{entries}\n}}}}\n')


def read_manifest(text):
    """(files, carried) from a manifest's text; ValueError when it is not one."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a release manifest")
    files = {path: (int(size), str(sha)) for path, (size, sha) in data["files"].items()}
    return files, set(data.get("carried", []))


def table_problems(expected, found, extra_allowed=False):
    """How the files on disk (`found`) differ from the manifest (`expected`); [] when they match."""
    problems = []
    for path, (size, sha) in sorted(expected.items()):
        if path not in found:
            problems.append(f"{path} is missing")
        elif found[path][0] != size:
            problems.append(f"{path} has {found[path][0]} bytes instead of {size}")
        elif found[path][1] != sha:
            problems.append(f"{path} differs from the build")
    if not extra_allowed:
        problems += [f"{path} is not part of the release" for path in sorted(set(found) - set(expected))]
    return problems
