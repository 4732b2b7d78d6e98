"""What every answer of the site's web server must carry, written out here on purpose.

Not read from uplift.server: a header dropped from the site's data (or from a
template) must fail the tests, not change what they expect.
"""

REQUIRED_HEADERS = {
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
# The strict policy of every public page: nothing inline, nothing from anywhere else.
STRICT_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
                 "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
                 "frame-ancestors 'none'")
SEARCH_POLICY = STRICT_POLICY.replace("script-src 'self';", "script-src 'self' 'wasm-unsafe-eval';")
