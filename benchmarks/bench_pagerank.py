"""la4ml.eigen.pagerank against a plain SciPy-sparse power iteration and networkx.pagerank, same graphs, same run.

Targets (issue #11): on a 1M-node sparse graph, la4ml's pagerank within 2x the time of a plain SciPy-sparse
power iteration, and ahead of networkx.pagerank. All three run at 1M and at 100k nodes (NetworkX once at 1M:
it needs its own DiGraph, whose build time and memory are printed too).

The tolerance: NetworkX stops when the L1 change of the scores is below n*tol, so its default tol = 1e-6 is
loose on big graphs (n*tol = 1 at a million nodes: two probability vectors never differ by more than 2). Every
run here uses tol = 1e-6 / n, an L1 change below 1e-6, the same accuracy at both sizes.

The graph: a seeded power-law out-degree (Zipf, exponent 1.9, capped at 1000; a random 10% of the nodes get
out-degree 0, dangling) and targets drawn with probability proportional to rank^-0.8 (a few nodes attract many links). Every timing
starts from the CSR adjacency (or, for NetworkX, its DiGraph) and ends with the scores: setup included.

Run:  python benchmarks/bench_pagerank.py [--quick]     (output: benchmarks/results/bench_pagerank.txt)
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
import scipy  # noqa: E402
import scipy.sparse  # noqa: E402

from la4ml.eigen import pagerank  # noqa: E402

OUT = Path(__file__).parent / "results" / "bench_pagerank.txt"


def power_law_graph(n: int, seed: int = 0) -> scipy.sparse.csr_array:
    """CSR adjacency (A[i, j] = 1 for a link i -> j) with Zipf out-degrees and popularity-skewed targets."""
    rng = np.random.default_rng(seed)
    out_degree = np.minimum(rng.zipf(1.9, n), 1000)                 # mean about 7 links per page
    out_degree[rng.random(n) < 0.1] = 0                             # 10% dangling pages (no out-link)
    rows = np.repeat(np.arange(n), out_degree)
    weights = (np.arange(1, n + 1) ** -0.8)
    weights /= weights.sum()
    cols = rng.permutation(n)[rng.choice(n, size=rows.size, p=weights)]   # popular nodes scattered over ids
    A = scipy.sparse.csr_array((np.ones(rows.size), (rows, cols)), shape=(n, n))
    A.sum_duplicates()
    A.data[:] = 1.0                                                  # a repeated link counts once
    return A


def scipy_power_iteration(A, tol, alpha=0.85, max_iter=100):
    """The plain SciPy-sparse PageRank a user would write: row-normalize, transpose once, iterate (networkx's rule)."""
    n = A.shape[0]
    out = np.asarray(A.sum(axis=1)).ravel()
    dangling = out == 0
    inv = np.zeros(n)
    inv[~dangling] = 1.0 / out[~dangling]
    PT = (scipy.sparse.diags_array(inv) @ A).T.tocsr()
    x = np.full(n, 1.0 / n)
    for k in range(1, max_iter + 1):
        x_new = alpha * (PT @ x + x[dangling].sum() / n) + (1 - alpha) / n
        if np.abs(x_new - x).sum() < n * tol:
            return x_new, k
        x = x_new
    raise RuntimeError("no convergence")


def rss_mb() -> float:
    """Resident memory of this process now, in MB (Linux /proc)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def best_of(fn, repeat):
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), float(np.median(times)), result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="smaller graphs (1e5 and 1e4 nodes), for a smoke run")
    args = ap.parse_args()
    big, small = (100_000, 10_000) if args.quick else (1_000_000, 100_000)
    lines: list[str] = []

    def say(s=""):
        print(s, flush=True)
        lines.append(s)

    say(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, NumPy "
        f"{np.__version__}, SciPy {scipy.__version__}, NetworkX {nx.__version__}; load average at start "
        f"{os.getloadavg()[0]:.2f}")
    say("graph: Zipf(1.9) out-degrees capped at 1000 with 10% dangling nodes, targets ~ rank^-0.8, seed 0; alpha 0.85, "
        "tol 1e-6/n (networkx's rule, L1 change < n*tol, so an L1 change < 1e-6); time = best of the repeats "
        "(median in brackets; networkx at the larger size: one run), setup included")
    say()
    rows = []
    for n in (big, small):
        A = power_law_graph(n)
        n_dangling = int(np.sum(np.diff(A.indptr) == 0))
        repeat, tol = 3, 1e-6 / n
        t_la, m_la, x_la = best_of(lambda: pagerank(A, tol=tol), repeat)
        t_sp, m_sp, (x_sp, n_iter) = best_of(lambda: scipy_power_iteration(A, tol), repeat)
        diff_sp = float(np.abs(x_la - x_sp).max())
        row = dict(n=n, nnz=A.nnz, dangling=n_dangling, n_iter=n_iter, la=(t_la, m_la), sp=(t_sp, m_sp), diff_sp=diff_sp)
        if True:
            nodes = range(n)
            rss0 = rss_mb()
            t0 = time.perf_counter()
            G = nx.DiGraph()
            G.add_nodes_from(nodes)
            r, c = A.nonzero()
            G.add_edges_from(zip(r.tolist(), c.tolist()))
            build = time.perf_counter() - t0
            del r, c
            graph_mb = rss_mb() - rss0
            t_nx, m_nx, d = best_of(lambda: nx.pagerank(G, tol=tol), 1 if n == big else 2)
            x_nx = np.array([d[v] for v in nodes])
            row.update(nx=(t_nx, m_nx), nx_build=build, nx_mb=graph_mb, diff_nx=float(np.abs(x_la - x_nx).max()))
            del G
        rows.append(row)

    say("| nodes     | links      | dangling | steps | la4ml pagerank [s] | SciPy power iteration [s] | networkx.pagerank [s] "
        "| la4ml / SciPy | networkx / la4ml | largest difference in a score |")
    say("|-----------|------------|----------|-------|--------------------|---------------------------|-----------------------"
        "|---------------|------------------|---------------------|")
    for r in rows:
        nx_cell = f"{r['nx'][0]:.3f} ({r['nx'][1]:.3f})" if "nx" in r else "not run"
        nx_ratio = f"{r['nx'][0] / r['la'][0]:.1f}" if "nx" in r else "-"
        diffs = f"{r['diff_sp']:.1e} (SciPy)" + (f", {r['diff_nx']:.1e} (networkx)" if "nx" in r else "")
        say(f"| {r['n']:>9,} | {r['nnz']:>10,} | {r['dangling']:>8,} | {r['n_iter']:>5} | {r['la'][0]:.3f} ({r['la'][1]:.3f}) "
            f"| {r['sp'][0]:.3f} ({r['sp'][1]:.3f}) | {nx_cell} | {r['la'][0] / r['sp'][0]:.2f} | {nx_ratio} | {diffs} |")
    say()
    r_big, r_small = rows
    ratio = r_big["la"][0] / r_big["sp"][0]
    say(f"n = {big:,}: la4ml pagerank takes {ratio:.2f}x the time of the plain SciPy-sparse power iteration "
        f"(target <= 2): {'MET' if ratio <= 2 else 'NOT MET'}")
    for r in rows:
        nx_ratio = r["nx"][0] / r["la"][0]
        say(f"n = {r['n']:,}: networkx.pagerank takes {nx_ratio:.1f}x the time of la4ml pagerank (target: la4ml "
            f"ahead): {'MET' if nx_ratio > 1 else 'NOT MET'}; building its DiGraph took another {r['nx_build']:.1f} s "
            f"and {r['nx_mb']:.0f} MB")
    say(f"load average at end {os.getloadavg()[0]:.2f}")
    if not args.quick:
        OUT.parent.mkdir(exist_ok=True)
        OUT.write_text("\n".join(lines) + "\n")
        print(f"written to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
