"""Time ``la4ml.tensors.kron_matvec`` against forming ``np.kron(A, B)`` and multiplying, in the same run.

Run:  nice .venv/bin/python benchmarks/bench_kron.py > benchmarks/results/bench_kron.txt

Data: square float64 factors A, B of size n × n and a vector x of length n², seed 0, for
n = 64, 128 and 256. ``kron_matvec`` costs about 2n³ multiply-adds and stores n² numbers; forming
``A ⊗ B`` stores n⁴ doubles (8 n⁴ bytes: 128 MiB at n = 64, 2 GiB at n = 128, 32 GiB at n = 256)
and multiplies it by x in n⁴ multiply-adds. The dense side is only run when 8 n⁴ bytes fit in
half of the memory available at that moment (``MemAvailable`` of /proc/meminfo); otherwise the row
says so and only ``kron_matvec`` is timed.

Rounds are interleaved (each round times both sides back to back, so load from other work on a
shared machine hits both alike); the table gives the best time of each (median in brackets) and
the median over rounds of the per-round ratio dense / kron_matvec. Before timing, the two results
are compared against the rounding bound 2 n² eps (|A ⊗ B| |x|) (the last column: the largest
|difference| divided by it).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

import numpy as np

from la4ml.tensors import kron_matvec


def mem_available() -> int:
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:  # pragma: no cover - not Linux
        pass
    return 0


def dense(A, B, x):
    return np.kron(A, B) @ x


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[64, 128, 256])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    eps = np.finfo(float).eps
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"NumPy {np.__version__}; load average at start {os.getloadavg()[0]:.2f}")
    print(f"data: square float64 A, B (n × n) and x (n²), seed 0; {args.rounds} interleaved rounds\n")
    print("| n   | A ⊗ B memory | A and B memory     | dense: form + multiply [s] | kron_matvec [s]     | ratio dense/fast (median) | max err / bound |")
    print("|-----|--------------|--------------------|----------------------------|---------------------|---------------------------|-----------------|")
    for n in args.sizes:
        rng = np.random.default_rng(0)
        A, B, x = rng.standard_normal((n, n)), rng.standard_normal((n, n)), rng.standard_normal(n * n)
        need = 8 * n**4
        fits = need <= mem_available() // 2
        fast_times, dense_times, ratios = [], [], []
        err = "—"
        if fits:
            bound = 2 * n * n * eps * kron_matvec(np.abs(A), np.abs(B), np.abs(x))  # |A ⊗ B| |x|, exactly enough
            y_fast = kron_matvec(A, B, x)
            y_dense = dense(A, B, x)
            err = f"{np.max(np.abs(y_fast - y_dense) / bound):.2e}"
            assert np.all(np.abs(y_fast - y_dense) <= bound)
            del y_dense
        for _ in range(args.rounds):
            t0 = time.perf_counter(); kron_matvec(A, B, x); tf = time.perf_counter() - t0
            fast_times.append(tf)
            if fits:
                t0 = time.perf_counter(); dense(A, B, x); td = time.perf_counter() - t0
                dense_times.append(td)
                ratios.append(td / tf)
        fast = f"{min(fast_times):.3g} ({statistics.median(fast_times):.3g})"
        if fits:
            dcol = f"{min(dense_times):.3g} ({statistics.median(dense_times):.3g})"
            rcol = f"{statistics.median(ratios):.0f}"
        else:
            dcol = f"not run: needs {need / 2**30:.0f} GiB, {mem_available() / 2**30:.0f} GiB available"
            rcol = "—"
        print(f"| {n:<3} | {need / 2**20:>9,.0f} MiB | {16 * n * n / 2**10:>13,.0f} KiB | {dcol:<26} | {fast:<19} | {rcol:>25} | {err:>15} |")
    print(f"\nload average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
