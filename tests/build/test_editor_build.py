"""The browser editor in the build: /admin/ from the site's own files, its rules the site's,
no trace on public pages."""

import json
import re

import pytest
import yaml

from tests.helpers import ROOT, BuiltSite, build_fixture_site

PUBLISH_SETTINGS = ROOT / "publishconf.py"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("editor-build")
    result = build_fixture_site(tmp, {}, extra=("-e", "EDITOR_CHECKS=true",
                                                'EDITOR_LOCAL_BACKEND="http://127.0.0.1:8081/api/v1"'))
    assert result.returncode == 0, result.stderr
    return BuiltSite(tmp / "output", result)


def config_of(output):
    return yaml.safe_load((output / "admin" / "config.yml").read_text(encoding="utf-8"))


def field(collection, name):
    return next(f for f in collection["fields"] if f["name"] == name)


def test_the_admin_page_loads_only_the_sites_own_files(built):
    html = built.html("/admin/")
    assert '<meta name="robots" content="noindex, nofollow">' in html
    scripts = re.findall(r'<script src="([^"]+)"></script>', html)
    assert scripts[:2] == ["site.js", "decap-cms.js"] and "<script>" not in html
    modules = re.findall(r'<script type="module" src="([^"]+)"></script>', html)
    assert modules == ["yaml-global.js"]
    for script in [*scripts, *modules]:
        assert (built.output / "admin" / script).is_file(), script
    # The module's imports, from the site's own copy of the pinned yaml package.
    assert "from './yaml/index.js'" in (built.output / "admin" / "yaml-global.js").read_text()
    assert (built.output / "admin" / "yaml" / "index.js").is_file()
    assert (built.output / "admin" / "yaml" / "parse" / "cst.js").is_file()
    assert not re.search(r"https?://(?!127\.0\.0\.1)", html)


def test_the_editors_rules_are_the_sites(built):
    config = config_of(built.output)
    collections = {collection["name"]: collection for collection in config["collections"]}
    assert list(collections) == ["articles", "pages", "topics", "team", "settings"]
    articles = collections["articles"]
    assert articles["format"] == "pelican" and articles["slug"] == "{{fields.slug}}"
    assert field(articles, "summary")["pattern"][0] == "^.{70,160}$"
    # Dates typed year-month-day in the site's zone (uplift-cms.js's "sitedate"), never a picker's
    # mm/dd/yyyy; the pattern is the site's own date form.
    date = field(articles, "date")
    assert date["widget"] == "sitedate" and date["time_format"] == "HH:mm"
    assert re.fullmatch(date["pattern"][0], "2025-09-16 09:00") and not re.fullmatch(date["pattern"][0],
                                                                                      "09/16/2025 09:00")
    assert field(articles, "reviewed_on")["time_format"] is False
    assert "preview_path" not in articles  # Decap's "View Live" showed for drafts too
    assert field(articles, "status")["options"] == ["published", "draft", "hidden"]
    assert field(articles, "author")["options"] == ["The Uplift team", "Robin Fixture"]
    assert field(articles, "reviewed_by")["options"] == ["Robin Fixture"]
    assert field(articles, "tags")["collection"] == "topics" and field(articles, "tags")["multiple"]
    assert (config["media_folder"], config["public_folder"]) == ("content/images", "{static}/images")
    assert config["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}
    facts = collections["settings"]["files"][0]
    assert facts["file"] == "content/practice.yml"
    assert {f["name"] for f in facts["fields"]} >= {"phone", "booking_url", "address", "placeholders"}
    # The facts file keeps its notes and layout (static/facts-format.js); paragraphs get boxes.
    assert collections["settings"]["format"] == "uplift-facts"
    assert field(facts, "about")["widget"] == field(facts, "cancellation_policy")["widget"] == "text"
    assert field(field(facts, "consultation"), "summary")["widget"] == "text"
    assert field(facts, "tagline")["widget"] == field(facts, "phone")["widget"] == "string"
    assert field(facts, "hours")["widget"] == "list"


def test_the_editor_knows_every_way_to_name_a_topic(built):
    script = (built.output / "admin" / "site.js").read_text()
    data, start = script.splitlines()
    names = json.loads(data.removeprefix("window.UPLIFT = ").rstrip(";"))["topicNames"]
    assert start == "window.CMS_MANUAL_INIT = true;"  # Decap waits for the YAML reader
    assert names["talking"] == names["communication"] == "communication"
    assert names["betrayal"] == "trust and repair"


def test_the_preview_tells_the_editor_what_the_checker_found(tmp_path):
    post = ("Title: A link to the preview\nDate: 2025-11-02 09:00\nTags: communication\nStatus: draft\n"
            "Summary: A draft whose one link points at the preview, with a summary long enough for the "
            "rules.\n"
            "\nSee [fees](http://localhost:8000/fees/).\n")
    result = build_fixture_site(tmp_path, {"articles/draft-link.md": post},
                                extra=("-e", "EDITOR_CHECKS=true"))
    assert result.returncode == 0, result.stderr
    checks = json.loads((tmp_path / "output" / "admin" / "checks.json").read_text())
    found = checks["content/articles/draft-link.md"]
    assert [problem["line"] for problem in found] == [7]
    assert "goes to the preview on your own computer" in found[0]["message"]
    assert checks["content/articles/first-post.md"] == []
    # What links where, for the warning before a delete: posts by their links, topics by Start_here.
    linking = json.loads((tmp_path / "output" / "admin" / "links.json").read_text())
    assert linking["content/articles/first-post.md"] == [
        {"path": "content/articles/second-post.md", "title": "The Second Post"}]
    assert sorted(linking["content/articles/second-post.md"], key=lambda entry: entry["path"]) == [
        {"path": "content/articles/first-post.md", "title": "The First Post"},
        {"path": "content/topics/trust.md", "title": "the topic Trust and repair (its start-here article)"}]


def test_public_pages_carry_no_trace_of_the_editor(built):
    for path in built.html_files():
        relative = path.relative_to(built.output).as_posix()
        if relative.startswith("admin/"):
            continue
        assert "/admin" not in path.read_text(encoding="utf-8"), relative
    assert "/admin/" not in (built.output / "sitemap.xml").read_text()
    index = (built.output / "pagefind" / "pagefind-entry.json").read_text()
    assert "admin" not in json.dumps(json.loads(index))


def test_production_serves_the_editor_for_the_git_server(tmp_path):
    result = build_fixture_site(tmp_path, {}, settings=PUBLISH_SETTINGS,
                                extra=("-e", 'SITE_ORIGIN="https://www.example.com"'))
    assert result.returncode == 0, result.stderr
    admin = tmp_path / "output" / "admin"
    config = config_of(tmp_path / "output")
    assert "local_backend" not in config
    assert config["backend"]["name"] == "forgejo" and config["publish_mode"] == "editorial_workflow"
    assert not (admin / "checks.json").exists()
    assert (admin / "decap-cms.js.br").is_file() and (admin / "decap-cms.js.gz").is_file()


def test_without_the_bundle_the_site_still_builds_but_production_refuses(tmp_path):
    missing = str(tmp_path / "no-such-bundle")
    dev = build_fixture_site(tmp_path / "dev", {}, extra=("-e", f'EDITOR_BUNDLE="{missing}"'))
    assert dev.returncode == 0 and not (tmp_path / "dev" / "output" / "admin").exists()
    production = build_fixture_site(tmp_path / "prod", {}, extra=(
        "-e", f'EDITOR_BUNDLE="{missing}"', "EDITOR_REQUIRED=true"))
    assert production.returncode == 1
    assert "The browser editor (Decap CMS) is not installed" in production.stderr
