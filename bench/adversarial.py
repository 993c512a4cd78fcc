#!/usr/bin/env python3
"""diary on adversarial note shapes, against cmark-gfm on the same file.

Every stage of diary must stay near-linear in a note's size; cmark-gfm (the C parser
diary uses) is the floor. Each shape is rendered by `diary render NOTE --out DIR` (one
HTML page, process start included) and by `cmark-gfm` with GitHub's extensions, a few
times alternating; the table gives the medians and diary ÷ cmark-gfm.

    python3 bench/adversarial.py [--bin PATH] [--rounds 3] [--scale 1]
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


def shapes(scale):
    n = 20_000 * scale
    return {
        # *a *a … x … b* b*: emphasis nested 20,000 deep (120 KB).
        "deep emphasis": "*a " * n + "x" + " b*" * n + "\n",
        # One paragraph line of 1 MB of words.
        "one 1 MB line": ("word " * (200_000 * scale)).strip() + "\n",
        # 32,000 inline formulas in one paragraph.
        "32,000 formulas in a paragraph": "Text " + " ".join(f"$x_{{{i}}}$" for i in range(32_000 * scale)) + "\n",
        # 20,000 placeholders on one line.
        "20,000 placeholders on a line": " ".join("{{ DATE }}" for _ in range(20_000 * scale)) + "\n",
        # 5,000 nested block quotes and list items.
        "5,000 nested quotes": "".join("> " * i + "q\n" for i in range(1, 60)) * (85 * scale),
        # 10,000 small paragraphs with emphasis, links and code.
        "10,000 paragraphs": "".join(f"Para *{i}* with [a link](x{i}.md) and `code {i}`.\n\n" for i in range(10_000 * scale)),
    }


def timed(command, cwd):
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{command[0]} failed ({result.returncode}): {result.stderr.decode()[:2000]}")
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "diary"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()
    if not shutil.which("cmark-gfm"):
        sys.exit("cmark-gfm is missing (make bench installs it)")
    workdir = tempfile.mkdtemp(prefix="diary-adversarial-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    try:
        print(f"\nadversarial shapes, {args.rounds} alternating rounds (one note, process start included)")
        print(f"{'shape':34} {'size':>8} {'diary':>10} {'cmark-gfm':>10} {'ratio':>7}")
        for name, text in shapes(args.scale).items():
            note = os.path.join(workdir, "note.md")
            with open(note, "w") as handle:
                handle.write(text)
            diary, cmark = [], []
            for _ in range(args.rounds):
                shutil.rmtree(os.path.join(workdir, "out"), ignore_errors=True)
                diary.append(timed([args.bin, "render", note, "--out", os.path.join(workdir, "out"),
                                    "--today", "2026-11-26", "--quiet"], workdir))
                cmark.append(timed(["cmark-gfm", "-e", "table", "-e", "strikethrough", "-e", "autolink",
                                    "-e", "tagfilter", "-e", "tasklist", "--to", "html", note], workdir))
            d, c = statistics.median(diary), statistics.median(cmark)
            print(f"{name:34} {len(text.encode()) / 1e3:6.0f} KB {d * 1000:8.1f} ms {c * 1000:8.1f} ms {d / c:6.1f}x")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
