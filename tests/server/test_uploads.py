"""Uploaded files are data, never code: real nginx (both configurations) serving a production
build into which script-carrying files were put, opened directly in Chromium.

The build refuses such files (uplift/checks/media.py); these tests put them in the
published folder anyway, as a file that slipped past the checks would be, to hold the
server's own defence: nothing under /images/, /extra/ or the root icons runs."""

import shutil

import pytest
from PIL import Image

from tests.deploy_fixtures import answers, free_port, readable_by_nginx
from tests.helpers import serve_for_tests
from tests.server.expected import REQUIRED_HEADERS
from tests.server.test_nginx import fetch, serve_production_config
from tests.server.test_server_config import static_host_rules
from uplift.commands import webserver
from uplift.server.config import static_host_headers

# Written out here on purpose (not read from uplift.server): what an upload must be served with.
UPLOADS_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def payload(name):
    """Script that, were it to run, would leave three marks: the title, a dialog, a request."""
    return (f"document.title = 'ran-{name}'; fetch('/ran-{name}'); alert('ran-{name}');")


# Each uploaded file loads a script beside it from the same origin (what script-src 'self'
# allows) and carries inline script and event handlers too.
UPLOADS = {
    "images/drawing.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" '
        f'onload="{payload("svg-onload")}">'
        '<script href="/images/helper.js"></script>'
        f"<script>{payload('svg-inline')}</script>"
        '<rect width="10" height="10"/></svg>'),
    "images/helper.js": payload("helper-js"),
    "images/page.html": (
        "<!doctype html><html lang=en><title>uploaded</title>"
        f'<body onload="{payload("html-onload")}">'
        '<script src="/images/helper.js"></script>'
        f"<script>{payload('html-inline')}</script><p>an uploaded page</p></body></html>"),
    "extra/page.html": (
        "<!doctype html><html lang=en><title>uploaded</title>"
        '<script src="/images/helper.js"></script><p>an uploaded document</p></html>'),
    "icon.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<script href="/images/helper.js"></script><rect width="10" height="10"/></svg>'),
}
# What a reader (or an attacker's link) could open: documents that would run script on the site's origin.
OPENED = ["/images/drawing.svg", "/images/page.html", "/extra/page.html", "/icon.svg"]


@pytest.fixture(scope="module")
def uploads_root(production, tmp_path_factory):
    """A copy of the production build, with the uploaded files in it."""
    scratch = tmp_path_factory.mktemp("uploads")
    readable_by_nginx(scratch)
    root = scratch / "site"
    shutil.copytree(production[2], root)
    for relative, text in UPLOADS.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        for sibling in (".gz", ".br"):  # the build's compressed copies of a file replaced here
            target.with_name(target.name + sibling).unlink(missing_ok=True)
    Image.new("RGB", (60, 40), "white").save(root / "extra" / "guide.pdf")  # a real document
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return root


@pytest.fixture(scope="module")
def uploads_local_origin(uploads_root, project, tmp_path_factory):
    """`invoke nginx`'s configuration serving the copy."""
    scratch = tmp_path_factory.mktemp("uploads-local")
    scratch.chmod(0o755)
    port = free_port()
    config = webserver.nginx_config_for(project, port, uploads_root, scratch)
    origin = f"http://127.0.0.1:{port}"
    for _ in serve_for_tests(["nginx", "-c", str(config)], answers(origin + "/"), "nginx"):
        yield origin


@pytest.fixture(scope="module")
def uploads_production_origin(uploads_root, project, tmp_path_factory):
    """The production nginx.conf serving the copy."""
    for origins in serve_production_config(uploads_root, tmp_path_factory.mktemp("uploads-production"),
                                           project):
        yield origins[0]


@pytest.fixture(params=["invoke nginx", "production nginx.conf"])
def uploads_origin(request):
    return request.getfixturevalue("uploads_local_origin" if request.param == "invoke nginx"
                                   else "uploads_production_origin")


@pytest.mark.parametrize("path", [*OPENED, "/images/helper.js"])
def test_uploads_are_served_with_a_policy_that_runs_nothing(uploads_origin, path):
    status, headers, _ = fetch(uploads_origin + path)
    assert status == 200
    assert headers.get_all("Content-Security-Policy") == [UPLOADS_POLICY]
    for name, value in REQUIRED_HEADERS.items():
        assert headers[name] == value, name


def test_pages_keep_their_own_policy_beside_the_uploads(uploads_origin):
    _, headers, _ = fetch(uploads_origin + "/")
    assert "sandbox" not in headers["Content-Security-Policy"]
    _, headers, _ = fetch(uploads_origin + "/images/no-such-file.png")  # the 404 page is a page
    assert "sandbox" not in headers["Content-Security-Policy"]


def test_static_hosts_get_the_same_policy_for_uploads():
    rules = static_host_rules(static_host_headers())
    for path in ("/images/*", "/extra/*", "/favicon.ico", "/icon.svg", "/apple-touch-icon.png"):
        # The broad rule's policy is dropped first, so the upload's is the only one (Cloudflare Pages).
        assert rules[path][0] == "! Content-Security-Policy", path
        assert f"Content-Security-Policy: {UPLOADS_POLICY}" in rules[path], path


@pytest.mark.browser
@pytest.mark.parametrize("path", OPENED)
def test_an_uploaded_file_opened_in_chromium_runs_no_script(browser, uploads_local_origin, path):
    context = browser.new_context()
    page = context.new_page()
    dialogs, ran = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: "/ran-" in request.url and ran.append(request.url))
    response = page.goto(uploads_local_origin + path, wait_until="load")
    assert response.status == 200
    # The script beside it is fetched only if something asked for it: give it time to run.
    page.wait_for_timeout(500)
    assert dialogs == [] and ran == []
    assert "ran-" not in page.title()
    context.close()


@pytest.mark.browser
def test_the_site_still_shows_an_uploaded_picture_in_a_page(browser, uploads_local_origin):
    """The policy is for the file opened on its own: a page's <img> still draws it."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(uploads_local_origin + "/", wait_until="load")
    drawn = page.evaluate("""() => new Promise((done) => {
        const image = new Image();
        image.onload = () => done(image.naturalWidth > 0);
        image.onerror = () => done(false);
        image.src = '/images/drawing.svg';
    })""")
    assert drawn
    context.close()


@pytest.mark.browser
def test_an_uploaded_document_still_opens_in_chromium_pdf_viewer(browser, uploads_local_origin):
    """The sandbox stops script, not reading: Chromium's own viewer shows the PDF."""
    context = browser.new_context()
    page = context.new_page()
    response = page.goto(uploads_local_origin + "/extra/guide.pdf", wait_until="load")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert "sandbox" in response.all_headers()["content-security-policy"]
    page.wait_for_timeout(1000)
    assert any(frame.url.startswith("chrome-extension://") for frame in page.frames), page.frames
    context.close()
