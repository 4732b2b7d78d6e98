"""What a content file is: the layer every other part of the site builds on.

One reading of a file (source.py), one problem type (problems.py), one slug
function (slugs.py), one date form (dates.py), the practice's facts file
(facts.py) and how a body becomes HTML (markdown.py). Nothing here knows about
Pelican's build: the checks, the site, the editor, publishing and the reports
use these, never a reader of their own.
"""

from .dates import ACCEPTED as ACCEPTED_DATE_FORM
from .dates import DateProblem, date_text, parse_date
from .problems import Problem, count, format_problems, shown_path
from .slugs import slug
from .source import Field, Source, decode, line_of_text, parse_source, read_source

__all__ = ["ACCEPTED_DATE_FORM", "DateProblem", "date_text", "parse_date", "Problem", "count",
           "format_problems", "shown_path", "slug", "Field", "Source", "decode", "line_of_text",
           "parse_source", "read_source"]
