"""The web server's log that identifies no one, and the counted booking redirect, as data.

The templates (templates/log-maps.conf, templates/logrotate.conf) turn this into
nginx's and logrotate's words:

- LOG_MAPS reduce what the browser sends before anything is written. The
  reader's address is never written (not even a /24 or /48 prefix: many
  internet providers give each household its own /48, so it could name a
  home); the time is kept to the day; the path loses its query string except
  the allowlisted keys, and any part of it holding an email address (an "@",
  sent as it is or percent-encoded, even twice) is written as [email]; the
  referrer is cut to its host name; the user agent to a browser family.
- The access_log line, and no request-time error log (nginx always writes
  those with the full address).
- The booking location: BOOK_URL?from=<where> answers with a redirect to the
  practice's booking address; the log line is the count. The query is not
  passed on: the booking service must not learn which article was read.
- Rotation: one file a day, each deleted after LOG_RETENTION_DAYS.

The parser of these lines is uplift.reports.visits (`invoke report`).
"""

from dataclasses import dataclass

# The privacy page states this number; a test holds the two together.
LOG_RETENTION_DAYS = 30
PRODUCTION_ACCESS_LOG = "/var/log/uplift/access.log"
LOG_FORMAT = "uplift_private"
# Query keys that reach the log; every other key is dropped with its value.
ALLOWED_QUERY_KEYS = ("from",)
# A booking link's `from=` is a page kind or a slug; anything else is logged as "-".
ALLOWED_QUERY_VALUE = "[a-z0-9-]{1,80}"
# Redirects must reach the server every time, or clicks go uncounted.
NO_STORE = "no-store"

# An email address in a path (mistyped links, robots, mail clients): "@" as sent, or
# percent-encoded once (%40) or more (%2540). The path segment holding one is written as
# EMAIL_MARK; nginx's maps match once, so the first two such segments are replaced each on
# its own and, should a third remain, the path is cut there.
EMAIL_AT = "(?:@|%(?:25)*40)"
EMAIL_MARK = "[email]"
_FIRST_ADDRESS = "^(?<uplift_{name}_before>(?:[^/]*/)*?)[^/]*" + EMAIL_AT + "[^/]*"

# Browser families, first match wins (robots first: their agents name browsers too).
BROWSER_FAMILIES = [
    ("bot", "~*bot|crawl|spider|slurp|facebookexternalhit|meta-externalagent|bytespider|preview"
            "|monitor|headless|curl|wget|python|go-http-client|java/|okhttp|libwww"),
    ("Edge", "~Edg/|EdgA/|EdgiOS/"),
    ("Firefox", "~Firefox/|FxiOS/"),
    ("Chrome", "~Chrome/|CriOS/|Chromium/"),
    ("Safari", "~Safari/"),
]


@dataclass(frozen=True)
class LogMap:
    """One nginx `map`: what it keeps of a request variable, and why."""
    why: str
    source: str
    target: str
    rules: tuple  # (pattern, value) pairs, first match wins
    default: str = "-"


LOG_MAPS = (
    LogMap("The day, not the time.", "$time_iso8601", "$uplift_day",
           (("~^(?<uplift_day_value>[0-9]{4}-[0-9]{2}-[0-9]{2})", "$uplift_day_value"),)),
    LogMap("The path without its query string.", "$request_uri", "$uplift_path_sent",
           (("~^(?<uplift_path_value>/[^?]*)", "$uplift_path_value"),)),
    LogMap(f"No email address: the part of the path holding one is written as {EMAIL_MARK}.",
           "$uplift_path_sent", "$uplift_path_one_address",
           ((f"~*{_FIRST_ADDRESS.format(name='mail_1')}(?<uplift_mail_1_after>.*)$",
             f"$uplift_mail_1_before{EMAIL_MARK}$uplift_mail_1_after"),), default="$uplift_path_sent"),
    LogMap("", "$uplift_path_one_address", "$uplift_path_two_addresses",
           ((f"~*{_FIRST_ADDRESS.format(name='mail_2')}(?<uplift_mail_2_after>.*)$",
             f"$uplift_mail_2_before{EMAIL_MARK}$uplift_mail_2_after"),), default="$uplift_path_one_address"),
    LogMap("A third address or more: the path is cut at it.", "$uplift_path_two_addresses", "$uplift_path",
           ((f"~*{_FIRST_ADDRESS.format(name='mail_3')}", f"$uplift_mail_3_before{EMAIL_MARK}"),),
           default="$uplift_path_two_addresses"),
    *(LogMap(f"Allowlisted query keys only ({', '.join(ALLOWED_QUERY_KEYS)}), with plain values."
             if index == 0 else "", f"$arg_{key}", f"$uplift_arg_{key}",
             ((f"~^(?<uplift_{key}_value>{ALLOWED_QUERY_VALUE})$", f"$uplift_{key}_value"),))
      for index, key in enumerate(ALLOWED_QUERY_KEYS)),
    LogMap("The referring site's host name: no path, no query (so no search terms).", "$http_referer",
           "$uplift_referrer",
           (("", "-"),
            ("~*^[a-z][a-z0-9+.-]*://([^/?#@]*@)?(?<uplift_referrer_host>[a-z0-9.-]{1,253})([:/?#]|$)",
             "$uplift_referrer_host")), default="other"),
    LogMap("The browser family, never the version, system or device.", "$http_user_agent", "$uplift_browser",
           (("", "-"), *((pattern, family) for family, pattern in BROWSER_FAMILIES)), default="other"),
)
# What one line holds: the day, the request without its query, the status, the kept query keys.
LOG_LINE = ("$uplift_day \"$request_method $uplift_path\" $status "
            + " ".join(f"{key}=$uplift_arg_{key}" for key in ALLOWED_QUERY_KEYS)
            + " ref=$uplift_referrer ua=$uplift_browser")


def booking_facts(settings):
    """(path, address): where the site's booking links point (BOOK_URL, on this site),
    and where the server sends them (the practice's booking_url). The one place code
    reads these facts."""
    return "/" + settings["BOOK_URL"].lstrip("/"), settings["PRACTICE"]["booking_url"]
