"""A published post whose slug changed keeps its old address: a page there that sends the reader on,
`_redirects` for static hosts, and a permanent redirect from real nginx; clashes are refused."""

import shutil
import urllib.error
import urllib.request

import pytest

from tests.deploy_fixtures import readable_by_nginx
from tests.helpers import DEV_SETTINGS, FIXTURE_CONTENT, ROOT, answers, free_port, run_pelican, serve_for_tests
from uplift.commands import webserver
from uplift.commands.project import Project

SECOND = (FIXTURE_CONTENT / "articles" / "second-post.md").read_text(encoding="utf-8")
MOVED = SECOND.replace("Slug: second-post\n", "Slug: trust-in-small-moments\nFormer_slugs: second-post, "
                                                "old-second\n")
LINKING = ("Title: Linking to an old address\nDate: 2025-10-22 09:00\nTags: communication\nSummary: A fixture "
           "post whose link uses an address that moved, long enough for the summary rule.\n\n"
           "Read [the second post](/old-second/) again.\n")


def content_with(tmp_path, files):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    for relative, text in files.items():
        (content / relative).write_text(text, encoding="utf-8")
    return content


def test_an_old_address_leads_to_the_new_one(tmp_path):
    content = content_with(tmp_path, {"articles/second-post.md": MOVED, "articles/linking.md": LINKING})
    result = run_pelican(content, tmp_path / "output")
    assert result.returncode == 0, result.stdout + result.stderr  # a link to a former address is fine
    for former in ("second-post", "old-second"):
        moved = (tmp_path / "output" / former / "index.html").read_text(encoding="utf-8")
        assert '<meta http-equiv="refresh" content="0; url=/trust-in-small-moments/">' in moved
        assert 'rel="canonical" href="http://127.0.0.1:8000/trust-in-small-moments/"' in moved
        assert '<a href="/trust-in-small-moments/">The Second Post</a>' in moved
    assert (tmp_path / "output" / "trust-in-small-moments" / "index.html").is_file()
    sitemap = (tmp_path / "output" / "sitemap.xml").read_text(encoding="utf-8")
    assert "/old-second/" not in sitemap and "/trust-in-small-moments/" in sitemap


@pytest.mark.parametrize("former, message", [
    ("first-post", "the former address 'first-post' is the address of {path}first-post.md now: readers "
                   "would reach that page, not this one. Remove it from Former_slugs."),
    ("topics", "the former address 'topics' is the name of a part of the site. Remove it from Former_slugs."),
    ("Old Post", "the Former_slugs entry 'Old Post' is not a web address part: use lower-case letters, digits "
                 "and hyphens only, like 'old-post'."),
])
def test_a_former_address_that_cannot_lead_here_is_refused(tmp_path, former, message):
    content = content_with(tmp_path, {"articles/second-post.md": SECOND.replace(
        "Slug: second-post\n", f"Slug: second-post\nFormer_slugs: {former}\n")})
    result = run_pelican(content, tmp_path / "output", DEV_SETTINGS, "-e", "CHECK_ONLY=true")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    expected = f"{content}/articles/second-post.md:3: " + message.format(path=f"{content}/articles/")
    lines = [line for line in output.splitlines() if line.startswith(str(content))]
    assert lines == [expected]


def test_nginx_and_static_hosts_redirect_permanently(tmp_path):
    content = content_with(tmp_path, {"articles/second-post.md": MOVED})
    readable_by_nginx(tmp_path)
    project = Project(ROOT)
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    output = tmp_path / "site"
    assert webserver.production_build_for(project, origin, output, content=content) == 0
    static_hosts = (output / "_redirects").read_text(encoding="utf-8").splitlines()
    assert "/old-second/ /trust-in-small-moments/ 301" in static_hosts
    assert "/second-post /trust-in-small-moments/ 301" in static_hosts
    config = webserver.nginx_config_for(project, port, output, tmp_path)

    class NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirects)
    for _ in serve_for_tests(["nginx", "-c", str(config)], lambda: answers(origin + "/"), "nginx"):
        for old in ("/second-post/", "/old-second", "/old-second/"):
            with pytest.raises(urllib.error.HTTPError) as moved:
                opener.open(origin + old, timeout=5)
            assert moved.value.code == 301 and moved.value.headers["Location"] == "/trust-in-small-moments/"
        with pytest.raises(urllib.error.HTTPError) as hidden:
            opener.open(origin + "/redirects.nginx", timeout=5)
        assert hidden.value.code == 404
