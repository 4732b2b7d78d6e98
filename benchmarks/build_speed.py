"""Build-speed benchmark: this project against bare Pelican on the same content.

Not a test. Run from the repository root:

    .venv/bin/python benchmarks/build_speed.py            # N = 100 and 1000
    .venv/bin/python benchmarks/build_speed.py 100 1000 3000 --runs 5

For each N it generates N realistic articles (benchmarks/generate_content.py),
then times, interleaving ours and bare in each round:

  full    a clean build into an empty folder, no cache
  warm    a rebuild of everything with the content cache warm
  edit    a rebuild with the cache warm after one article is edited
  preview the live preview after one article is edited: the time from saving
          to the edited page being written (the preview's quick pass)

"Bare" is Pelican 4.12 with its default theme and no plugins, followed by the
same search indexer (Pagefind) over its whole output, as a site without our
features would run it. Peak memory is the largest resident set of the build's
process tree. For each build the fastest of the rounds is printed (this machine's noise
only ever adds time) with the largest peak memory, and the ratio ours / bare; "cpu" is
the processor time (user + system) of the build's process tree in its fastest round, a
steadier measure than the clock when other work shares the machine.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate_content import generate  # beside this script (its folder is on the path)

from uplift.preview import PreviewBuilder

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


def measured(command, cwd=ROOT):
    """(seconds, peak resident MiB, processor seconds) of a command and everything it starts."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{command[:4]} failed:\n{process.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


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


def preview_after_edit(content, output, scratch, round_number):
    """Seconds from saving an article to the preview having written its page."""
    builder = PreviewBuilder(ROOT / "pelicanconf.py", content=content, output=output,
                             cache=scratch / "cache-preview")
    builder.full_build(index=False)  # what the preview did when it started
    article = edit(content, round_number)
    started = time.perf_counter()
    builder.quick_build([str(article)])
    return time.perf_counter() - started


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
        preview = [preview_after_edit(content, scratch / "out-preview", scratch, r) for r in range(runs)]
    return results, preview


def fastest(samples):
    """(seconds of the fastest round, the largest peak MiB of any round, processor seconds of the
    round that used the least)."""
    return (min(sample[0] for sample in samples), max(sample[1] for sample in samples),
            min(sample[2] for sample in samples))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'N':>6} {'build':<7} {'ours s':>8} {'bare s':>8} {'ratio':>6} "
          f"{'ours MiB':>9} {'bare MiB':>9} {'ratio':>6} {'ours cpu':>9} {'bare cpu':>9} {'ratio':>6}")
    for count in args.counts:
        results, preview = run(count, args.runs)
        for kind in ("full", "warm", "edit"):
            ours, bare = results[("ours", kind)], results[("bare", kind)]
            (t_ours, m_ours, c_ours), (t_bare, m_bare, c_bare) = fastest(ours), fastest(bare)
            print(f"{count:>6} {kind:<7} {t_ours:>8.2f} {t_bare:>8.2f} {t_ours / t_bare:>6.2f} "
                  f"{m_ours:>9.0f} {m_bare:>9.0f} {m_ours / m_bare:>6.2f} "
                  f"{c_ours:>9.2f} {c_bare:>9.2f} {c_ours / c_bare:>6.2f}")
        print(f"{count:>6} {'preview':<7} {statistics.median(preview):>8.2f}"
              "   (save -> edited page written; target 1.5 s)")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
