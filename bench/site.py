#!/usr/bin/env python3
"""diary against its peers, side by side in one run.

On the same seeded corpus (bench/corpus.py), alternating round by round:
  - diary render to an HTML site (release build, all cores)
  - cmark-gfm on all notes concatenated (the parser's floor: no site, no math, no cells)
  - Hugo (Debian's hugo; lean config: no taxonomies, RSS or sitemap; minimal layouts)
  - pandoc gfm -> html on all notes concatenated, in one process
and the cron case: diary rendering one note, process start included.
Prints median wall time, the ratio to diary, and peak RSS (from wait4).

    python3 bench/site.py [--notes 1000] [--rounds 7] [--big 10000] [--bin PATH] [--dir DIR]

Everything (corpus, outputs) lives in a folder under --dir: by default /dev/shm when the
machine has it, so that the figures measure the tools and not the disk (creating 1,000
files on this VM's ext4 takes 100-400 ms, for every tool alike). --dir /tmp measures
with the disk.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run(command, cwd):
    """Wall time in seconds and peak RSS in MB of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode()
    process.stderr.close()
    if process.returncode != 0:
        sys.exit(f"{command[0]} failed ({process.returncode}): {stderr[:2000]}")
    return elapsed, usage.ru_maxrss / 1024


def hugo_site(workdir, notes):
    site = os.path.join(workdir, "hugo")
    os.makedirs(os.path.join(site, "layouts", "_default"), exist_ok=True)
    with open(os.path.join(site, "config.toml"), "w") as handle:
        handle.write('baseURL = "https://example.org/"\ntitle = "Bench"\n'
                     'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n'
                     '[markup.goldmark.renderer]\nunsafe = true\n')
    page = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
            '<body><main>{{ .Content }}</main></body></html>\n')
    for name in ("single.html", "list.html"):
        with open(os.path.join(site, "layouts", "_default", name), "w") as handle:
            handle.write(page)
    with open(os.path.join(site, "layouts", "index.html"), "w") as handle:
        handle.write('<!DOCTYPE html><html><body><ul>{{ range .Site.RegularPages }}'
                     '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul></body></html>\n')
    shutil.copytree(notes, os.path.join(site, "content"), dirs_exist_ok=True)
    return site


def corpus(workdir, count):
    notes = os.path.join(workdir, f"notes-{count}")
    subprocess.run([sys.executable, os.path.join(HERE, "corpus.py"), notes, str(count)], check=True, stdout=subprocess.DEVNULL)
    concatenated = os.path.join(workdir, f"all-{count}.md")
    with open(concatenated, "w") as out:
        for name in sorted(os.listdir(notes)):
            with open(os.path.join(notes, name)) as handle:
                out.write(handle.read())
    return notes, concatenated


def table(title, results, baseline="diary"):
    print(f"\n{title}")
    print(f"{'tool':34} {'median':>10} {'vs diary':>9} {'peak RSS':>10}")
    base = statistics.median(results[baseline][0])
    for name, (times, rss) in results.items():
        median = statistics.median(times)
        print(f"{name:34} {median * 1000:8.1f} ms {median / base:8.2f}x {max(rss):7.1f} MB")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--big", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "diary"))
    parser.add_argument("--dir", default="/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir())
    args = parser.parse_args()
    for tool in ("cmark-gfm", "hugo", "pandoc"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing (make bench installs it)")
    workdir = tempfile.mkdtemp(prefix="diary-bench-", dir=args.dir)
    print(f"working in {workdir}")
    try:
        notes, concatenated = corpus(workdir, args.notes)
        hugo = hugo_site(workdir, notes)
        commands = {
            "diary render (HTML site)": [args.bin, "render", notes, "--out", os.path.join(workdir, "site"),
                                         "--today", "2026-11-26", "--quiet"],
            "cmark-gfm, concatenated": ["cmark-gfm", "-e", "table", "-e", "strikethrough", "-e", "autolink",
                                        "-e", "tagfilter", "-e", "tasklist", "--to", "html", concatenated],
            "hugo (lean)": ["hugo", "--quiet", "-s", hugo, "-d", os.path.join(workdir, "public")],
            "pandoc gfm->html, one process": ["pandoc", "-f", "gfm", "-t", "html", concatenated],
        }
        results = {name: ([], []) for name in commands}
        results["diary"] = results.pop("diary render (HTML site)")
        names = list(commands)
        for round_index in range(args.rounds):
            order = names if round_index % 2 == 0 else list(reversed(names))
            for name in order:
                if name.startswith("diary"):
                    # Every run starts from an empty folder: the full build, not the incremental one.
                    shutil.rmtree(os.path.join(workdir, "site"), ignore_errors=True)
                if name.startswith("hugo"):
                    shutil.rmtree(os.path.join(workdir, "public"), ignore_errors=True)
                elapsed, rss = run(commands[name], workdir)
                key = "diary" if name.startswith("diary") else name
                results[key][0].append(elapsed)
                results[key][1].append(rss)
        size = sum(os.path.getsize(os.path.join(notes, n)) for n in os.listdir(notes)) / 1e6
        table(f"{args.notes} notes ({size:.1f} MB), {args.rounds} alternating rounds, {os.cpu_count()} cores", results)

        # The daily cron case: one note, process start included.
        single = os.path.join(ROOT, "notes", "batch-norm-test-time.md")
        times = []
        for _ in range(20):
            elapsed, rss = run([args.bin, "render", single, "--out", os.path.join(workdir, "one"), "--quiet"], ROOT)
            times.append(elapsed)
        print(f"\nsingle note (cron case, process start included): median {statistics.median(times) * 1000:.1f} ms, "
              f"peak RSS {rss:.1f} MB")

        if args.big:
            big_notes, big_all = corpus(workdir, args.big)
            big = {"diary": ([], []), "cmark-gfm, concatenated": ([], [])}
            for _ in range(2):
                shutil.rmtree(os.path.join(workdir, "big"), ignore_errors=True)
                elapsed, rss = run([args.bin, "render", big_notes, "--out", os.path.join(workdir, "big"),
                                    "--today", "2026-11-26", "--quiet"], workdir)
                big["diary"][0].append(elapsed)
                big["diary"][1].append(rss)
                elapsed, rss = run(commands["cmark-gfm, concatenated"][:-1] + [big_all], workdir)
                big["cmark-gfm, concatenated"][0].append(elapsed)
                big["cmark-gfm, concatenated"][1].append(rss)
            table(f"{args.big} notes (memory)", big)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
