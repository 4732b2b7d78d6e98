"""Real nginx serving a production build: headers, compression, caching, CSP in Chromium."""

import gzip
import http.client
import json
import re
import signal
import socket
import ssl
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import brotli
import pytest

from tests.browser_pages import PAGE_TYPES
from tests.deploy_fixtures import ROOT, answers, free_port, invoke_command
from tests.helpers import serve_for_tests
from tests.server.expected import REQUIRED_HEADERS, SEARCH_POLICY, STRICT_POLICY
from uplift.commands.publishing import production_settings
from uplift.commands.webserver import booking
from uplift.editor.config import backend_origin
from uplift.server.config import nginx_site_config
from uplift.server.headers import editor_content_security_policy

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def fetch(url, encoding=None, host=None):
    headers = {"Accept-Encoding": encoding} if encoding else {}
    if host:
        headers["Host"] = host
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, context=UNVERIFIED) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


# The production config's throwaway certificate is self-signed.
UNVERIFIED = ssl.create_default_context()
UNVERIFIED.check_hostname = False
UNVERIFIED.verify_mode = ssl.CERT_NONE


def stylesheet_url(origin, output):
    css = next((output / "theme" / "css").glob("main.*.css"))
    return f"{origin}/theme/css/{css.name}"


def assert_security_headers(headers, csp=STRICT_POLICY):
    for name, value in REQUIRED_HEADERS.items():
        assert headers[name] == value, name
    assert headers["Content-Security-Policy"] == csp
    assert len(headers.get_all("Content-Security-Policy")) == 1


@pytest.fixture(scope="session")
def production_config_origins(production, tmp_path_factory, project):
    """The production nginx.conf, run for real on loopback (IPv4 and IPv6) with a
    throwaway certificate: (https origin, https IPv6 origin, http origin)."""
    yield from serve_production_config(production[2], tmp_path_factory.mktemp("production-nginx"), project)


def serve_production_config(output, scratch, project):
    """A generator for fixtures: the production nginx.conf serving `output`, yields its origins."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=localhost", "-keyout", scratch / "key.pem",
                    "-out", scratch / "cert.pem"], check=True, capture_output=True)
    http_port, https_port = free_port(), free_port()
    settings = production_settings(project)
    site = nginx_site_config(booking(settings), "www.example.com", output, http_port, https_port,
                             scratch / "cert.pem", scratch / "key.pem", ipv4="127.0.0.1:", ipv6="[::1]",
                             editor_origin=backend_origin(settings["EDITOR_BACKEND"]))
    site = site.replace("/var/log/uplift/", f"{scratch}/")  # the access log's folder
    temporary = "".join(f"{kind}_temp_path {scratch}/{kind};\n"
                        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (scratch / "nginx.conf").write_text(
        f"include /etc/nginx/modules-enabled/*.conf;\ndaemon off;\npid {scratch}/nginx.pid;\n"
        f"error_log stderr warn;\nevents {{}}\nhttp {{\ninclude /etc/nginx/mime.types;\n"
        f"access_log off;\n{temporary}{site}\n}}\n")
    origin = f"https://127.0.0.1:{https_port}"

    def ready():
        try:
            urllib.request.urlopen(origin + "/", context=UNVERIFIED, timeout=1)
            return True
        except OSError:
            return False

    for _ in serve_for_tests(["nginx", "-c", str(scratch / "nginx.conf")], ready, "nginx (production)"):
        yield origin, f"https://[::1]:{https_port}", f"http://127.0.0.1:{http_port}"


@pytest.fixture(params=["invoke nginx", "production nginx.conf"])
def origin(request, nginx_origin):
    """Each header test runs against both configurations rendered from uplift.server."""
    if request.param == "invoke nginx":
        return nginx_origin
    return request.getfixturevalue("production_config_origins")[0]


def test_html_has_security_headers_and_short_caching(origin):
    status, headers, _ = fetch(origin + "/emotional-intimacy-fades/")
    assert status == 200
    assert_security_headers(headers)
    assert headers["Cache-Control"] == "public, max-age=0, must-revalidate"


def test_hashed_css_is_cached_for_a_year_with_headers(origin, production):
    status, headers, _ = fetch(stylesheet_url(origin, production[2]))
    assert status == 200 and headers["Content-Type"] == "text/css"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert_security_headers(headers)


def test_the_share_image_is_revalidated_not_immutable(origin):
    """share.png keeps its name when it changes: caches must check it again."""
    status, headers, _ = fetch(origin + "/theme/images/share.png")
    assert status == 200 and headers["Content-Type"] == "image/png"
    assert headers["Cache-Control"] == "public, max-age=0, must-revalidate"


def test_only_the_search_page_may_compile_webassembly(origin):
    status, headers, _ = fetch(origin + "/search/")
    assert status == 200
    assert_security_headers(headers, SEARCH_POLICY)
    status, headers, _ = fetch(origin + "/pagefind/pagefind.js")
    assert status == 200 and "'wasm-unsafe-eval'" in headers["Content-Security-Policy"]
    for path in ("/", "/topics/", "/contact/", "/no-such-page/"):
        assert "wasm" not in fetch(origin + path)[1]["Content-Security-Policy"], path


@pytest.mark.parametrize("encoding", [None, "gzip", "br"])
def test_compressible_answers_vary_by_accept_encoding(origin, encoding):
    for path in ("/", "/emotional-intimacy-fades/"):
        status, headers, _ = fetch(origin + path, encoding)
        assert status == 200 and headers.get_all("Vary") == ["Accept-Encoding"], path


def test_the_headers_file_is_not_served(origin):
    status, headers, body = fetch(origin + "/_headers")
    assert status == 404 and b"Content-Security-Policy" not in body
    assert_security_headers(headers)


def test_missing_page_gets_our_404_with_headers(origin):
    status, headers, body = fetch(origin + "/no-such-page/")
    assert status == 404
    assert b"We could not find that page" in body
    assert_security_headers(headers)


def test_http_redirects_to_the_configured_host_never_the_clients(production_config_origins):
    _, _, http_origin = production_config_origins
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(http_origin + "/fees/?from=test", headers={"Host": "evil.example"})
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request)
    assert redirect.value.code == 301
    assert redirect.value.headers["Location"] == "https://www.example.com/fees/?from=test"


def test_https_answers_on_ipv6_too(production_config_origins):
    _, ipv6_origin, _ = production_config_origins
    status, headers, body = fetch(ipv6_origin + "/")
    assert status == 200 and b"<html" in body
    assert_security_headers(headers)


NoRedirect = type("NoRedirect", (urllib.request.HTTPRedirectHandler,),
                  {"redirect_request": lambda *a, **k: None})


def test_clean_urls_redirect_to_the_trailing_slash(nginx_origin):
    request = urllib.request.Request(nginx_origin + "/emotional-intimacy-fades", method="HEAD")
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request)
    assert redirect.value.code == 301
    assert redirect.value.headers["Location"].endswith("/emotional-intimacy-fades/")


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL])
def test_invoke_nginx_takes_nginx_with_it_when_stopped(stop):
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    task = subprocess.Popen(invoke_command("nginx", "--port", str(port)), cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = iter(task.stdout.readline, "")
        assert any("Serving the production site" in line for line in lines)
        for _ in range(300):
            if answers(origin + "/")():
                break
            threading.Event().wait(0.1)
        else:
            pytest.fail("invoke nginx never answered")
        task.send_signal(stop)
        task.wait(timeout=60)
        for _ in range(300):  # SIGKILL: nginx is told by the kernel (PDEATHSIG), a moment later
            if not answers(origin + "/")():
                break
            threading.Event().wait(0.1)
        else:
            pytest.fail(f"nginx still serves {origin} after invoke nginx got {stop.name}")
    finally:
        if task.poll() is None:
            task.kill()
    if stop == signal.SIGTERM:
        assert task.returncode == 0, task.stderr.read()


@pytest.mark.parametrize("encoding, decompress", [("br", brotli.decompress), ("gzip", gzip.decompress)])
def test_precompressed_files_are_served(origin, production, encoding, decompress):
    for url in (origin + "/", stylesheet_url(origin, production[2])):
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


def test_only_the_editor_relaxes_the_policy(origin, project):
    git_server = backend_origin(production_settings(project)["EDITOR_BACKEND"])
    status, headers, _ = fetch(origin + "/admin/")
    assert status == 200
    assert_security_headers(headers, editor_content_security_policy(git_server))
    policy = headers["Content-Security-Policy"]
    assert "'unsafe-eval'" in policy and git_server in policy
    assert headers["X-Robots-Tag"] == "noindex, nofollow"
    status, headers, _ = fetch(origin + "/admin/decap-cms.js", "br")
    assert status == 200 and headers["Content-Encoding"] == "br"
    for path in ("/", "/emotional-intimacy-fades/", "/team/", "/contact/", "/no-such-page/", "/admin-ish/"):
        policy = fetch(origin + path)[1]["Content-Security-Policy"]
        assert policy == STRICT_POLICY and "unsafe" not in policy, path


@pytest.mark.browser
def test_the_editor_runs_under_its_own_policy_in_chromium(browser, nginx_origin):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script("""
        window.__cspViolations = [];
        document.addEventListener("securitypolicyviolation",
            (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    """)
    page = context.new_page()
    elsewhere = []
    page.on("request", lambda request: not request.url.startswith(nginx_origin)
            and elsewhere.append(request.url))
    page.goto(nginx_origin + "/admin/", wait_until="networkidle")
    page.get_by_role("button", name=re.compile("Login with Forgejo", re.I)).wait_for(timeout=30_000)
    assert page.evaluate("window.__cspViolations") == []
    assert elsewhere == []  # nothing leaves the site until a writer logs in to the git server
    context.close()


def raw_answer(origin, request_bytes):
    """Send bytes as they are (no client tidies them) and read nginx's answer."""
    parts = urllib.parse.urlsplit(origin)
    connection = socket.create_connection((parts.hostname, parts.port), timeout=10)
    if parts.scheme == "https":
        connection = UNVERIFIED.wrap_socket(connection, server_hostname=parts.hostname)
    with connection:
        connection.sendall(request_bytes)
        response = http.client.HTTPResponse(connection)
        response.begin()
        response.read()
        return response.status, response.headers


@pytest.mark.parametrize("request_bytes, status", [
    (b"GET / HTTP/1.1\r\n\r\n", 400),  # HTTP/1.1 without a Host
    (b"GET /\x01 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 400),  # a control character in the path
    (b"GET /" + b"a" * 20_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 414),  # a path too long
])
def test_nginx_own_error_answers_carry_the_security_headers(origin, request_bytes, status):
    answer_status, headers = raw_answer(origin, request_bytes)
    assert answer_status == status
    assert_security_headers(headers)


def test_the_redirect_to_https_carries_the_security_headers(production_config_origins):
    _, _, http_origin = production_config_origins
    status, headers = raw_answer(http_origin, b"GET /fees/ HTTP/1.1\r\nHost: www.example.com\r\n\r\n")
    assert status == 301
    assert_security_headers(headers)
