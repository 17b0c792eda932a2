"""Time ``la4ml.sketching.fwht`` and ``SparseRandomProjection.transform`` against their peers, in the same run.

Run:  nice .venv/bin/python benchmarks/bench_sketching.py > benchmarks/results/bench_sketching.txt

1. ``fwht`` (unnormalized, float64) against the expression ``scipy.linalg.hadamard(n) @ x`` (build the
   matrix, then multiply) and against the product alone with the matrix built beforehand (which
   favours the dense side: the matrix is free), for n = 2^4 … 2^13 (the dense matrix needs 8 n²
   bytes: 512 MiB at 2^13); the crossover is reported against the product alone. Then against
   NumPy's FFT of the same length
   (``np.fft.fft``, complex output, and ``np.fft.rfft``, the real-input FFT) for n = 2^10 … 2^20.
   Each result is first compared with the dense product (where it fits) to n·log2(n)·eps·‖x‖.
2. ``SparseRandomProjection(n_components=k, random_state=0).transform`` on a 100,000 × 10,000 CSR
   matrix with 10 standard normal entries per row at random columns (density 0.001, seed 0), k = 500, la4ml against scikit-learn with the SAME
   ``components_`` (both fitted with random_state=0: identical matrices), sparse output.

Rounds are interleaved (each round times all sides back to back, so load from other work on a
shared machine hits them alike); the tables give the best time of each and the median over rounds of
the per-round ratio. BLAS is limited to one thread (threadpoolctl), like NumPy's FFT, SciPy's sparse
product and ``fwht``, so every side runs on one core.
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
import scipy.sparse
import sklearn
from threadpoolctl import threadpool_limits
from sklearn.random_projection import SparseRandomProjection as SkSRP

from la4ml.sketching import SparseRandomProjection, fwht


def sparse_input(rows, cols, per_row, seed=0):
    """A CSR matrix with ``per_row`` standard normal entries per row at uniform random columns (density per_row/cols).

    Built directly (scipy.sparse.random would draw a permutation of all rows·cols positions: 8 GB here).
    """
    rng = np.random.default_rng(seed)
    indices = rng.integers(0, cols, size=(rows, per_row))
    X = scipy.sparse.csr_matrix((rng.standard_normal(rows * per_row), indices.ravel(),
                                 np.arange(0, rows * per_row + 1, per_row)), shape=(rows, cols))
    X.sum_duplicates()                              # a repeated column in a row becomes one entry
    return X


def best_of(funcs, rounds):
    times = [[] for _ in funcs]
    for _ in range(rounds):
        for t, f in zip(times, funcs):
            start = time.perf_counter()
            f()
            t.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--max-dense", type=int, default=13, help="largest log2(n) for the dense Hadamard product")
    parser.add_argument("--max-fft", type=int, default=20)
    parser.add_argument("--sparse-rows", type=int, default=100_000)
    args = parser.parse_args()
    eps = np.finfo(float).eps
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, NumPy "
          f"{np.__version__}, SciPy {scipy.__version__}, scikit-learn {sklearn.__version__}; load average at start "
          f"{os.getloadavg()[0]:.2f}")
    print(f"{args.rounds} interleaved rounds; best time of each side, ratio = median of per-round ratios\n")

    print("## fwht vs the dense product scipy.linalg.hadamard(n) @ x\n")
    print("| n      | hadamard(n) @ x [s] | H @ x, H prebuilt [s] | fwht [s]   | ratio (build+mult)/fwht | ratio (mult only)/fwht | max err / (n log2 n eps ‖x‖) |")
    print("|--------|---------------------|-----------------------|------------|-------------------------|------------------------|------------------------------|")
    crossover = None
    always_ahead = True
    for m in range(4, args.max_dense + 1):
        n = 2**m
        x = np.random.default_rng(0).standard_normal(n)
        H = scipy.linalg.hadamard(n).astype(np.float64)
        err = np.abs(fwht(x) - H @ x).max() / (n * m * eps * np.linalg.norm(x))
        rounds = args.rounds if m <= 11 else 3
        t_full, t_dense, t_fast = best_of([lambda: scipy.linalg.hadamard(n) @ x, lambda: H @ x, lambda: fwht(x)], rounds)
        r_full = statistics.median(d / f for d, f in zip(t_full, t_fast))
        ratio = statistics.median(d / f for d, f in zip(t_dense, t_fast))
        always_ahead &= r_full > 1
        if ratio > 1 and crossover is None:
            crossover = n
        if ratio <= 1:
            crossover = None
        print(f"| 2^{m:<4} | {min(t_full):.3e}           | {min(t_dense):.3e}             | {min(t_fast):.3e}  | "
              f"{r_full:23.2f} | {ratio:22.2f} | {err:.2e}                     |")
        del H
    print(f"\nfwht ahead of the expression scipy.linalg.hadamard(n) @ x at every n measured: {always_ahead}")
    print(f"crossover against the product alone (matrix prebuilt): fwht is ahead from n = {crossover} on (and at every "
          "larger n measured)" if crossover else "crossover against the product alone: none in the measured range")
    print("\n## fwht vs NumPy's FFT of the same length\n")
    print("| n      | fwht [s]   | np.fft.fft [s] | np.fft.rfft [s] | fwht/fft | fwht/rfft |")
    print("|--------|------------|----------------|-----------------|----------|-----------|")
    for m in range(10, args.max_fft + 1, 2):
        n = 2**m
        x = np.random.default_rng(0).standard_normal(n)
        t_fast, t_fft, t_rfft = best_of([lambda: fwht(x), lambda: np.fft.fft(x), lambda: np.fft.rfft(x)], args.rounds)
        r_fft = statistics.median(a / b for a, b in zip(t_fast, t_fft))
        r_rfft = statistics.median(a / b for a, b in zip(t_fast, t_rfft))
        print(f"| 2^{m:<4} | {min(t_fast):.3e}  | {min(t_fft):.3e}      | {min(t_rfft):.3e}       | {r_fft:8.2f} | "
              f"{r_rfft:9.2f} |")

    print("\n## SparseRandomProjection.transform, sparse input\n")
    rows, cols, k = args.sparse_rows, 10_000, 500
    X = sparse_input(rows, cols, per_row=10)
    ours = SparseRandomProjection(k, random_state=0).fit(X)
    theirs = SkSRP(k, random_state=0).fit(X)
    same = (ours.components_ != theirs.components_).nnz == 0
    diff = abs(ours.transform(X) - theirs.transform(X)).max()
    t_ours, t_sk = best_of([lambda: ours.transform(X), lambda: theirs.transform(X)], max(3, args.rounds // 2))
    ratio = statistics.median(a / b for a, b in zip(t_ours, t_sk))
    print(f"X: {rows:,} × {cols:,} CSR, {X.nnz:,} stored entries; k = {k}, density_ = {ours.density_:.4g}; "
          f"identical components_: {same}; max |difference| of the outputs: {diff:.1e}")
    print(f"la4ml: {min(t_ours):.3f} s, scikit-learn: {min(t_sk):.3f} s, ratio la4ml/scikit-learn (median): {ratio:.2f}")
    print(f"\nload average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    with threadpool_limits(limits=1):
        main()
