"""The package's imports point one way: from what a file is to what the site does with it.

Read from the source (the import statements of every module), so a new import
that points the wrong way, or one hidden inside a function, fails here."""

import ast

import pytest

from tests.helpers import ROOT

PACKAGE = ROOT / "uplift"
# Each layer and the layers it may import (besides itself). Nothing may import commands.
MAY_IMPORT = {
    "content": set(),
    "checks": {"content"},
    "editor": {"content", "checks"},
    "server": {"content"},
    "site": {"content", "checks", "editor", "server"},
    "preview": {"content", "checks", "editor", "site"},
    "publish": {"content"},
    "reports": {"content", "server"},
    "commands": {"content", "checks", "editor", "server", "site", "preview", "publish", "reports"},
}
MODULES = sorted(PACKAGE.rglob("*.py"))


def layer_of(path):
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else None


def imported_layers(path):
    """(layer, line) of each import of another part of uplift, absolute or relative."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ["uplift", *path.relative_to(PACKAGE).parent.parts]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names = [module] + ([f"{module}.{alias.name}" for alias in node.names] if node.level else [])
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "uplift" and len(parts) > 1 and parts[1] in MAY_IMPORT:
                yield parts[1], node.lineno


def test_every_module_belongs_to_a_layer():
    assert {layer_of(path) for path in MODULES} - {None} == set(MAY_IMPORT)


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_imports_point_one_way(path):
    layer = layer_of(path)
    allowed = MAY_IMPORT.get(layer, set()) | {layer}
    wrong = [f"line {line}: {layer or 'uplift'} imports {other}" for other, line in imported_layers(path)
             if other not in allowed]
    assert not wrong, wrong


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_no_import_hides_in_a_function(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hidden = [node.lineno for function in ast.walk(tree)
              if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
              for node in ast.walk(function) if isinstance(node, ast.Import | ast.ImportFrom)]
    assert not hidden, f"imports inside functions at lines {hidden}"


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_no_path_is_computed_from_where_the_package_sits(path):
    """The site's own files come from its settings or the project's folder, never from
    wherever the package was installed (package data is read with importlib.resources)."""
    assert "__file__" not in path.read_text(encoding="utf-8")
