"""The headers have one source; the committed nginx config is generated from it."""

import shutil
import subprocess

from helpers import ROOT
from security_headers import CONTENT_SECURITY_POLICY, nginx_site_config, static_host_headers


def test_committed_nginx_config_is_generated_not_hand_edited():
    committed = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert committed == nginx_site_config(), "run `invoke deploy-config` after editing policy.py"


def test_csp_is_strict():
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert "unsafe-eval'" not in CONTENT_SECURITY_POLICY.replace("'wasm-unsafe-eval'", "")


def test_static_host_headers_match_the_nginx_headers():
    headers = static_host_headers()
    assert f"  Content-Security-Policy: {CONTENT_SECURITY_POLICY}" in headers
    for line in headers.splitlines():
        if line.startswith("  ") and ":" in line:
            name, value = line.strip().split(": ", 1)
            assert f'add_header {name} "{value}" always;' in nginx_site_config()


def test_nginx_accepts_the_production_config(tmp_path):
    """`nginx -t` on deploy/nginx.conf, with a throwaway certificate in place of the real one."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=localhost", "-keyout", tmp_path / "key.pem",
                    "-out", tmp_path / "cert.pem"], check=True, capture_output=True)
    site = nginx_site_config()
    site = site.replace("/etc/letsencrypt/live/www.example.com/fullchain.pem", str(tmp_path / "cert.pem"))
    site = site.replace("/etc/letsencrypt/live/www.example.com/privkey.pem", str(tmp_path / "key.pem"))
    site = site.replace("/var/log/uplift/", f"{tmp_path}/")
    modules = "include /etc/nginx/modules-enabled/*.conf;\n"
    main = (f"{modules}pid {tmp_path}/nginx.pid;\nevents {{}}\n"
            f"http {{\ninclude /etc/nginx/mime.types;\n{site}\n}}\n")
    (tmp_path / "nginx.conf").write_text(main)
    result = subprocess.run([shutil.which("nginx"), "-t", "-c", str(tmp_path / "nginx.conf")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
