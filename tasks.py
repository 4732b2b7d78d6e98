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
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]  # deploy/ and the plugins' pure functions
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


@task
def livereload(c):
    """Preview at http://127.0.0.1:8000: rebuilds and refreshes the browser on save."""
    from live_preview import PreviewBuilder
    from livereload import Server

    builder = PreviewBuilder(DEV_SETTINGS, output=OUTPUT, cache=ROOT / "cache")
    builder.full_build()
    builder.warm_up()

    def content_saved(changed_paths):
        # The saved page first (the browser refreshes when this returns), then
        # every other page, the feeds and the search index in the background.
        builder.quick_build(changed_paths)
        builder.full_build(wait=False)

    def design_changed():
        builder.full_build()

    server = Server()
    server.watch(str(ROOT / "content/**/*"), content_saved)
    for pattern in ("theme/**/*", "plugins/**/*.py", "pelicanconf.py"):
        server.watch(str(ROOT / pattern), design_changed)
    print(f"Preview: http://{PREVIEW_HOST}:{PREVIEW_PORT}/ (saves rebuild it; Ctrl-C stops it)")
    try:
        server.serve(host=PREVIEW_HOST, port=PREVIEW_PORT, root=str(OUTPUT), open_url_delay=None)
    finally:
        builder.stop_background()


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

    from pelican.utils import slugify

    settings = _settings(DEV_SETTINGS)
    slug = slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    if not slug:
        sys.exit("The title needs at least one letter or digit.")
    path = (ROOT / folder / f"{slug}.md").resolve()
    shown = os.path.relpath(path)
    if path.exists():
        sys.exit(f"{shown} already exists; nothing was changed. "
                 "Choose another title, or open that file to keep writing.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(NEW_POST_TEMPLATE.format(
        title=title, slug=slug, date=datetime.now(ZoneInfo(settings["TIMEZONE"])).strftime("%Y-%m-%d %H:%M"),
        author=settings["AUTHOR"]), encoding="utf-8")
    print(f"Created {shown} (a draft).\n"
          "Replace every 'FILL IN', then preview it with `make serve` and open\n"
          f"http://{PREVIEW_HOST}:{PREVIEW_PORT}/drafts/{slug}/ . "
          "`invoke check` lists anything left to fix.")


@task(help={"path": "another content folder to check (default: content/)"})
def check(c, path=None):
    """Check every post and page for problems, without building the site."""
    command = [sys.executable, "-m", "content_checks", "--settings", str(DEV_SETTINGS)]
    if path:
        command += ["--path", str(Path(path).resolve())]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    # Run where the writer is, so the paths it prints are the ones they typed.
    sys.exit(subprocess.run(command, env=env).returncode)


def _settings(path):
    from pelican.settings import read_settings

    return read_settings(str(path))


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
    settings = _settings(DEV_SETTINGS)
    practice = settings["PRACTICE"]
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

def _placeholder_gate(allow_placeholders):
    """Refuse to publish stand-in practice facts, unless explicitly allowed (staging)."""
    settings = _settings(PUBLISH_SETTINGS)
    names = list(settings.get("PRACTICE_PLACEHOLDERS", []))
    if names and not allow_placeholders:
        facts = "\n".join(f"  - {name}: {settings['PRACTICE'][name]!r}" for name in names)
        sys.exit("Not published: these practice facts are still placeholders (pelicanconf.py, "
                 f"PRACTICE_PLACEHOLDERS):\n{facts}\nSet the real values and remove them from "
                 "PRACTICE_PLACEHOLDERS, or pass --allow-placeholders for a staging copy.")
    if names:
        print(f"WARNING: publishing with placeholder practice facts ({', '.join(names)}). "
              "Fine for staging; never for the real site.", file=sys.stderr)
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

    settings, placeholders = _placeholder_gate(allow_placeholders)

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


def _site_host():
    from urllib.parse import urlparse

    return urlparse(_settings(PUBLISH_SETTINGS)["SITE_ORIGIN"]).hostname


@task
def deploy_config(c):
    """Write deploy/nginx.conf from the one source of headers (plugins/security_headers)."""
    from security_headers import nginx_site_config

    (ROOT / "deploy" / "nginx.conf").write_text(nginx_site_config(_site_host()), encoding="utf-8")
    print("Wrote deploy/nginx.conf")


BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


def production_build_for(origin, output, content=None):
    """A production build whose absolute URLs start with `origin` (for local serving)."""
    overrides = ["-e", f'SITE_ORIGIN="{origin}"', f'SITEURL="{origin}"', f'FEED_DOMAIN="{origin}"']
    return pelican(PUBLISH_SETTINGS, output, *overrides, content=content)


def nginx_config_for(port, root, scratch):
    from security_headers import nginx_local_config

    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (Path(scratch) / folder).mkdir(parents=True, exist_ok=True)
    config = Path(scratch) / "nginx.conf"
    module = str(BROTLI_MODULE) if BROTLI_MODULE.exists() else None
    config.write_text(nginx_local_config(port, root, scratch, module), encoding="utf-8")
    return config


@task(help={"port": "the port to serve on (default 8080)"})
def nginx(c, port=8080):
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
        config = nginx_config_for(port, site, scratch)
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
    """Install the pinned npm test tools (axe-core, vnu.jar) when the lock file changed."""
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
