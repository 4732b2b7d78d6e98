"""The browser editor's file API, confined to the content folder.

decap-server (the local proxy of `invoke edit`) reads and writes any file under
the folder it is given, and that folder must be the project (the editor names
files as `content/articles/...`). So it listens on a private port, and the
browser reaches it only through the preview's `/api/v1`, where each request
is read first: its action must be one the editor uses, and every path it names
(path, paths, folder, files, entry, dataFiles, assets, asset, mediaFolder) must
lie in the content folder once links are followed. Anything else is refused
before decap-server sees it; listings it returns are filtered the same way.
"""

import http.client
import json
from pathlib import Path, PurePosixPath

# The actions of decap-server's file-system mode, and where each one names paths.
# ("key", "[]" for a list, ".key" for a key of each object or of the object.)
ACTIONS = {
    "info": [],
    "entriesByFolder": [("folder",)],
    "entriesByFiles": [("files", "[]", "path")],
    "getEntry": [("path",)],
    "persistEntry": [("entry", "path"), ("entry", "newPath"), ("dataFiles", "[]", "path"),
                     ("dataFiles", "[]", "newPath"), ("assets", "[]", "path")],
    "getMedia": [("mediaFolder",)],
    "getMediaFile": [("path",)],
    "persistMedia": [("asset", "path")],
    "deleteFile": [("path",)],
    "deleteFiles": [("paths", "[]")],
    "getDeployPreview": [],
}


class Refused(ValueError):
    """A request the editor's API does not pass on; str() says why, plainly."""


def _named(value, route):
    """Every value at `route` inside `value` (lists expanded); missing keys name nothing."""
    if not route:
        return [value]
    step, rest = route[0], route[1:]
    if step == "[]":
        if value is None:
            return []
        if not isinstance(value, list):
            raise Refused("a list of files was expected")
        return [found for item in value for found in _named(item, rest)]
    if value is None:
        return []
    if not isinstance(value, dict):
        raise Refused("an object was expected")
    if step not in value or value[step] is None:
        return []
    return _named(value[step], rest)


def inside(root, content, name):
    """Is the path `name` (relative to the project `root`, as the editor writes it) inside the
    `content` folder, links followed, for a file that exists or one about to be written?"""
    if not isinstance(name, str) or not name or "\\" in name or "\0" in name or "%" in name:
        return False
    posix = PurePosixPath(name)
    if posix.is_absolute() or any(part in ("..", ".", "") for part in name.split("/")):
        return False
    target = (Path(root) / posix).resolve()  # links followed, for the parts that exist
    return target.is_relative_to(Path(content).resolve())


def check(body, root, content):
    """The decoded request, if the editor may make it; raises Refused otherwise."""
    try:
        request = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise Refused("the request is not JSON") from None
    if not isinstance(request, dict) or request.get("action") not in ACTIONS:
        raise Refused("the editor does not make this request")
    params = request.get("params")
    for route in ACTIONS[request["action"]]:
        for name in _named(params, route):
            if not inside(root, content, name):
                raise Refused(f"'{name}' is outside the content folder")
    return request


def forward(port, body, content_type, root, content, action):
    """Send the request on to decap-server at 127.0.0.1:port: (status, headers, body). A listing
    keeps only the files inside the content folder."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("POST", "/api/v1", body=body, headers={"Content-Type": content_type})
        response = connection.getresponse()
        answer = response.read()
        status, kind = response.status, response.getheader("Content-Type", "application/json")
    finally:
        connection.close()
    if status == 200 and action in ("entriesByFolder", "getMedia"):
        listed = json.loads(answer)
        listed = [item for item in listed
                  if inside(root, content, (item.get("file") or item).get("path"))]
        answer = json.dumps(listed).encode()
    return status, kind, answer
