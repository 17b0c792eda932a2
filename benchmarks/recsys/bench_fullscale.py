"""Full StreamRec scale: 5,000,000 users x 200,000 items, 100,000,000 ratings, ALS rank 10.

Run:  python benchmarks/recsys/bench_fullscale.py [--iters 3] [--no-biases] [--sgd-epochs 2]

Generates the ratings in chunks (no dense matrix), fits la4ml's ALS for a few iterations and
reports the time per iteration and the process's peak resident memory (VmHWM from
/proc/self/status, which covers generation and fitting). Then, for information (no target), a
few epochs of SGDMF (one core) on the same ratings, with the peak memory after them. Takes
several minutes and ~5 GB of memory; run it alone on the machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, peak_rss_gb, table  # noqa: E402

FULL = dict(n_users=5_000_000, n_items=200_000, n_ratings=100_000_000, rank=10, noise=0.5, random_state=0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--iters", type=int, default=3)
    ap.add_argument("--no-biases", action="store_true")
    ap.add_argument("--sgd-epochs", type=int, default=2, help="SGDMF epochs after ALS (0: skip)")
    args = ap.parse_args()
    print("machine:", machine())
    print("data:", FULL)
    from la4ml.recsys import ALS, SGDMF, make_streamrec

    t = time.perf_counter()
    R = make_streamrec(**FULL)
    gen = time.perf_counter() - t
    rss_gen = peak_rss_gb()
    print(f"generated {len(R):,} ratings in {gen:.1f} s; peak RSS so far {rss_gen:.2f} GB")
    biases = not args.no_biases
    t = time.perf_counter()
    m = ALS(n_components=10, reg=0.1, max_iter=args.iters, biases=biases, random_state=0).fit(R)
    fit = time.perf_counter() - t
    times = np.diff([0.0] + [h["time"] for h in m.history_])
    # the first entry also holds the set-up (by-item CSR, baseline biases, kernel load)
    setup = m.history_[0]["time"] - float(np.median(times[1:])) if len(times) > 1 else float("nan")
    rows = [{"stage": "generate 100M ratings (chunked)", "seconds": gen, "peak RSS [GB]": rss_gen}]
    for j, s in enumerate(times):
        rows.append({"stage": f"ALS iteration {j + 1}" + (" (incl. set-up)" if j == 0 else ""), "seconds": float(s)})
    rows.append({"stage": f"ALS fit, {args.iters} iterations", "seconds": fit, "peak RSS [GB]": peak_rss_gb()})
    rss_als = peak_rss_gb()
    del m
    if args.sgd_epochs > 0:  # information only: SGD at this scale, one core
        t = time.perf_counter()
        sgd = SGDMF(n_components=10, n_epochs=args.sgd_epochs, random_state=0).fit(R)
        sgd_fit = time.perf_counter() - t
        ep = np.diff([0.0] + [h["time"] for h in sgd.history_])
        for j, s_ in enumerate(ep):
            rows.append({"stage": f"SGD epoch {j + 1}" + (" (incl. set-up)" if j == 0 else ""), "seconds": float(s_)})
        rows.append({"stage": f"SGD fit, {args.sgd_epochs} epochs", "seconds": sgd_fit, "peak RSS [GB]": peak_rss_gb()})
        del sgd
    print()
    print(table(rows, ["stage", "seconds", "peak RSS [GB]"]))
    per_iter = float(np.median(times[1:])) if len(times) > 1 else float(times[0])
    print()
    print(f"ALS (rank 10, biases={biases}): median iteration {per_iter:.2f} s, set-up ~{setup:.1f} s, "
          f"peak RSS {rss_als:.2f} GB")
    if args.sgd_epochs > 1:
        print(f"SGDMF (k=10, one core): {len(R) / float(np.median(ep[1:])) / 1e6:.1f} M updates/s per epoch after the "
              f"first; peak RSS after SGD {peak_rss_gb():.2f} GB")
    ok = lambda c: "MET" if c else "NOT MET"  # noqa: E731
    print(f"target ALS iteration <= 15 s on 2 cores: {per_iter:.2f} s -> {ok(per_iter <= 15)}")
    print(f"target peak memory <= 10 GB (ALS): {rss_als:.2f} GB -> {ok(rss_als <= 10)}")


if __name__ == "__main__":
    main()
