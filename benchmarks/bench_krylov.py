"""Time la4ml.krylov's cg, gmres and minres against scipy.sparse.linalg on the 2D Poisson matrix.

Run:  nice .venv/bin/python benchmarks/bench_krylov.py [--m 1000] > benchmarks/results/bench_krylov.txt

Input: ``poisson2d(m)`` (n = m² unknowns, default m = 1000: n = 10⁶), b = ones, x0 = 0. Peers in
the same run on the same input: ``scipy.sparse.linalg.cg``, ``gmres`` (restart 20) and ``minres``.
One BLAS thread (threadpoolctl). The runs are interleaved — each round runs la4ml then SciPy — so
load from other work on the shared machine hits both sides alike; the table reports each side's best
time per iteration over the rounds (median in brackets) and the median of the per-round ratios.
Iterations are counted with the callback (cg, minres: one call per iteration; gmres with
``callback_type='pr_norm'``: one per inner iteration) in a separate, untimed run. The numba kernels
are compiled (and cached) before timing.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

import numpy as np
import scipy
import scipy.sparse.linalg as spla
from threadpoolctl import threadpool_limits

from la4ml.krylov import cg, gmres, incomplete_cholesky, minres, poisson2d


def count(f, *args, **kw):
    calls = []
    x, info = f(*args, callback=calls.append, **kw)
    return len(calls), info, x


def timed(f, *args, **kw):
    t0 = time.perf_counter()
    x, info = f(*args, **kw)
    return time.perf_counter() - t0, info, x


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--m", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    A = poisson2d(args.m)
    n = A.shape[0]
    b = np.ones(n)
    load = os.getloadavg()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, NumPy {np.__version__}, SciPy {scipy.__version__}, one BLAS thread; "
          f"load average at start {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"input: poisson2d({args.m}), n = {n} unknowns, nnz = {A.nnz}, b = ones, x0 = 0\n")
    cg(poisson2d(4), np.ones(16), M=incomplete_cholesky(poisson2d(4)))  # compile the kernels
    rows = []
    with threadpool_limits(1):
        # --- CG to rtol 1e-5 (SciPy's default): iterations, then time per iteration
        k_ours, info_o, x_o = count(cg, A, b)
        k_sp, info_s, x_s = count(spla.cg, A, b)
        rows.append(("cg, rtol=1e-5", k_ours, k_sp, info_o, info_s,
                     lambda: cg(A, b), lambda: spla.cg(A, b)))
        # --- GMRES(20) and MINRES: a fixed budget of iterations each (counted, not assumed), same for both
        kw = dict(restart=20, maxiter=3, rtol=1e-12)
        k_go, info_go, _ = count(gmres, A, b, callback_type="pr_norm", **kw)
        k_gs, info_gs, _ = count(spla.gmres, A, b, callback_type="pr_norm", **kw)
        rows.append(("gmres(20), 3 cycles", k_go, k_gs, info_go, info_gs,
                     lambda: gmres(A, b, **kw), lambda: spla.gmres(A, b, **kw)))
        k_mo, info_mo, _ = count(minres, A, b, maxiter=300, rtol=1e-12)
        k_ms, info_ms, _ = count(spla.minres, A, b, maxiter=300, rtol=1e-12)
        rows.append(("minres, maxiter=300", k_mo, k_ms, info_mo, info_ms,
                     lambda: minres(A, b, maxiter=300, rtol=1e-12),
                     lambda: spla.minres(A, b, maxiter=300, rtol=1e-12)))
        print("| solver | iterations la4ml / scipy | info la4ml / scipy | la4ml [ms/it] | scipy [ms/it] | speed-up (scipy / la4ml) |")
        print("|---|---|---|---|---|---|")
        for name, ko, ks, io, is_, fo, fs in rows:
            t_o, t_s, ratio = [], [], []
            for _ in range(args.rounds):
                a = timed(fo)[0] / ko
                c = timed(fs)[0] / ks
                t_o.append(a)
                t_s.append(c)
                ratio.append(c / a)
            print(f"| {name} | {ko} / {ks} | {io} / {is_} | {min(t_o)*1e3:.2f} [{statistics.median(t_o)*1e3:.2f}] | "
                  f"{min(t_s)*1e3:.2f} [{statistics.median(t_s)*1e3:.2f}] | {statistics.median(ratio):.2f} |")
        # --- IC(0)-CG against plain CG, total time including the factorization
        print("\n| method | iterations | total time [s] (factorization included) |")
        print("|---|---|---|")
        k_ic, info_ic, _ = count(cg, A, b, M=incomplete_cholesky(A))
        t_plain, t_ic = [], []
        for _ in range(args.rounds):
            t_plain.append(timed(cg, A, b)[0])
            t0 = time.perf_counter()
            M = incomplete_cholesky(A)
            cg(A, b, M=M)
            t_ic.append(time.perf_counter() - t0)
        print(f"| la4ml cg | {k_ours} | {min(t_plain):.2f} [{statistics.median(t_plain):.2f}] |")
        print(f"| la4ml cg + incomplete_cholesky | {k_ic} | {min(t_ic):.2f} [{statistics.median(t_ic):.2f}] |")
        print(f"\nIC(0)-CG / plain CG: iterations {k_ic / k_ours:.2f}, total time "
              f"{statistics.median(t_ic) / statistics.median(t_plain):.2f} (medians)")
    load = os.getloadavg()
    print(f"load average at end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
