"""Build-speed benchmark: this project against bare Pelican on the same content.

Not a test. Run from the repository root:

    .venv/bin/python benchmarks/build_speed.py            # builds at N = 100, 1000; the preview at 0, 1000, 3000
    .venv/bin/python benchmarks/build_speed.py 100 1000 3000 --runs 5 --preview
    .venv/bin/python benchmarks/build_speed.py --no-builds --preview 0 1000 3000 --saves 5

For each N it generates N realistic articles (benchmarks/generate_content.py),
then times, interleaving ours and bare in each round:

  full    a clean build into an empty folder, no cache
  warm    a rebuild of everything with the content cache warm
  edit    a rebuild with the cache warm after one article is edited

The writing loop (--preview, at N extra articles besides the site's own): the
live preview runs (uplift.preview.serve, what `invoke livereload` runs) and
real Chromium (/usr/bin/chromium, through Playwright) shows one of the site's
articles; the article is saved --saves times, each once the preview is idle
again, and each time the seconds from the save to the browser showing the
saved text are taken, and the seconds until the page was written.

"Bare" is Pelican 4.12 with its default theme and no plugins, followed by the
same search indexer (Pagefind) over its whole output, as a site without our
features would run it. Peak memory is the largest resident memory of the build's
process tree at any moment (its processes summed). For each build the fastest of
the rounds is printed (this machine's noise only ever adds time) with the largest
peak memory, and the ratio ours / bare; "cpu" is the processor time (user +
system) of the build's process tree in its fastest round, a
steadier measure than the clock when other work shares the machine.
"""

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from generate_content import generate  # beside this script (its folder is on the path)
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
EDITED = "when-the-spark-fades"  # one of the site's own articles: the same page at every size

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

BARE_SETTINGS = '''
SITENAME = "Bare"
PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
TIMEZONE = "America/New_York"
PLUGINS = []
CACHE_PATH = "{cache}"
'''


def tree_resident(pid):
    """Resident MiB of a process and all its descendants now (0 once it has ended)."""
    total, pending = 0, [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while pending:
        current = pending.pop()
        try:
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * page
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue  # ended meanwhile
    return total / 2**20


def measured(command, cwd=ROOT):
    """(seconds, peak resident MiB, processor seconds) of a command and everything it starts.

    Peak memory is the largest sum over the processes running at once (the build's worker
    processes and Pagefind beside it), sampled every 10 ms, or the largest single process
    if that is more."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, done = [0.0], threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], tree_resident(process.pid))
            done.wait(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{command[:4]} failed:\n{process.stderr.read().decode()[-2000:]}")
    return elapsed, max(peak[0], usage.ru_maxrss / 1024), usage.ru_utime + usage.ru_stime


def pelican(settings, content, output, cache, warm):
    command = [sys.executable, "-m", "pelican", str(content), "-s", str(settings), "-o", str(output),
               "-e", f'CACHE_PATH="{cache}"']
    if warm:
        command += ["CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true"]
    return command


def bare_build(scratch, content, output, warm):
    seconds, memory, cpu = measured(pelican(scratch / "bare.py", content, output, scratch / "cache-bare", warm))
    index_seconds, index_memory, index_cpu = measured([sys.executable, "-m", "pagefind", "--site", str(output),
                                                       "--silent"])
    return seconds + index_seconds, max(memory, index_memory), cpu + index_cpu


def our_build(scratch, content, output, warm):
    return measured(pelican(ROOT / "pelicanconf.py", content, output, scratch / "cache-ours", warm))


def bare_content(content, scratch):
    """The same content for bare Pelican: its theme has no page templates of ours."""
    copy = scratch / "content-bare"
    shutil.copytree(content, copy)
    for page in (copy / "pages").glob("*.md"):
        lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
        page.write_text("".join(line for line in lines if not line.startswith("Template:")),
                        encoding="utf-8")
    return copy


def edit(content, round_number):
    article = content / "articles" / "notes-00001.md"
    article.write_text(article.read_text(encoding="utf-8") + f"\nAn edit, round {round_number}.\n",
                       encoding="utf-8")
    return article


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def idle(process):
    """Wait until the preview has no build running beside it (no child process)."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    while children.read_text().strip():
        time.sleep(0.1)
    time.sleep(0.3)


def written(page_file, marker, started, found):
    """Note when `marker` first appears in the page file (polled every 2 ms)."""
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline:
        try:
            if marker in page_file.read_text(encoding="utf-8"):
                found.append(time.perf_counter() - started)
                return
        except OSError:
            pass
        time.sleep(0.002)


def writing_loop(count, saves):
    """[(seconds to the browser showing the save, seconds to its page being written)]."""
    with tempfile.TemporaryDirectory(prefix="uplift-preview-bench-") as folder:
        scratch = Path(folder)
        content = generate(scratch / "content", count)
        output, port = scratch / "output", free_port()
        code = ("import sys; from uplift.preview import serve; "
                "serve(sys.argv[1], '127.0.0.1', int(sys.argv[2]), sys.argv[3], sys.argv[4], content=sys.argv[5])")
        with open(scratch / "preview.log", "w") as log:
            process = subprocess.Popen([sys.executable, "-c", code, str(ROOT / "pelicanconf.py"), str(port),
                                        str(output), str(scratch / "cache"), str(content)],
                                       cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        address = f"http://127.0.0.1:{port}/{EDITED}/"
        try:
            while not answers(address):
                if process.poll() is not None:
                    raise SystemExit((scratch / "preview.log").read_text()[-2000:])
                time.sleep(0.2)
            source = content / "articles" / f"{EDITED}.md"
            original = source.read_text(encoding="utf-8")
            samples = []
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                page = browser.new_page()
                page.goto(address)
                for number in range(saves):
                    idle(process)
                    page.wait_for_function("() => window.upliftPreview === 'listening'")
                    marker = f"Saved for the benchmark, save {number} of size {count}."
                    found = []
                    started = time.perf_counter()
                    source.write_text(original + f"\n{marker}\n", encoding="utf-8")
                    watcher = threading.Thread(target=written, args=(output / EDITED / "index.html", marker,
                                                                     started, found))
                    watcher.start()
                    page.wait_for_function(f"() => document.body.innerText.includes({marker!r})",
                                           polling=5, timeout=60000)
                    shown = time.perf_counter() - started
                    watcher.join()
                    samples.append((shown, found[0] if found else float("nan")))
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=60)
    return samples


def run(count, runs):
    results = {}
    with tempfile.TemporaryDirectory(prefix="uplift-bench-") as folder:
        scratch = Path(folder)
        content = generate(scratch / "content", count)
        bare = bare_content(content, scratch)
        (scratch / "bare.py").write_text(BARE_SETTINGS.format(cache=scratch / "cache-bare"))
        for round_number in range(runs):
            for name, build, source in (("ours", our_build, content), ("bare", bare_build, bare)):
                output = scratch / f"out-{name}"
                shutil.rmtree(output, ignore_errors=True)
                shutil.rmtree(scratch / f"cache-{name}", ignore_errors=True)
                results.setdefault((name, "full"), []).append(build(scratch, source, output, False))
                build(scratch, source, output, True)  # fill the cache
                results.setdefault((name, "warm"), []).append(build(scratch, source, output, True))
                edit(source, round_number)
                results.setdefault((name, "edit"), []).append(build(scratch, source, output, True))
    return results


def fastest(samples):
    """(seconds of the fastest round, the largest peak MiB of any round, processor seconds of the
    round that used the least)."""
    return (min(sample[0] for sample in samples), max(sample[1] for sample in samples),
            min(sample[2] for sample in samples))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[100, 1000],
                        help="article counts to time the builds at")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-builds", action="store_true", help="time the writing loop only")
    parser.add_argument("--preview", nargs="*", type=int, default=[0, 1000, 3000], metavar="N",
                        help="extra article counts to time the writing loop at (none: skip it)")
    parser.add_argument("--saves", type=int, default=5, help="saves timed at each size (median)")
    args = parser.parse_args()
    if args.preview:
        print(f"{'N':>6} {'save -> page written s':>23} {'save -> browser shows it s':>27}   (median of "
              f"{args.saves} saves; target 0.2 s)")
        for count in args.preview:
            samples = writing_loop(count, args.saves)
            shown = statistics.median(sample[0] for sample in samples)
            page = statistics.median(sample[1] for sample in samples)
            print(f"{count:>6} {page:>23.3f} {shown:>27.3f}   all: "
                  + ", ".join(f"{sample[0]:.3f}" for sample in samples))
            sys.stdout.flush()
    if args.no_builds:
        return
    print(f"{'N':>6} {'build':<7} {'ours s':>8} {'bare s':>8} {'ratio':>6} "
          f"{'ours MiB':>9} {'bare MiB':>9} {'ratio':>6} {'ours cpu':>9} {'bare cpu':>9} {'ratio':>6}")
    for count in args.counts:
        results = run(count, args.runs)
        for kind in ("full", "warm", "edit"):
            ours, bare = results[("ours", kind)], results[("bare", kind)]
            (t_ours, m_ours, c_ours), (t_bare, m_bare, c_bare) = fastest(ours), fastest(bare)
            print(f"{count:>6} {kind:<7} {t_ours:>8.2f} {t_bare:>8.2f} {t_ours / t_bare:>6.2f} "
                  f"{m_ours:>9.0f} {m_bare:>9.0f} {m_ours / m_bare:>6.2f} "
                  f"{c_ours:>9.2f} {c_bare:>9.2f} {c_ours / c_bare:>6.2f}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
