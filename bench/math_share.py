#!/usr/bin/env python3
"""The MathML share of `make bench`: what diary's formulas cost on the bench corpus.

On the corpus of bench/site.py (bench/corpus.py, 1,000 notes), each --bin renders, round by
round and alternating, the notes as they are and the same notes with every `$` removed
(the formulas' TeX then reads as text of the same length). The difference of the medians
is the time formulas take (scanning, TeX -> MathML, writing it out); the share is that
time over the whole render. Give two binaries (an older build and this one) to compare.

    python3 bench/math_share.py --bin OLD/diary --bin NEW/diary [--notes 1000] [--rounds 9] [--dir DIR]
"""
import argparse
import importlib.util
import os
import shutil
import statistics
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
# bench/site.py is shadowed by the standard library's `site`: loaded by path.
_spec = importlib.util.spec_from_file_location("bench_site", os.path.join(HERE, "site.py"))
bench_site = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_site)


def without_math(notes, workdir):
    """A copy of the notes with every `$` removed."""
    plain = os.path.join(workdir, "notes-plain")
    os.makedirs(plain)
    for name in os.listdir(notes):
        with open(os.path.join(notes, name)) as source, open(os.path.join(plain, name), "w") as out:
            out.write(source.read().replace("$", ""))
    return plain


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", action="append", required=True, help="a diary binary (give several to compare)")
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--dir", default="/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir())
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="diary-math-share-", dir=args.dir)
    try:
        notes, _ = bench_site.corpus(workdir, args.notes)
        plain = without_math(notes, workdir)
        runs = [(binary, kind, folder) for binary in args.bin for kind, folder in (("math", notes), ("text", plain))]
        times = {(binary, kind): [] for binary, kind, _ in runs}
        for round_index in range(args.rounds):
            for binary, kind, folder in (runs if round_index % 2 == 0 else list(reversed(runs))):
                out = os.path.join(workdir, "site")
                shutil.rmtree(out, ignore_errors=True)
                elapsed, _ = bench_site.run([binary, "render", folder, "--out", out, "--today", "2026-11-26", "--quiet"], workdir)
                times[(binary, kind)].append(elapsed)
        print(f"{args.notes} notes, {args.rounds} alternating rounds, medians")
        print(f"{'binary':50} {'with math':>10} {'as text':>10} {'formulas':>10} {'share':>7}")
        for binary in args.bin:
            math = statistics.median(times[(binary, "math")])
            text = statistics.median(times[(binary, "text")])
            print(f"{binary[-50:]:50} {math * 1000:7.1f} ms {text * 1000:7.1f} ms {(math - text) * 1000:7.1f} ms "
                  f"{(math - text) / math * 100:6.1f}%")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
