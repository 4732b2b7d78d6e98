"""Tasks for people and CI: `invoke --list` shows the menu.

Every build runs Pelican in a subprocess so that each one starts clean (Pelican
keeps state between runs in one process) and its exit status is the build's.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
DEV_SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
PREVIEW_HOST, PREVIEW_PORT = "127.0.0.1", 8000

# What the tests need from the operating system: {Debian package: a file it installs}.
SYSTEM_PACKAGES = {
    "chromium": "/usr/bin/chromium",  # browser tests (Playwright drives Debian's build)
    "nginx": "/usr/sbin/nginx",  # web-server tests
    "libnginx-mod-http-brotli-static": "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so",
    "default-jre-headless": "/usr/bin/java",  # the Nu Html Checker (vnu.jar)
    "openssl": "/usr/bin/openssl",  # a throwaway certificate for `nginx -t` of the TLS config
    "openssh-server": "/usr/sbin/sshd",  # publishing over SSH, to a server on loopback
    "openssh-client": "/usr/bin/ssh",
    "rsync": "/usr/bin/rsync",
    "logrotate": "/usr/sbin/logrotate",  # deleting old access logs, tested for real
    "npm": "/usr/bin/npm",  # installs axe-core and vnu.jar from package-lock.json
}


def pelican(settings, output=OUTPUT, *extra, content=None):
    """Run one Pelican build in a subprocess; return its exit status.

    `content` is the content folder (default: the settings' PATH)."""
    source = [str(Path(content).resolve())] if content else []
    command = [sys.executable, "-m", "pelican", *source, "-s", str(settings), "-o", str(output), *extra]
    return subprocess.run(command, cwd=ROOT).returncode


def build_or_exit(settings, *extra):
    status = pelican(settings, OUTPUT, *extra)
    if status:
        sys.exit(status)


@task
def build(c):
    """Build the development site into output/."""
    build_or_exit(DEV_SETTINGS)


@task
def preview(c):
    """Build the production site (publishconf.py) into output/."""
    build_or_exit(PUBLISH_SETTINGS)


@task
def clean(c):
    """Remove output/ and Pelican's caches."""
    for path in (OUTPUT, ROOT / "cache"):
        shutil.rmtree(path, ignore_errors=True)


@task(build)
def serve(c):
    """Build, then serve output/ at http://127.0.0.1:8000 (no rebuilds)."""
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    class ReusableServer(RootedHTTPServer):
        allow_reuse_address = True

    server = ReusableServer(str(OUTPUT), (PREVIEW_HOST, PREVIEW_PORT), ComplexHTTPRequestHandler)
    print(f"Serving the site at http://{PREVIEW_HOST}:{PREVIEW_PORT}/ (Ctrl-C stops it)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


@task(help={"port": f"the port to preview on (default {PREVIEW_PORT})",
            "content": "another content folder to preview (default: content/)"})
def livereload(c, port=PREVIEW_PORT, content=None):
    """Preview at http://127.0.0.1:8000: rebuilds and refreshes the browser on save."""
    from live_preview import AlreadyRunning, serve

    def announce():
        print(f"Preview: http://{PREVIEW_HOST}:{port}/ (saves rebuild it; Ctrl-C stops it)", flush=True)

    try:
        serve(DEV_SETTINGS, PREVIEW_HOST, int(port), OUTPUT, ROOT / "cache", content=content,
              announce=announce,
              watch_design=[ROOT / "theme" / "**" / "*", ROOT / "plugins" / "**" / "*.py", DEV_SETTINGS])
    except AlreadyRunning as error:
        sys.exit(str(error))
    except KeyboardInterrupt:
        pass


DECAP_SERVER = ROOT / "node_modules" / ".bin" / "decap-server"


@task(help={"port": f"the port of the preview and the editor (default {PREVIEW_PORT})",
            "cms_port": "the port of the editor's local proxy, decap-server (default 8081)"})
def edit(c, port=PREVIEW_PORT, cms_port=8081):
    """Write in the browser: the editor at http://127.0.0.1:PORT/admin/ and the live preview."""
    from live_preview import AlreadyRunning, claim, claim_port, serve, stop_on_sigterm

    ensure_node_packages(c)
    port, cms_port = int(port), int(cms_port)
    try:
        claim(ROOT / "cache" / "preview.lock", PREVIEW_HOST, port).close()  # not already running?
        claim_port(PREVIEW_HOST, cms_port, "the editor's local proxy", "--cms-port")
    except AlreadyRunning as error:
        sys.exit(str(error))
    # decap-server reads and writes files in this folder; bound to this computer only:
    # it has no login of its own.
    proxy = subprocess.Popen(
        [str(DECAP_SERVER)], cwd=ROOT,
        env={**os.environ, "PORT": str(cms_port), "BIND_HOST": PREVIEW_HOST, "MODE": "fs",
             "GIT_REPO_DIRECTORY": str(ROOT), "LOG_LEVEL": "warn"})
    stop_on_sigterm()

    def announce():
        print(f"Editor: http://{PREVIEW_HOST}:{port}/admin/ (log in, write, save)\n"
              f"Preview: http://{PREVIEW_HOST}:{port}/ (refreshes after each save; Ctrl-C stops both)",
              flush=True)

    try:
        serve(DEV_SETTINGS, PREVIEW_HOST, port, OUTPUT, ROOT / "cache", announce=announce,
              watch_design=[ROOT / "theme" / "**" / "*", ROOT / "plugins" / "**" / "*.py", DEV_SETTINGS],
              settings={"EDITOR_LOCAL_BACKEND": f"http://{PREVIEW_HOST}:{cms_port}/api/v1"})
    except AlreadyRunning as error:
        sys.exit(str(error))
    except KeyboardInterrupt:
        pass
    finally:
        proxy.terminate()
        try:
            proxy.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proxy.kill()


NEW_POST_TEMPLATE = """\
Title: {title}
Slug: {slug}
Date: {date}
Status: draft
Author: {author}
Tags: FILL IN one or more topics from content/topics/, e.g. emotional intimacy, communication
Summary: FILL IN one sentence of 70 to 160 characters for a reader deciding whether to click.

FILL IN your opening paragraph: who this post is for and what it will help with.

## FILL IN your first section heading

FILL IN the section's text.
"""


@task(help={"title": "the post's title, in quotes",
            "folder": "where to create it (default: content/articles)"})
def new_post(c, title, folder="content/articles"):
    """Start a post: content/articles/<slug>.md, a draft with every field to fill in."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from site_content import date_text
    from site_content import slug as make_slug

    settings = _settings(DEV_SETTINGS)
    slug = make_slug(title, settings)
    if not slug:
        sys.exit("The title needs at least one letter or digit.")
    path = (ROOT / folder / f"{slug}.md").resolve()
    shown = os.path.relpath(path)
    if path.exists():
        sys.exit(f"{shown} already exists; nothing was changed. "
                 "Choose another title, or open that file to keep writing.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(NEW_POST_TEMPLATE.format(
        title=title, slug=slug, date=date_text(datetime.now(ZoneInfo(settings["TIMEZONE"]))),
        author=settings["AUTHOR"]), encoding="utf-8")
    print(f"Created {shown} (a draft).\n"
          "Replace every 'FILL IN', then preview it with `make serve` and open\n"
          f"http://{PREVIEW_HOST}:{PREVIEW_PORT}/drafts/{slug}/ . "
          "`invoke check` lists anything left to fix.")


@task(help={"path": "another content folder to check (default: content/)"})
def check(c, path=None):
    """Check every post and page for problems, without building the site.

    The same reading and the same rules as a build (plugins/content_checks),
    stopped before anything is written."""
    command = [sys.executable, "-m", "pelican", *([str(Path(path))] if path else []),
               "-s", str(DEV_SETTINGS), "-e", "CHECK_ONLY=true"]
    # Run where the writer is, so the paths it prints are the ones they typed.
    sys.exit(subprocess.run(command).returncode)


def _settings(path, content=None):
    from pelican.settings import read_settings

    return read_settings(str(path), override={"PATH": str(Path(content).resolve())} if content else None)


@task
def images(c):
    """Redraw the favicons and the 1200x630 link-preview image (the mark of icon.svg)."""
    from PIL import Image, ImageDraw, ImageFont

    def draw(size, corner_radius):
        # Geometry of content/extra/icon.svg (a 32-unit square), scaled up 8x
        # and reduced, so the rings stay smooth at every size.
        scale = size * 8 / 32
        image = Image.new("RGBA", (size * 8, size * 8), (0, 0, 0, 0))
        pen = ImageDraw.Draw(image)
        pen.rounded_rectangle([0, 0, size * 8 - 1, size * 8 - 1],
                              radius=corner_radius * scale, fill="#fbf8f3")
        for centre_x in (12.5, 19.5):
            box = [(centre_x - 7.5) * scale, (16 - 7.5) * scale,
                   (centre_x + 7.5) * scale, (16 + 7.5) * scale]
            pen.ellipse(box, outline="#1d5c52", width=round(2.6 * scale))
        return image.resize((size, size), Image.LANCZOS)

    extra = ROOT / "content" / "extra"
    draw(180, 0).convert("RGB").save(extra / "apple-touch-icon.png", optimize=True)
    draw(48, 7).save(extra / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])

    # Link previews: the mark, the name and the tagline on the site's sand colour.
    from practice_facts import facts_path, load_facts

    settings = _settings(DEV_SETTINGS)
    practice, _ = load_facts(facts_path(settings))
    fonts = Path("/usr/share/fonts/truetype/dejavu")

    def font(name, size):
        path = fonts / name
        return ImageFont.truetype(str(path), size) if path.exists() else ImageFont.load_default(size)

    share = Image.new("RGB", (1200, 630), "#fbf8f3")
    mark = draw(200, 0).convert("RGB")
    share.paste(mark, (110, 215))
    pen = ImageDraw.Draw(share)
    pen.text((360, 200), practice["name"], font=font("DejaVuSerif-Bold.ttf", 110), fill="#25221e")
    pen.text((364, 335), "Couples therapy", font=font("DejaVuSans.ttf", 44), fill="#1d5c52")
    pen.text((364, 410), "Free 15-minute consultation", font=font("DejaVuSans.ttf", 34), fill="#4d473f")
    pen.rectangle([0, 610, 1200, 630], fill="#1d5c52")
    target = ROOT / settings["THEME"] / "static" / "images" / "share.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    share.save(target, optimize=True)

# --- Publishing ---------------------------------------------------------------------

def _production_settings(content=None):
    """publishconf.py's settings with the practice's facts applied (the public address)."""
    from practice_facts import facts_path, load_facts

    settings = _settings(PUBLISH_SETTINGS, content)
    facts, _ = load_facts(facts_path(settings))
    settings["PRACTICE"] = facts
    if settings.get("SITE_ORIGIN") is None:
        settings["SITE_ORIGIN"] = (facts.get("site_url") or "").rstrip("/")
    return settings


def _placeholder_gate(allow_placeholders, content=None):
    """Refuse to publish stand-in facts or clinicians, unless explicitly allowed (staging).

    Returns the production settings and the names of the stand-ins."""
    from practice_facts import facts_path, placeholder_problems
    from team import placeholder_members

    settings = _production_settings(content)
    problems = placeholder_problems(settings["PRACTICE"], facts_path(settings))
    stand_ins = placeholder_members(settings)
    names = [*settings["PRACTICE"].get("placeholders", []), *(Path(p.path).stem for p in stand_ins)]
    problems += stand_ins
    if problems and not allow_placeholders:
        sys.exit("Not published: the site still shows stand-in facts that readers must never see:\n"
                 + "\n".join(f"  {problem}" for problem in problems)
                 + "\nOr, for a staging copy only, publish with --allow-placeholders.")
    if problems:
        print(f"WARNING: publishing with placeholders ({', '.join(names)}). Fine for staging; never for "
              "the real site.", file=sys.stderr)
    return settings, names


PUBLISH_HELP = {"target": "a folder, or user@host:path over SSH (host:~/site works too)",
                "ssh": "the SSH client command for a remote target (default: ssh)",
                "wait": "seconds to wait for another publish or rollback of TARGET (default 300)",
                "timeout": "seconds an SSH connection may take to open or stay silent (default 30)"}


@task(help={**PUBLISH_HELP,
            "allow_placeholders": "publish even with placeholder practice facts (staging)",
            "content": "content folder to publish (default: content/)"})
def publish(c, target, allow_placeholders=False, content=None, ssh="ssh", wait=300, timeout=30):
    """Build, verify and switch the live site at TARGET to a new release, atomically."""
    from deploy.publishing import publish as publish_release
    from deploy.releases import DeployError
    from deploy.targets import target_for
    from deploy.verification import verify_build

    ensure_node_packages(c)  # the browser editor at /admin/ is published with the site
    settings, placeholders = _placeholder_gate(allow_placeholders, content)

    def build(folder):
        return pelican(PUBLISH_SETTINGS, folder, content=content) == 0

    def verify(folder):
        return verify_build(folder, settings["SITE_ORIGIN"], placeholders, allow_placeholders)

    def say(line):
        print(line, flush=True)

    def warn(line):
        print(line, file=sys.stderr, flush=True)

    try:
        name = publish_release(target_for(target, ssh, int(timeout)), build, verify, float(wait), say, warn)
    except DeployError as error:
        sys.exit(f"Not published: {error}.")
    print(f"Published release {name} to {target}.")


@task(help=PUBLISH_HELP)
def rollback(c, target, ssh="ssh", wait=300, timeout=30):
    """Switch the live site at TARGET back to the release that was live before it."""
    from deploy.publishing import rollback as roll_back
    from deploy.releases import DeployError
    from deploy.targets import target_for

    try:
        name = roll_back(target_for(target, ssh, int(timeout)), float(wait),
                         lambda line: print(line, flush=True))
    except DeployError as error:
        sys.exit(f"Not rolled back: {error}.")
    print(f"{target} now serves release {name}.")


def _site_host(settings):
    """The public host name (from the facts file's site_url), for nginx's server_name."""
    from urllib.parse import urlparse

    return urlparse(settings["SITE_ORIGIN"]).hostname


def production_nginx_config():
    """deploy/nginx.conf as the production settings and the practice's facts make it."""
    from security_headers import editor_origin, nginx_site_config

    settings = _production_settings()
    return nginx_site_config(_site_host(settings), editor_origin=editor_origin(settings))


@task
def deploy_config(c):
    """Write deploy/nginx.conf and deploy/logrotate.conf from plugins/security_headers."""
    from security_headers.access_log import logrotate_config

    (ROOT / "deploy" / "nginx.conf").write_text(production_nginx_config(), encoding="utf-8")
    (ROOT / "deploy" / "logrotate.conf").write_text(logrotate_config(), encoding="utf-8")
    print("Wrote deploy/nginx.conf and deploy/logrotate.conf")


BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


def production_build_for(origin, output, content=None):
    """A production build whose absolute URLs start with `origin` (for local serving)."""
    overrides = ["-e", f'SITE_ORIGIN="{origin}"', f'SITEURL="{origin}"', f'FEED_DOMAIN="{origin}"']
    return pelican(PUBLISH_SETTINGS, output, *overrides, content=content)


def nginx_config_for(port, root, scratch, access_log=None):
    from security_headers import editor_origin, nginx_local_config

    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (Path(scratch) / folder).mkdir(parents=True, exist_ok=True)
    config = Path(scratch) / "nginx.conf"
    module = str(BROTLI_MODULE) if BROTLI_MODULE.exists() else None
    config.write_text(nginx_local_config(port, root, scratch, module, access_log,
                                         editor_origin(_settings(PUBLISH_SETTINGS))), encoding="utf-8")
    return config


@task(help={"port": "the port to serve on (default 8080)",
            "access_log": "write production's access log (it identifies no one) to this file"})
def nginx(c, port=8080, access_log=None):
    """Build the production site and serve it with real nginx at http://127.0.0.1:PORT."""
    import signal
    import tempfile

    from deploy.targets import die_with_parent

    scratch = Path(tempfile.mkdtemp(prefix="uplift-nginx-"))
    try:
        scratch.chmod(0o755)  # nginx's workers run as an unprivileged user and must read the site
        site = scratch / "site"
        if production_build_for(f"http://127.0.0.1:{port}", site):
            sys.exit("The production build failed; nothing is served.")
        config = nginx_config_for(port, site, scratch, os.path.abspath(access_log) if access_log else None)
        print(f"Serving the production site with nginx at http://127.0.0.1:{port}/ (Ctrl-C stops it)",
              flush=True)

        def stop(number, _frame):
            raise KeyboardInterrupt

        # SIGTERM and SIGHUP stop nginx as Ctrl-C does; die_with_parent covers SIGKILL.
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGHUP, stop)
        server = subprocess.Popen(["nginx", "-c", str(config)], preexec_fn=die_with_parent)
        try:
            status = server.wait()
        except KeyboardInterrupt:
            status = 0
        finally:
            if server.poll() is None:
                server.terminate()
                server.wait()
        if status:
            sys.exit(f"nginx stopped with status {status}.")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


# --- Learning what works: the server's own log, counted ------------------------------

@task(iterable=["log"], help={
    "log": "an access log, or a folder of them (rotated and gzipped ones too); repeat for more",
    "since": "the first day to count, as YYYY-MM-DD (default: the log's first day)",
    "output": "the report to write (default: visits-report.html); never inside the site",
    "site": "the built site that names articles and topics (default: output/, built if missing)"})
def report(c, log=None, since=None, output="visits-report.html", site=None):
    """Write one HTML page of visits and consultation requests, from the server's log."""
    from datetime import date
    from urllib.parse import urlparse

    from deploy import visits

    if not log:
        sys.exit("Name the log: invoke report --log /var/log/uplift/ (the folder, or one file).")
    missing = [path for path in log if not Path(path).exists()]
    if missing:
        sys.exit(f"No such log: {', '.join(missing)}")
    try:
        first_day = date.fromisoformat(since) if since else None
    except ValueError:
        sys.exit(f"--since takes a date such as 2026-11-01, not {since!r}.")
    folder = Path(site).resolve() if site else OUTPUT
    if not (folder / "index.html").is_file():
        if site:
            sys.exit(f"{site} holds no built site (no index.html).")
        build_or_exit(DEV_SETTINGS)
    target = Path(output).resolve()
    if target.is_relative_to(folder) or target.is_relative_to(ROOT / "content"):
        sys.exit("The report is for staff only: write it outside the site's output and content folders.")

    built = visits.read_site(folder)
    # Moving between the site's own pages is not an arrival, whichever build named them.
    published_origin = _settings(PUBLISH_SETTINGS)["SITE_ORIGIN"]
    own_hosts = {urlparse(built.origin).hostname, urlparse(published_origin).hostname}
    summary = visits.summarise(visits.read_log_lines(log), own_hosts - {None}, since=first_day)
    target.write_text(visits.render_report(summary, built, date.today(), since=first_day), encoding="utf-8")
    leaders = [f"{row.article.title} ({row.requests})"
               for row in visits.article_rows(summary, built)[:3] if row.requests]
    shown = os.path.relpath(target) if target.is_relative_to(Path.cwd()) else target
    print(f"Wrote {shown}: page views {sum(summary.views.values())}, "
          f"consultation requests {sum(summary.requests.values())}.")
    if leaders:
        print("Articles leading to the most consultation requests: " + "; ".join(leaders))


def ensure_system_packages(c):
    """Install the Debian packages the tests drive (Chromium, nginx) if missing."""
    missing = [name for name, path in SYSTEM_PACKAGES.items() if not Path(path).exists()]
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(f"The tests need these Debian packages: {' '.join(missing)}. "
                 f"Install them with: sudo apt-get install -y {' '.join(missing)}")
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    c.run("apt-get update -qq", env=env)
    c.run(f"apt-get install -y -qq --no-install-recommends {' '.join(missing)}", env=env)


def ensure_node_packages(c):
    """Install the pinned npm packages (the browser editor, axe-core, vnu.jar) when the lock
    file changed, and npm itself (Debian's package) when it is missing."""
    if not Path(SYSTEM_PACKAGES["npm"]).exists():
        if os.geteuid() != 0:
            sys.exit("The browser editor needs npm (Node.js's package tool). Install it once with: "
                     "sudo apt-get install -y npm")
        c.run("apt-get update -qq && apt-get install -y -qq --no-install-recommends npm",
              env={"DEBIAN_FRONTEND": "noninteractive"})
    lock, installed = ROOT / "package-lock.json", ROOT / "node_modules" / ".package-lock.json"
    if installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime:
        return
    # --ignore-scripts: nothing is downloaded beyond the registry's packages.
    c.run("npm ci --ignore-scripts --no-audit --no-fund --loglevel=error")


@task
def test(c):
    """Install what the tests need, then run the whole test suite."""
    ensure_system_packages(c)
    ensure_node_packages(c)
    status = subprocess.run([sys.executable, "-m", "pytest"], cwd=ROOT).returncode
    if status == 5:
        print("pytest collected no tests: the suite is missing, which counts as a failure.")
        status = 1
    sys.exit(status)
