"""The web server's log that identifies no one, and the counted booking link.

nginx pieces that policy.py puts into deploy/nginx.conf and the local config
of `invoke nginx`, and the logrotate rules that delete old logs:

- log_maps(): reduce what the browser sends before anything is written. The
  reader's address is never written (not even a /24 or /48 prefix: many
  internet providers give each household its own /48, so it could name a
  home); the time is kept to the day; the path loses its query string except
  the allowlisted keys; the referrer is cut to its host name; the user agent
  to a browser family.
- server_logging(): the access_log line (and no request-time error log, which
  nginx always writes with the full address).
- booking_location(): /book/?from=<where> answers with a redirect to the
  practice's booking address; the log line is the count. The query is not
  passed on: the booking service must not learn which article was read.
- logrotate_config(): one file a day, each deleted after LOG_RETENTION_DAYS.

The parser of these lines is deploy/visits.py (`invoke report`).
"""

from pathlib import Path
from urllib.parse import quote

# The site's settings (BOOK_URL); the booking address itself is a practice fact
# (content/practice.yml, read by plugins/practice_facts).
SETTINGS_FILE = Path(__file__).resolve().parents[2] / "pelicanconf.py"

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

# Browser families, first match wins (robots first: their agents name browsers too).
BROWSER_FAMILIES = [
    ("bot", "~*bot|crawl|spider|slurp|facebookexternalhit|meta-externalagent|bytespider|preview"
            "|monitor|headless|curl|wget|python|go-http-client|java/|okhttp|libwww"),
    ("Edge", "~Edg/|EdgA/|EdgiOS/"),
    ("Firefox", "~Firefox/|FxiOS/"),
    ("Chrome", "~Chrome/|CriOS/|Chromium/"),
    ("Safari", "~Safari/"),
]


def booking_facts(settings):
    """(path, address): where the site's booking links point (BOOK_URL, on this site),
    and where the server sends them (PRACTICE["booking_url"]). The one place code
    reads these facts."""
    return "/" + settings["BOOK_URL"].lstrip("/"), settings["PRACTICE"]["booking_url"]


def read_booking_facts(settings_file=SETTINGS_FILE):
    """booking_facts() of a settings file and the facts file of its content folder."""
    from pelican.settings import read_settings
    from practice_facts import facts_path, load_facts

    settings = read_settings(str(settings_file))
    facts, _ = load_facts(facts_path(settings))
    return booking_facts({**settings, "PRACTICE": facts})


def booking_link(settings, source):
    """A booking call-to-action's address: BOOK_URL?from=<where the reader is>."""
    path, _ = booking_facts(settings)
    return f"{settings['SITEURL']}{path}?from={quote(str(source), safe='')}"


def _map(source, target, rules, default="-"):
    lines = [f"map {source} {target} {{", f"    default {default};"]
    lines += [f'    "{pattern}" {value};' for pattern, value in rules]
    return "\n".join(lines + ["}"])


def log_maps(indent=""):
    """http-level: the maps that reduce each request, and the log format that uses them."""
    query_maps = [_map(f"$arg_{key}", f"$uplift_arg_{key}",
                       [(f"~^(?<uplift_{key}_value>{ALLOWED_QUERY_VALUE})$", f"$uplift_{key}_value")])
                  for key in ALLOWED_QUERY_KEYS]
    query_fields = " ".join(f"{key}=$uplift_arg_{key}" for key in ALLOWED_QUERY_KEYS)
    lines = "\n".join([
        "# --- The access log identifies no one (plugins/security_headers/access_log.py) ---",
        "# The day, not the time.",
        _map("$time_iso8601", "$uplift_day",
             [("~^(?<uplift_day_value>[0-9]{4}-[0-9]{2}-[0-9]{2})", "$uplift_day_value")]),
        "# The path without its query string.",
        _map("$request_uri", "$uplift_path", [("~^(?<uplift_path_value>/[^?]*)", "$uplift_path_value")]),
        f"# Allowlisted query keys only ({', '.join(ALLOWED_QUERY_KEYS)}), with plain values.",
        *query_maps,
        "# The referring site's host name: no path, no query (so no search terms).",
        _map("$http_referer", "$uplift_referrer",
             [("", "-"),
              ("~*^[a-z][a-z0-9+.-]*://([^/?#@]*@)?(?<uplift_referrer_host>[a-z0-9.-]{1,253})([:/?#]|$)",
               "$uplift_referrer_host")], default="other"),
        "# The browser family, never the version, system or device.",
        _map("$http_user_agent", "$uplift_browser",
             [("", "-")] + [(pattern, family) for family, pattern in BROWSER_FAMILIES], default="other"),
        f"log_format {LOG_FORMAT} '$uplift_day \"$request_method $uplift_path\" $status "
        f"{query_fields} ref=$uplift_referrer ua=$uplift_browser';",
    ])
    return "\n".join(f"{indent}{line}" for line in lines.splitlines())


def server_logging(access_log=None, indent="    "):
    """server-level: log to `access_log` in the private format, or not at all (None)."""
    if access_log is None:
        return f"{indent}access_log off;"
    return "\n".join(indent + line for line in [
        f"access_log {access_log} {LOG_FORMAT};",
        "# nginx writes request-time errors with the reader's full address and no way",
        "# to leave it out, so this site has none; every status is in the access log.",
        "error_log /dev/null crit;",
    ])


def booking_location(headers, booking=None):
    """server-level: the booking path counted in the access log, then on to the booking
    service. `headers`: the site's security headers (policy.nginx_headers); `booking`:
    (path, address), read from the settings when not given."""
    path, address = booking or read_booking_facts()
    return f"""    # Booking links: {path}?from=<where the reader was>. The access log line is the
    # count; the redirect carries no query, so the booking service learns nothing.
    location = {path} {{
{headers}
        return 302 {address};
    }}"""


def logrotate_config(log=PRODUCTION_ACCESS_LOG, days=LOG_RETENTION_DAYS,
                     reopen="invoke-rc.d nginx rotate >/dev/null 2>&1", owner="www-data adm"):
    """logrotate rules: a new log each day; each old one deleted `days` days later."""
    create = f"create 0640 {owner}" if owner else "create 0640"
    return f"""# Uplift site: rotation of the web server's access log. GENERATED by
# `invoke deploy-config` from plugins/security_headers/access_log.py.
#
# Install as /etc/logrotate.d/uplift. Each day's log is deleted {days} days later,
# as the privacy page says (maxage also removes files left by days without rotation).
{log} {{
    daily
    rotate {days}
    maxage {days}
    missingok
    ifempty
    compress
    delaycompress
    {create}
    sharedscripts
    postrotate
        {reopen}
    endscript
}}
"""
