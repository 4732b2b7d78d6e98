"""`python -m content_checks [--settings FILE] [--path CONTENT]`: check without building.

Prints one line per problem and exits 1 when a post that is to be published has
any; drafts' problems and the reading level are shown as information.
"""

import argparse
import logging
import sys

from pelican.settings import read_settings

from .site import check_site, format_report


def main(argv=None):
    parser = argparse.ArgumentParser(prog="invoke check", description=__doc__)
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--path", help="content folder to check (default: the settings' PATH)")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # the report below says everything
    overrides = {"PATH": args.path} if args.path else None
    settings = read_settings(args.settings, override=overrides)
    report = check_site(settings, with_reading_levels=True)
    print(format_report(report, with_reading_levels=True))
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
