"""Real nginx serving a production build: headers, compression, caching, CSP in Chromium."""

import gzip
import json
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import brotli
import pytest

from browser_pages import PAGE_TYPES
from security_headers import SECURITY_HEADERS

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def fetch(url, encoding=None):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def stylesheet_url(origin, output):
    css = next((output / "theme" / "css").glob("main.*.css"))
    return f"{origin}/theme/css/{css.name}"


def assert_security_headers(headers):
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value, name
    assert "unsafe-inline" not in headers["Content-Security-Policy"]


def test_html_has_security_headers_and_short_caching(nginx_origin):
    status, headers, _ = fetch(nginx_origin + "/emotional-intimacy-fades/")
    assert status == 200
    assert_security_headers(headers)
    assert headers["Cache-Control"] == "public, max-age=0, must-revalidate"


def test_hashed_css_is_cached_for_a_year_with_headers(nginx_origin, production):
    status, headers, _ = fetch(stylesheet_url(nginx_origin, production[2]))
    assert status == 200 and headers["Content-Type"] == "text/css"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert_security_headers(headers)


def test_missing_page_gets_our_404_with_headers(nginx_origin):
    status, headers, body = fetch(nginx_origin + "/no-such-page/")
    assert status == 404
    assert b"We could not find that page" in body
    assert_security_headers(headers)


def test_clean_urls_redirect_to_the_trailing_slash(nginx_origin):
    request = urllib.request.Request(nginx_origin + "/emotional-intimacy-fades", method="HEAD")
    opener = urllib.request.build_opener(type("NoRedirect", (urllib.request.HTTPRedirectHandler,),
                                              {"redirect_request": lambda *a, **k: None}))
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request)
    assert redirect.value.code == 301
    assert redirect.value.headers["Location"].endswith("/emotional-intimacy-fades/")


@pytest.mark.parametrize("encoding, decompress", [("br", brotli.decompress), ("gzip", gzip.decompress)])
def test_precompressed_files_are_served(nginx_origin, production, encoding, decompress):
    for url in (nginx_origin + "/", stylesheet_url(nginx_origin, production[2])):
        status, headers, body = fetch(url, encoding)
        assert status == 200 and headers["Content-Encoding"] == encoding
        assert decompress(body)


def test_production_build_is_minified_hashed_and_valid(production):
    output = production[2]
    home = (output / "index.html").read_text()
    assert "\n  " not in home  # minified
    assert (output / "index.html.gz").is_file() and (output / "index.html.br").is_file()
    assert not (output / "theme" / "css" / "main.css").exists()
    assert (output / "_headers").is_file()
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json",
                             *map(str, sorted(output.rglob("*.html")))], capture_output=True, text=True)
    errors = [m for m in json.loads(result.stderr or '{"messages": []}')["messages"]
              if m.get("type") == "error"]
    assert not errors, errors[:5]


@pytest.mark.browser
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_page_holds_the_csp_in_chromium(browser, nginx_origin, page_type):
    context = browser.new_context()
    context.add_init_script("""
        window.__cspViolations = [];
        document.addEventListener("securitypolicyviolation",
            (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    """)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(nginx_origin + PAGE_TYPES[page_type], wait_until="networkidle")
    assert "Content-Security-Policy" in {k.title(): v for k, v in response.headers.items()} or \
        "content-security-policy" in response.headers
    if page_type == "search":
        page.get_by_label("Search articles and pages").fill("butterflies")
        page.locator(".search-result__title a").first.wait_for(timeout=60_000)
    if page_type == "not-found":
        errors = [e for e in errors if "404" not in e]
    assert page.evaluate("window.__cspViolations") == []
    assert not errors, errors
    assert page.evaluate("getComputedStyle(document.body).fontFamily")  # the stylesheet applied
    assert page.evaluate("getComputedStyle(document.querySelector('.crisis-notice')).backgroundColor") \
        != "rgba(0, 0, 0, 0)"
    context.close()
