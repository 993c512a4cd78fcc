#!/usr/bin/env python3
"""DiaryMath against NumPy, side by side in one run.

For every case the two implementations run alternately, round after round, on the
same shapes; each round times several repetitions after a warm-up. The table shows
the median time of each and the ratio DiaryMath / NumPy (below 1 means DiaryMath is
faster). Usage: python3 bench/math.py [--rounds N] [--bin PATH]
"""
import argparse
import statistics
import subprocess
import sys
import time

import numpy as np

SHAPES = [(256, 1024), (4096, 1024), (65536, 256)]
CASES = ["batchnorm", "mean0", "mean1", "var0", "var1", "elementwise"]
TITLES = {
    "batchnorm": "batch-norm train forward + running update",
    "mean0": "mean, axis 0",
    "mean1": "mean, axis 1",
    "var0": "var, axis 0",
    "var1": "var, axis 1",
    "elementwise": "(X - mu) / sqrt(var + eps) * gamma + beta",
}


def numpy_times(case, rows, columns, repetitions):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((rows, columns))
    gamma = rng.random(columns) + 0.5
    beta = rng.standard_normal(columns)
    mu, var = x.mean(0), x.var(0)
    state = {"rm": np.zeros(columns), "rv": np.ones(columns)}
    n = rows

    def batchnorm():
        m = x.mean(0)
        v = x.var(0)
        y = (x - m) / np.sqrt(v + 1e-5) * gamma + beta
        state["rm"] = 0.9 * state["rm"] + 0.1 * m
        state["rv"] = 0.9 * state["rv"] + 0.1 * v * (n / (n - 1))
        return y

    operations = {
        "batchnorm": batchnorm,
        "mean0": lambda: x.mean(0),
        "mean1": lambda: x.mean(1),
        "var0": lambda: x.var(0),
        "var1": lambda: x.var(1),
        "elementwise": lambda: (x - mu) / np.sqrt(var + 1e-5) * gamma + beta,
    }
    operation = operations[case]
    operation()
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        operation()
        times.append(time.perf_counter() - start)
    return times


def swift_times(binary, case, rows, columns, repetitions):
    out = subprocess.run([binary, case, str(rows), str(columns), str(repetitions)],
                         check=True, capture_output=True, text=True).stdout
    return [float(t) for t in out.split()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--bin", default=".build/release/DiaryMathBench")
    args = parser.parse_args()
    print(f"numpy {np.__version__}, {args.rounds} alternating rounds per case; medians in milliseconds")
    print(f"{'case':44} {'shape':>12} {'DiaryMath':>10} {'NumPy':>10} {'ratio':>7}")
    worst = 0.0
    for case in CASES:
        for rows, columns in SHAPES:
            repetitions = max(3, int(2e7 / (rows * columns)))
            ours, theirs = [], []
            for _ in range(args.rounds):
                ours += swift_times(args.bin, case, rows, columns, repetitions)
                theirs += numpy_times(case, rows, columns, repetitions)
            a, b = statistics.median(ours) * 1e3, statistics.median(theirs) * 1e3
            worst = max(worst, a / b)
            print(f"{TITLES[case]:44} {f'{rows}x{columns}':>12} {a:10.3f} {b:10.3f} {a / b:7.2f}", flush=True)
    print(f"worst ratio: {worst:.2f}")


if __name__ == "__main__":
    sys.exit(main())
