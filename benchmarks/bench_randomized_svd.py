"""la4ml.svd.randomized_svd against sklearn.utils.extmath.randomized_svd: same inputs, same parameters, same run.

Targets (issue #11):
  * dense 200,000 x 1,000 (seeded, decaying spectrum), k = 20: time within 1.1x of scikit-learn's with the same
    oversampling and iterations, and reconstruction error within 1% of it;
  * sparse 1,000,000 x 100,000 with 10M non-zeros: runs in memory that does not grow with the dense size.

Both libraries get the same int random_state, n_oversamples=10 and n_iter="auto" (7 power iterations with the LU
normalizer here, since 20 < 0.1 * min(m, n)). Timings alternate la4ml / scikit-learn and keep the best of the
repeats (median in brackets). Each part runs in a fresh child process so that its peak resident memory
(resource.getrusage's ru_maxrss) is its own; tracemalloc measures the peak of NumPy/SciPy allocations during one
call, the matrix itself excluded. BLAS runs on one thread (OMP_NUM_THREADS=1 unless set) so that a shared machine
disturbs both libraries alike.

Run:  nice python benchmarks/bench_randomized_svd.py [--quick]   (output: benchmarks/results/bench_randomized_svd.txt)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", os.environ["OMP_NUM_THREADS"])

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import scipy.sparse  # noqa: E402
import sklearn  # noqa: E402
from sklearn.utils.extmath import randomized_svd as sk_randomized_svd  # noqa: E402

from la4ml.svd import randomized_svd  # noqa: E402

OUT = Path(__file__).parent / "results" / "bench_randomized_svd.txt"
K = 20


def decaying_dense(m: int, n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A = G diag(s) Vᵀ / sqrt(m), G Gaussian (m × n), V orthogonal: singular values ≈ s = 0.9^i + 1e-3, built in row blocks."""
    rng = np.random.default_rng(seed)
    V, _ = np.linalg.qr(rng.standard_normal((n, n)))
    s = 0.9 ** np.arange(n) + 1e-3
    W = (s[:, None] * V.T) / np.sqrt(m)                     # (n, n)
    A = np.empty((m, n))
    for i in range(0, m, 20_000):
        A[i:i + 20_000] = rng.standard_normal((min(20_000, m - i), n)) @ W
    return A, s


def random_sparse(m: int, n: int, nnz: int, seed: int = 0) -> scipy.sparse.csr_array:
    """m × n CSR with about nnz entries at uniformly random places (a few duplicates summed), Gaussian values,
    plus a weak low-rank signal: the first 1000 columns carry extra mass, so the top singular values stand out."""
    rng = np.random.default_rng(seed)
    rows = rng.integers(0, m, nnz, dtype=np.int32)
    cols = rng.integers(0, n, nnz, dtype=np.int32)
    hot = rng.random(nnz) < 0.2
    cols[hot] = rng.integers(0, 1000, int(hot.sum()), dtype=np.int32)
    data = rng.standard_normal(nnz) + 1.0
    A = scipy.sparse.csr_array((data, (rows, cols)), shape=(m, n))
    A.sum_duplicates()
    return A


def frobenius_residual(A, U, s, Vt, block: int = 20_000) -> float:
    """‖A − U diag(s) Vt‖_F, a block of rows at a time (never a second dense m × n array)."""
    total = 0.0
    for i in range(0, A.shape[0], block):
        Ai = A[i:i + block]
        Ai = Ai.toarray() if scipy.sparse.issparse(Ai) else Ai
        total += float(np.sum((Ai - (U[i:i + block] * s) @ Vt) ** 2))
    return float(np.sqrt(total))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024      # Linux: kilobytes


def race(A, repeat):
    """la4ml and scikit-learn alternately, `repeat` times each: best and median times, and their results."""
    ours, theirs = [], []
    res = {}
    for _ in range(repeat):
        for name, fn, times in (("la4ml", randomized_svd, ours), ("sklearn", sk_randomized_svd, theirs)):
            t0 = time.perf_counter()
            res[name] = fn(A, K, n_oversamples=10, n_iter="auto", random_state=0)
            times.append(time.perf_counter() - t0)
    return (min(ours), float(np.median(ours)), res["la4ml"]), (min(theirs), float(np.median(theirs)), res["sklearn"])


def traced_peak_mb(fn) -> float:
    """Peak of traced (NumPy/SciPy) allocations during fn(), in MB, above what was allocated before."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return (peak - base) / 2**20


def child_dense(m: int, n: int, repeat: int) -> dict:
    t0 = time.perf_counter()
    A, s_true = decaying_dense(m, n)
    build = time.perf_counter() - t0
    (t_la, med_la, r_la), (t_sk, med_sk, r_sk) = race(A, repeat)
    err_la, err_sk = frobenius_residual(A, *r_la), frobenius_residual(A, *r_sk)
    opt = float(np.sqrt(np.sum(np.linalg.svd(A, compute_uv=False)[K:] ** 2))) if m * n <= 2e7 else None
    peak_la = traced_peak_mb(lambda: randomized_svd(A, K, random_state=0))
    return dict(m=m, n=n, build=build, t_la=t_la, med_la=med_la, t_sk=t_sk, med_sk=med_sk, err_la=err_la,
                err_sk=err_sk, norm=float(np.linalg.norm(A)), opt=opt, same=max(float(np.abs(a - b).max())
                                                                              for a, b in zip(r_la, r_sk)),
                s1=float(r_la[1][0]), peak_traced=peak_la, peak_rss=peak_rss_mb(), dense_mb=A.nbytes / 2**20)


def child_sparse(m: int, n: int, nnz: int, repeat: int) -> dict:
    A = random_sparse(m, n, nnz)
    rss_matrix = peak_rss_mb()
    stored = (A.data.nbytes + A.indices.nbytes + A.indptr.nbytes) / 2**20
    peak_la = traced_peak_mb(lambda: randomized_svd(A, K, random_state=0))
    (t_la, med_la, r_la), (t_sk, med_sk, r_sk) = race(A, repeat)
    return dict(m=m, n=n, nnz=A.nnz, stored_mb=stored, dense_gb=m * n * 8 / 2**30, t_la=t_la, med_la=med_la, t_sk=t_sk,
                med_sk=med_sk, same=max(float(np.abs(a - b).max()) for a, b in zip(r_la, r_sk)),
                s1=float(r_la[1][0]), peak_traced=peak_la, rss_after_build=rss_matrix, peak_rss=peak_rss_mb(),
                sketch_mb=(m + n) * (K + 10) * 8 / 2**20)


def run_child(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"the {args[0]} part failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="a tenth of the sizes, for a smoke run (nothing written)")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        kind, *nums = args.child
        nums = [int(x) for x in nums]
        print(json.dumps(child_dense(*nums) if kind == "dense" else child_sparse(*nums)))
        return

    f = 10 if args.quick else 1
    lines: list[str] = []

    def say(s=""):
        print(s, flush=True)
        lines.append(s)

    say(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, NumPy "
        f"{np.__version__}, SciPy {scipy.__version__}, scikit-learn {sklearn.__version__}; BLAS threads "
        f"{os.environ['OMP_NUM_THREADS']}; load average at start {os.getloadavg()[0]:.2f}")
    say(f"both: k = {K}, n_oversamples = 10, n_iter = 'auto' (7, LU normalizer), random_state = 0; time = best of the "
        "repeats, alternating the two libraries (median in brackets)")
    say()

    d = run_child(["dense", str(200_000 // f), str(1_000), "5"])
    say(f"dense {d['m']:,} x {d['n']:,} (float64, {d['dense_mb']:.0f} MB; singular values 0.9^i + 1e-3, built in "
        f"{d['build']:.1f} s)")
    say("| library | time [s] | ‖A − U S Vᵀ‖_F / ‖A‖_F |")
    say("|---|---|---|")
    say(f"| la4ml randomized_svd | {d['t_la']:.2f} ({d['med_la']:.2f}) | {d['err_la'] / d['norm']:.6e} |")
    say(f"| sklearn randomized_svd | {d['t_sk']:.2f} ({d['med_sk']:.2f}) | {d['err_sk'] / d['norm']:.6e} |")
    ratio_t = d["t_la"] / d["t_sk"]
    ratio_e = d["err_la"] / d["err_sk"]
    say(f"largest difference between the two results (U, s, Vt): {d['same']:.1e}; σ₁ = {d['s1']:.6f}")
    say(f"peak memory of one la4ml call (tracemalloc, matrix excluded): {d['peak_traced']:.0f} MB; "
        f"process peak RSS {d['peak_rss']:.0f} MB")
    say(f"time ratio la4ml / sklearn = {ratio_t:.3f} (target <= 1.1): {'MET' if ratio_t <= 1.1 else 'NOT MET'}")
    say(f"error ratio la4ml / sklearn = {ratio_e:.6f} (target within 1%): {'MET' if abs(ratio_e - 1) <= 0.01 else 'NOT MET'}")
    say()

    for n in (100_000 // f, 1_000_000 // f):
        r = run_child(["sparse", str(1_000_000 // f), str(n), str(10_000_000 // f), "2"])
        say(f"sparse {r['m']:,} x {r['n']:,}, {r['nnz']:,} non-zeros (CSR {r['stored_mb']:.0f} MB; dense would be "
            f"{r['dense_gb']:,.0f} GiB)")
        say(f"  time: la4ml {r['t_la']:.2f} s ({r['med_la']:.2f}), sklearn {r['t_sk']:.2f} s ({r['med_sk']:.2f}), ratio "
            f"{r['t_la'] / r['t_sk']:.3f}; largest difference between the results {r['same']:.1e}; σ₁ = {r['s1']:.4f}")
        say(f"  memory: one la4ml call allocates at most {r['peak_traced']:.0f} MB (tracemalloc) — the sketches "
            f"(m + n)(k + p) · 8 B are {r['sketch_mb']:.0f} MB; process peak RSS {r['peak_rss']:.0f} MB "
            f"({r['rss_after_build']:.0f} MB after building the matrix) = "
            f"{r['peak_rss'] / 1024 / r['dense_gb']:.2e} of the dense size")
    say(f"load average at end {os.getloadavg()[0]:.2f}")
    if not args.quick:
        OUT.parent.mkdir(exist_ok=True)
        OUT.write_text("\n".join(lines) + "\n")
        print(f"written to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
