"""site_content: what every part of the site shares about content files.

One reading of a file (source.py), one problem type (problems.py), one slug
function (slugs.py), one date form (dates.py). The build (content_checks'
reader), the checker, the topic vocabulary and the team use these, never a
parser of their own. A library, not a Pelican plugin: it has no register().
"""

from .dates import ACCEPTED as ACCEPTED_DATE_FORM
from .dates import DateProblem, date_text, parse_date
from .problems import Problem, count, format_problems, shown_path
from .slugs import slug
from .source import Field, Source, decode, line_of_text, parse_source, read_source

__all__ = ["ACCEPTED_DATE_FORM", "DateProblem", "date_text", "parse_date", "Problem", "count",
           "format_problems", "shown_path", "slug", "Field", "Source", "decode", "line_of_text",
           "parse_source", "read_source"]
