"""Time la4ml's teaching LU (``la4ml.factorizations.lu``) against LAPACK's ``getrf`` on the same input.

Run:  nice .venv/bin/python benchmarks/bench_lu.py [--sizes 100 500 1000] > benchmarks/results/bench_lu.txt

Peers, in the same run on the same matrix (standard normal entries, seed 0): ``scipy.linalg.lu_factor``
(LAPACK getrf, packed factors: the fair peer, it does the same work) and ``scipy.linalg.lu``
(getrf plus building P, L, U as full matrices, which is what ``lu`` returns). Everything runs on
one BLAS thread (threadpoolctl), so the ratio compares algorithms, not core counts. The runs are
interleaved — each round times la4ml once and each peer once (best of 3) back to back — so that
load from other work on a shared machine hits both sides of a ratio alike; the table gives the best
time of each (median in brackets) and the median over rounds of the per-round ratio, which is the
number quoted. The factors are checked against SciPy's before timing.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

import numpy as np
import scipy
import scipy.linalg
from threadpoolctl import threadpool_limits

from la4ml.factorizations import lu


def timings(f, repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        f()
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 1000])
    args = ap.parse_args()
    load = os.getloadavg()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, NumPy {np.__version__}, SciPy {scipy.__version__}, one BLAS thread; "
          f"load average at start {load[0]:.2f}")
    print("input: standard normal n × n, seed 0; time = best over the rounds (median in brackets); "
          "ratio = median over rounds of the per-round ratio\n")
    print("| n    | la4ml lu [s]       | scipy lu_factor [s]  | scipy lu [s]         | lu / lu_factor | lu / scipy lu |")
    print("|------|--------------------|----------------------|----------------------|----------------|---------------|")
    rows = []
    with threadpool_limits(limits=1):
        for n in args.sizes:
            A = np.random.default_rng(0).standard_normal((n, n))
            P, L, U = lu(A)
            Ps, Ls, Us = scipy.linalg.lu(A)
            assert np.array_equal(P, Ps), "pivot order differs from SciPy's"
            assert np.allclose(L, Ls, atol=1e-10) and np.allclose(U, Us, atol=1e-10 * np.abs(A).max())
            ours, lapack, full = [], [], []
            for _ in range(9 if n <= 500 else 5):  # interleaved rounds
                ours += timings(lambda: lu(A), 1)
                lapack.append(min(timings(lambda: scipy.linalg.lu_factor(A), 3)))
                full.append(min(timings(lambda: scipy.linalg.lu(A), 3)))
            r1 = statistics.median(o / q for o, q in zip(ours, lapack))
            r2 = statistics.median(o / q for o, q in zip(ours, full))
            rows.append((n, r1, r2))
            print(f"| {n:<4d} | {min(ours):.4g} ({statistics.median(ours):.4g}) | "
                  f"{min(lapack):.4g} ({statistics.median(lapack):.4g}) | {min(full):.4g} ({statistics.median(full):.4g}) | "
                  f"{r1:14.1f} | {r2:13.1f} |")
    print()
    for n, r1, r2 in rows:
        print(f"n = {n}: la4ml lu takes {r1:.1f}x the time of scipy.linalg.lu_factor and {r2:.1f}x that of scipy.linalg.lu "
              "(median of the per-round ratios)")
    print(f"load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
