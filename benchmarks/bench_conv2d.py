"""Time ``la4ml.nn.conv2d`` (im2col + one matrix product) against ``torch.nn.functional.conv2d`` on CPU.

Run:  nice .venv/bin/python benchmarks/bench_conv2d.py > benchmarks/results/bench_conv2d.txt

Data: a float32 batch x of shape 32 × 3 × 64 × 64 and 16 kernels of shape 3 × 3 × 3 (seed 0), no
bias, stride 1 and padding 0 or 1; float64 too. Goal (Part 16): within 3× of PyTorch.

Rounds are interleaved (each round times la4ml, its im2col alone, and PyTorch back to back, so load
from other work on a shared machine hits all alike); the table gives the best time of each (median
in brackets) and the median over rounds of the per-round ratio la4ml / torch. Two thread settings:
the libraries' defaults, and one thread each (``torch.set_num_threads(1)``; NumPy's BLAS limited by
threadpoolctl when it is installed). Before timing, the two outputs are compared: the last column is
the largest |difference| divided by the largest |output|.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import statistics
import time

import numpy as np
import torch
import torch.nn.functional as F

from la4ml.nn import conv2d, im2col


def one_thread():
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover
        return contextlib.nullcontext()
    return threadpool_limits(1)


def run(x, w, padding, rounds):
    xt, wt = torch.from_numpy(x), torch.from_numpy(w)
    ours = conv2d(x, w, padding=padding)
    ref = F.conv2d(xt, wt, padding=padding).numpy()
    err = float(np.abs(ours - ref).max() / np.abs(ref).max())
    t = {"ours": [], "cols": [], "torch": []}
    for _ in range(rounds):
        for key, f in (("ours", lambda: conv2d(x, w, padding=padding)),
                       ("cols", lambda: im2col(x, 3, padding=padding)),
                       ("torch", lambda: F.conv2d(xt, wt, padding=padding))):
            t0 = time.perf_counter()
            f()
            t[key].append(time.perf_counter() - t0)
    ratio = statistics.median(a / b for a, b in zip(t["ours"], t["torch"]))
    return t, ratio, err


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"NumPy {np.__version__}, PyTorch {torch.__version__} (torch threads {torch.get_num_threads()}); "
          f"load average at start {os.getloadavg()[0]:.2f}")
    print(f"data: x 32 × 3 × 64 × 64, weight 16 × 3 × 3 × 3, seed 0, no bias; {args.rounds} interleaved rounds\n")
    print("| threads | dtype   | padding | la4ml conv2d [ms] | of which im2col [ms] | torch conv2d [ms] | ratio la4ml/torch (median) | max rel. diff |")
    print("|---------|---------|---------|-------------------|----------------------|-------------------|----------------------------|---------------|")
    rng = np.random.default_rng(0)
    x64, w64 = rng.standard_normal((32, 3, 64, 64)), rng.standard_normal((16, 3, 3, 3))
    default_threads = torch.get_num_threads()
    for threads in ("default", "1"):
        ctx = one_thread() if threads == "1" else contextlib.nullcontext()
        torch.set_num_threads(1 if threads == "1" else default_threads)
        with ctx:
            for dtype in (np.float32, np.float64):
                x, w = x64.astype(dtype), w64.astype(dtype)
                for padding in (0, 1):
                    t, ratio, err = run(x, w, padding, args.rounds)
                    cells = [f"{1e3 * min(t[k]):.2f} ({1e3 * statistics.median(t[k]):.2f})" for k in ("ours", "cols", "torch")]
                    print(f"| {threads:7s} | {np.dtype(dtype).name:7s} | {padding:7d} | {cells[0]:17s} | {cells[1]:20s} | "
                          f"{cells[2]:17s} | {ratio:26.2f} | {err:13.1e} |")
    print(f"\nload average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
