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


# The data of issue #17: uniform pairs, few ratings per user (18 on average in training), no biases.
UNIFORM = dict(n_users=100_000, n_items=20_000, n_pairs=2_000_000, rank=10, noise=0.5, random_state=0)


def uniform_lowrank_data(n_users=100_000, n_items=20_000, n_pairs=2_000_000, rank=10, noise=0.5,
                         random_state=0, test_size=0.1):
    """(train, test) Ratings of ``clip(3 + p_u·q_i + noise·N(0, 1), 1, 5)`` (float32) on ``n_pairs``
    distinct (user, item) pairs drawn uniformly, split 90/10 at random over the pairs.

    ``p_u, q_i`` have i.i.d. ``N(0, rank^(-1/2))`` entries, so ``p_u·q_i`` has variance 1. Both parts
    keep all ``n_users`` and ``n_items`` indices (a user or item with no training rating is possible).
    """
    from la4ml.recsys import Ratings

    rng = np.random.default_rng(random_state)
    keys = np.unique(rng.integers(0, n_users * n_items, int(n_pairs * 1.01) + 100, dtype=np.int64))
    keys = rng.permutation(keys)[:n_pairs]
    if keys.size < n_pairs:  # pragma: no cover - only for densities near 1
        raise ValueError("too many pairs for uniform sampling with 1% slack")
    u, i = keys // n_items, keys % n_items
    s = rank ** -0.25
    P = rng.normal(0.0, s, (n_users, rank))
    Q = rng.normal(0.0, s, (n_items, rank))
    r = 3.0 + np.einsum("ij,ij->i", P[u], Q[i]) + rng.normal(0.0, noise, u.size)
    r = np.clip(r, 1.0, 5.0).astype(np.float32)
    test = np.zeros(u.size, bool)
    test[rng.permutation(u.size)[: int(round(test_size * u.size))]] = True
    kw = dict(n_users=n_users, n_items=n_items, rating_scale=(1.0, 5.0))
    return Ratings(u[~test], i[~test], r[~test], **kw), Ratings(u[test], i[test], r[test], **kw)


def numpy_als_wr(train, k, reg, n_iter, Y0, *, center=True, weighted=True, chunk=200_000, callback=None):
    """A vectorized NumPy ALS-WR in float64, the textbook reference (no biases).

    Each half-step solves, for every row u with ratings,
    ``(Σ_j f_j f_jᵀ + λ w_u I) x_u = Σ_j (r_uj − mu) f_j`` (``w_u = n_u`` when ``weighted``, else 1;
    ``mu`` the mean training rating when ``center``, else 0): outer products summed per row with
    ``np.add.reduceat`` and one batched ``np.linalg.solve`` per chunk of ratings. Rows without
    ratings get zeros. Starts from the item factors ``Y0`` (users are solved first). After each
    iteration ``callback(it, X, Y, mu, seconds)`` is called, if given, with the seconds of that
    iteration's two half-steps. Returns ``X, Y, mu``.
    """
    from la4ml.recsys._kernels import transpose_csr

    mu = float(train.rating.mean(dtype=np.float64)) if center else 0.0
    Y = np.array(Y0, dtype=np.float64)
    X = np.zeros((train.n_users, k))
    sides = [(train.indptr, train.item, train.rating.astype(np.float64) - mu)]
    ip, ii, iv = transpose_csr(train.indptr, train.item, train.rating, train.n_items)
    sides.append((ip, ii, iv.astype(np.float64) - mu))
    eye = np.eye(k)

    def half(ptr, idx, val, F, out):
        n = ptr.size - 1
        counts = np.diff(ptr)
        out[counts == 0] = 0.0
        start = 0
        while start < n:
            stop = int(np.searchsorted(ptr, ptr[start] + chunk, side="right")) - 1
            stop = min(n, max(stop, start + 1))
            lo, hi = ptr[start], ptr[stop]
            nz = counts[start:stop] > 0
            if nz.any():
                Fj = F[idx[lo:hi]]                                                  # (nnz, k)
                seg = (ptr[start:stop] - lo)[nz]
                A = np.add.reduceat(Fj[:, :, None] * Fj[:, None, :], seg, axis=0)   # (rows, k, k)
                b = np.add.reduceat(Fj * val[lo:hi, None], seg, axis=0)            # (rows, k)
                w = counts[start:stop][nz] if weighted else np.ones(int(nz.sum()))
                A += reg * w[:, None, None] * eye
                out[start:stop][nz] = np.linalg.solve(A, b[:, :, None])[:, :, 0]
            start = stop

    for it in range(1, n_iter + 1):
        t = time.perf_counter()
        half(*sides[0], Y, X)
        half(*sides[1], X, Y)
        seconds = time.perf_counter() - t
        if callback is not None:
            callback(it, X, Y, mu, seconds)
    return X, Y, mu


def als_wr_objective(train, X, Y, mu, reg, *, weighted=True, bu=None, bi=None):
    """``Σ (r − mu − b_u − b_i − x_u·y_i)² + λ (Σ_u w_u (||x_u||² + b_u²) + Σ_i w_i (||y_i||² + b_i²))``
    in float64 over the training ratings, ``w`` the counts (or 1); returns ``(objective, train_rmse)``."""
    u, i = train.user, train.item
    X, Y = np.asarray(X, np.float64), np.asarray(Y, np.float64)
    bu = np.zeros(X.shape[0]) if bu is None else np.asarray(bu, np.float64)
    bi = np.zeros(Y.shape[0]) if bi is None else np.asarray(bi, np.float64)
    e = train.rating.astype(np.float64) - mu - bu[u] - bi[i] - np.einsum("ij,ij->i", X[u], Y[i])
    wu = np.bincount(u, minlength=X.shape[0]) if weighted else np.ones(X.shape[0])
    wi = np.bincount(i, minlength=Y.shape[0]) if weighted else np.ones(Y.shape[0])
    sse = float(e @ e)
    pen = wu @ (np.einsum("ij,ij->i", X, X) + bu**2) + wi @ (np.einsum("ij,ij->i", Y, Y) + bi**2)
    return sse + reg * float(pen), float(np.sqrt(sse / e.size))


def unit_rows(n, k, seed):
    """The ``init="random"`` item factors of ``la4ml.recsys.ALS(random_state=seed)``: Gaussian rows
    scaled to unit norm."""
    Y = np.random.default_rng(seed).standard_normal((n, k))
    return Y / np.linalg.norm(Y, axis=1, keepdims=True)


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
