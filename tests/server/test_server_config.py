"""The headers have one source; nginx.conf, `_headers` and `invoke nginx` are rendered from it."""

import re
import shutil
import subprocess

from tests.server.expected import REQUIRED_HEADERS
from uplift.commands import webserver
from uplift.server.config import Booking, nginx_local_config, nginx_site_config, static_host_headers
from uplift.server.headers import CONTENT_SECURITY_POLICY, LOCATIONS, SEARCH_CONTENT_SECURITY_POLICY

BOOKING = Booking("/book/", "https://booking.example/uplift")


def directives(policy):
    return dict(d.split(" ", 1) for d in policy.split("; "))


def test_csp_is_strict_and_only_search_compiles_webassembly():
    for policy in (CONTENT_SECURITY_POLICY, SEARCH_CONTENT_SECURITY_POLICY):
        assert directives(policy)["default-src"] == "'self'"
        assert directives(policy)["frame-ancestors"] == "'none'"
        assert directives(policy)["form-action"] == "'self'"
        assert "unsafe-inline" not in policy
        assert "unsafe-eval'" not in policy.replace("'wasm-unsafe-eval'", "")
    assert directives(CONTENT_SECURITY_POLICY)["script-src"] == "'self'"
    assert directives(SEARCH_CONTENT_SECURITY_POLICY)["script-src"] == "'self' 'wasm-unsafe-eval'"
    with_wasm = [loc.nginx_match for loc in LOCATIONS if "wasm" in loc.csp and loc.sends_headers]
    assert with_wasm == ["/search/", "/pagefind/"]


def static_host_rules(text):
    """{path pattern: [header lines]} of a `_headers` file."""
    rules, path = {}, None
    for line in text.splitlines():
        if not line.startswith(" "):
            path = line
            rules[path] = []
        else:
            rules[path].append(line.strip())
    return rules


def test_static_host_headers_match_the_nginx_locations():
    rules = static_host_rules(static_host_headers(["/theme/css/main.0123456789.css"]))
    site = nginx_site_config(BOOKING)
    assert f"Content-Security-Policy: {CONTENT_SECURITY_POLICY}" in rules["/*"]
    for name, value in REQUIRED_HEADERS.items():
        assert f"{name}: {value}" in rules["/*"], name
    for line in rules["/*"]:
        name, value = line.split(": ", 1)
        assert f'add_header {name} "{value}" always;' in site
    # One policy on the search page: the broad rule's is dropped first (Cloudflare Pages).
    search = rules["/search/*"]
    assert search.index("! Content-Security-Policy") < search.index(
        f"Content-Security-Policy: {SEARCH_CONTENT_SECURITY_POLICY}")
    assert rules["/theme/css/main.0123456789.css"][-1] == "Cache-Control: public, max-age=31536000, immutable"
    # share.png and other unhashed theme files are revalidated like pages.
    assert not any(path.startswith("/theme/") and "*" in path for path in rules)


def test_the_build_lists_its_hashed_files_in_headers(production):
    output = production[2]
    rules = static_host_rules((output / "_headers").read_text())
    hashed = sorted(path for path in rules if path.startswith("/theme/"))
    assert [path.rsplit(".", 2)[0] for path in hashed] == ["/theme/css/main", "/theme/css/search",
                                                           "/theme/js/search"]
    assert all((output / path.lstrip("/")).is_file() for path in hashed)


def test_the_production_config_listens_on_ipv6_and_redirects_to_its_own_host():
    site = nginx_site_config(BOOKING, "www.uplift.example")
    assert "listen [::]:443 ssl;" in site and "listen 443 ssl;" in site
    assert "return 301 https://www.uplift.example$request_uri;" in site
    assert "$host" not in site and "$http_host" not in site
    assert "gzip_vary on;" in site and "gzip_vary on;" in nginx_local_config(BOOKING, 8080, "/x", "/tmp/x")


def test_nginx_accepts_the_config_deploy_config_writes(tmp_path, project):
    """`nginx -t` on the nginx.conf `invoke deploy-config` writes, with a throwaway certificate
    in place of the real one."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=localhost", "-keyout", tmp_path / "key.pem",
                    "-out", tmp_path / "cert.pem"], check=True, capture_output=True)
    webserver.deploy_config(project, tmp_path)
    site = (tmp_path / "nginx.conf").read_text(encoding="utf-8")
    certificate = re.search(r"ssl_certificate\s+(\S+);", site).group(1)
    key = re.search(r"ssl_certificate_key\s+(\S+);", site).group(1)
    site = site.replace(certificate, str(tmp_path / "cert.pem")).replace(key, str(tmp_path / "key.pem"))
    site = site.replace("/var/log/uplift/", f"{tmp_path}/")  # the access log's folder
    modules = "include /etc/nginx/modules-enabled/*.conf;\n"
    main = (f"{modules}pid {tmp_path}/nginx.pid;\nevents {{}}\n"
            f"http {{\ninclude /etc/nginx/mime.types;\n{site}\n}}\n")
    (tmp_path / "nginx.conf").write_text(main)
    result = subprocess.run([shutil.which("nginx"), "-t", "-c", str(tmp_path / "nginx.conf")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
