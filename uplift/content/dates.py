"""Dates as writers write them: one unambiguous form, never guessed.

Pelican would read "03/12/2025" as March 12 and "12/03/2025" as December 3;
a writer in another country means the opposite. The site accepts year-month-day
only, with an optional 24-hour time.
"""

import re
from datetime import datetime

ACCEPTED = "2025-09-16, or 2025-09-16 09:00 with a time (year-month-day, 24-hour clock)"
_FORM = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?: (\d{1,2}):(\d{2}))?")


class DateProblem(ValueError):
    """The value is not a date the site reads; str() says why, for the writer."""


def parse_date(value, label="Date"):
    """A naive datetime for `value`, or DateProblem naming the accepted form."""
    match = _FORM.fullmatch(value.strip())
    if not match:
        raise DateProblem(f"{label} '{value}' is not written the way the site reads dates. "
                          f"Write it as {ACCEPTED}.")
    year, month, day, hour, minute = (int(part) if part else 0 for part in match.groups())
    try:
        return datetime(year, month, day, hour, minute)
    except ValueError:
        raise DateProblem(f"{label} '{value}' is not a real date. Write it as {ACCEPTED}.") from None


def date_text(when):
    """The one written form: what new posts and the browser editor write."""
    return when.strftime("%Y-%m-%d %H:%M")
