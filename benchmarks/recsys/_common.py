"""Helpers shared by the recommender benchmarks: the benchmark data set, timers, the table printer."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

# The benchmark set of the issue: 100,000 users x 20,000 items, true rank 10, noise 0.5,
# 2,000,000 ratings, 90/10 per-user split.
BENCH = dict(n_users=100_000, n_items=20_000, n_ratings=2_000_000, rank=10, noise=0.5, random_state=0)
TEST_SIZE = 0.1
HERE = Path(__file__).resolve().parent


def workdir() -> Path:
    d = Path(os.environ.get("LA4ML_BENCH_DIR", Path(tempfile.gettempdir()) / "la4ml-bench-recsys"))
    d.mkdir(parents=True, exist_ok=True)
    return d


def benchmark_data():
    """(train, test) Ratings of the benchmark set; also written to Parquet for the subprocesses."""
    from la4ml.recsys import make_streamrec, train_test_split

    R = make_streamrec(**BENCH)
    train, test = train_test_split(R, test_size=TEST_SIZE, random_state=0)
    d = workdir()
    if not (d / "train.parquet").exists():
        train.to_parquet(d / "train.parquet")
        test.to_parquet(d / "test.parquet")
    return train, test


def peak_rss_gb() -> float:
    """Peak resident memory of this process (VmHWM), in GB."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / 1e9
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e9


def matmul_gflops(n: int = 2000, repeat: int = 5) -> float:
    """The machine's measured float64 matrix-multiply rate (NumPy's BLAS, all cores), GFLOP/s."""
    rng = np.random.default_rng(0)
    A, B = rng.standard_normal((n, n)), rng.standard_normal((n, n))
    A @ B
    best = min(_timed(lambda: A @ B) for _ in range(repeat))
    return 2 * n**3 / best / 1e9


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def run_python(code: str, timeout: int = 1800) -> dict:
    """Run ``code`` in a fresh interpreter (start-up included in its timing); it prints one JSON line."""
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout,
                         env={**os.environ, "PYTHONWARNINGS": "ignore"})
    wall = time.perf_counter() - t
    if out.returncode != 0:
        raise RuntimeError(f"subprocess failed:\n{out.stderr[-3000:]}")
    line = [ln for ln in out.stdout.splitlines() if ln.startswith("{")][-1]
    res = json.loads(line)
    res["wall"] = wall
    return res


def machine() -> str:
    import numba

    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{cpu}, {os.cpu_count()} cores, numba threads {numba.get_num_threads()}, Python {platform.python_version()}, "
            f"NumPy {np.__version__}, load average at start {load:.2f}")


def table(rows: list[dict], columns: list[str]) -> str:
    """A Markdown table (so it can be pasted into docs verbatim)."""
    def fmt(v):
        if v is None:
            return "—"
        if isinstance(v, float):
            return f"{v:.4g}" if abs(v) < 1e4 else f"{v:,.0f}"
        return str(v)

    cells = [[fmt(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[j]) for row in cells)) for j, c in enumerate(columns)]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(columns, widths)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += ["| " + " | ".join(v.ljust(w) for v, w in zip(row, widths)) + " |" for row in cells]
    return "\n".join(lines)
