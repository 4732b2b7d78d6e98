"""Jinja environments for the templates a part of the package ships (package data).

Text outputs (the web servers' configuration, the editor's page, the visits report)
are templates; data stays in Python. Each part loads its own `templates/` folder
through this one helper, so every environment fails on an undefined name and
keeps its output's whitespace the same way.
"""

from jinja2 import Environment, PackageLoader, StrictUndefined


def package_templates(package, autoescape):
    """The templates/ folder of `package` (installed or not), strict about undefined names."""
    return Environment(loader=PackageLoader(package, "templates"), undefined=StrictUndefined, trim_blocks=True,
                       lstrip_blocks=True, keep_trailing_newline=True, autoescape=autoescape)
