"""ALS against a vectorized NumPy ALS-WR on the data of issue #17 (few ratings per user).

Run:  python benchmarks/recsys/bench_als_reference.py           (about 5 minutes on 2 cores)
      python benchmarks/recsys/bench_als_reference.py --small   (a 10x smaller problem, ~1 minute)

Data (``_common.uniform_lowrank_data``): 100,000 users x 20,000 items, 2,000,000 distinct pairs
drawn uniformly, ratings ``clip(3 + p_u·q_i + N(0, 0.5²), 1, 5)`` (float32) of a rank-10 truth,
a random 90/10 split of the pairs: users have 18 training ratings on average, items 90.

Model: rank 10, λ = 0.1 weighted (ALS-WR), 40 iterations. The reference (``_common.numpy_als_wr``)
solves each row's system ``(Σ_j f_j f_jᵀ + λ n_u I) x_u = Σ_j (r_uj − mu) f_j`` exactly in float64
(``np.add.reduceat`` + batched ``np.linalg.solve``), from the same initial item factors as
``ALS(random_state=0)``. Printed: the ALS-WR objective, train and test RMSE of each, la4ml's
largest relative objective difference over the 40 iterations, and the per-iteration time ratio
measured in the same run. Then the other models of ``ALS`` on the same data (biases, Spark's
uncentered model) and a sweep of ``reg`` for ``weighted=True/False``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (  # noqa: E402
    UNIFORM,
    als_wr_objective,
    machine,
    numpy_als_wr,
    table,
    uniform_lowrank_data,
    unit_rows,
)

K, REG, N_ITER = 10, 0.1, 40


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--small", action="store_true", help="10,000 users x 2,000 items x 200,000 pairs")
    args = ap.parse_args()
    spec = dict(UNIFORM)
    if args.small:
        spec.update(n_users=10_000, n_items=2_000, n_pairs=200_000)
    print("machine:", machine())
    from la4ml.recsys import ALS, rmse

    t = time.perf_counter()
    train, test = uniform_lowrank_data(**spec)
    n_u, n_i = np.diff(train.indptr), np.bincount(train.item, minlength=train.n_items)
    print(f"data: {spec}, float32 ratings, random 90/10 split of the pairs; made in {time.perf_counter() - t:.1f} s")
    print(f"      {len(train):,} train / {len(test):,} test ratings; training ratings per user: mean {n_u.mean():.1f}, "
          f"min {n_u.min()}, max {n_u.max()}; per item: mean {n_i.mean():.1f}, min {n_i.min()}, max {n_i.max()}")
    print(f"model: rank {K}, reg {REG} (weighted-λ), {N_ITER} iterations; both start from the item factors of "
          "ALS(random_state=0) (unit-norm Gaussian rows)")
    Y0 = unit_rows(train.n_items, K, 0)

    def test_rmse(X, Y, mu, bu=None, bi=None):
        u, i = test.user, test.item
        p = mu + np.einsum("ij,ij->i", np.asarray(X, np.float64)[u], np.asarray(Y, np.float64)[i])
        if bu is not None:
            p += bu[u] + bi[i]
        return rmse(test.rating, np.clip(p, 1.0, 5.0))

    # -- the NumPy reference -----------------------------------------------------------------------
    ref = {"obj": [], "sec": []}

    def record(it, X, Y, mu, seconds):
        ref["sec"].append(seconds)
        ref["obj"].append(als_wr_objective(train, X, Y, mu, REG)[0])

    X, Y, mu = numpy_als_wr(train, K, REG, N_ITER, Y0, callback=record)
    ref_obj, ref_train = als_wr_objective(train, X, Y, mu, REG)
    ref_test = test_rmse(X, Y, mu)
    ref_iter = float(np.median(ref["sec"]))
    rows = [{"system": "NumPy ALS-WR (reference, float64)", "per iter [s]": ref_iter, "objective": ref_obj,
             "train RMSE": ref_train, "test RMSE": ref_test, "max rel. obj. diff": None,
             "notes": "reduceat + batched np.linalg.solve on r - mu"}]

    # -- la4ml, the same model -------------------------------------------------------------------------
    ALS(n_components=K, max_iter=1, biases=False).fit(train)  # compile / load the cached kernels

    def la4ml(label, notes, compare=True, max_iter=N_ITER, **kw):
        m = ALS(n_components=K, reg=REG, max_iter=max_iter, **kw).fit(train)
        h = m.history_
        obj = [r["loss"] for r in h]
        diff = max(abs(a - b) / b for a, b in zip(obj, ref["obj"])) if compare else None
        row = {"system": label, "per iter [s]": float(np.median(np.diff([0.0] + [r["time"] for r in h])[1:])),
               "objective": obj[-1], "train RMSE": h[-1]["train_rmse"], "test RMSE": rmse(test.rating, m.predict(test)),
               "max rel. obj. diff": diff, "notes": notes}
        rows.append(row)
        return m, row

    m32, la = la4ml("la4ml ALS(biases=False) numba float32", "the default dtype; init = ALS(random_state=0)'s",
                  biases=False, init=Y0)
    la4ml("la4ml ALS(biases=False) numba float64", "", biases=False, init=Y0, dtype=np.float64)
    la4ml("la4ml ALS(biases=False) torch cpu float64", "the device='cuda' code path, on the CPU; 5 iterations "
          "(objective compared with the reference's first 5)", max_iter=5, biases=False, init=Y0, dtype=np.float64,
          device="cpu")
    _, other_start = la4ml("la4ml ALS(biases=False, random_state=1)", "another random start", compare=False,
                           biases=False, random_state=1)
    _, spark_model = la4ml("la4ml ALS(biases=False, center=False)", "Spark's model x.y, no mean (the model before the fix)",
                           compare=False, biases=False, center=False, init=Y0)
    mb, biased = la4ml("la4ml ALS() (biases, the default)", "mu + b_u + b_i + x.y; objective includes λ n b²",
                       compare=False, init=Y0)

    print()
    print(table(rows, ["system", "per iter [s]", "objective", "train RMSE", "test RMSE", "max rel. obj. diff", "notes"]))
    print()
    la_obj = [r["loss"] for r in m32.history_]
    print("objective by iteration, NumPy reference | la4ml float32: " + ", ".join(
        f"{i + 1}: {ref['obj'][i]:.7g} | {la_obj[i]:.7g}" for i in (0, 4, 9, 19, 39) if i < N_ITER))
    ratio = ref_iter / la["per iter [s]"]
    print(f"per-iteration time: NumPy {ref_iter:.3f} s, la4ml {la['per iter [s]']:.4f} s -> la4ml is {ratio:.1f}x faster "
          "(medians over the 40 iterations of the same run; objective evaluation not included in either)")
    print(f"test RMSE la4ml - NumPy reference: same start {la['test RMSE'] - ref_test:+.4f}, "
          f"another start {other_start['test RMSE'] - ref_test:+.4f}")
    print(f"Spark's uncentered model over the centered one: objective x{spark_model['objective'] / la['objective']:.2f}, "
          f"test RMSE {spark_model['test RMSE'] - la['test RMSE']:+.4f}")
    print(f"biases over none: train RMSE {biased['train RMSE'] - la['train RMSE']:+.4f}, "
          f"test RMSE {biased['test RMSE'] - la['test RMSE']:+.4f}")

    # -- weighted=False: how large must reg be? ----------------------------------------------------------
    print()
    sweep = []
    for weighted, regs in ((True, (0.03, 0.1, 0.3, 1.0)), (False, (0.1, 1.0, 3.0, 10.0, 30.0, 100.0))):
        for reg in regs:
            m = ALS(n_components=K, reg=reg, max_iter=N_ITER, weighted=weighted, init=Y0).fit(train)
            sweep.append({"weighted": weighted, "reg": reg, "train RMSE": m.history_[-1]["train_rmse"],
                          "test RMSE": rmse(test.rating, m.predict(test))})
    print("reg sweep of the default model (biases=True), 40 iterations:")
    print(table(sweep, ["weighted", "reg", "train RMSE", "test RMSE"]))
    best = {w: min((r for r in sweep if r["weighted"] == w), key=lambda r: r["test RMSE"]) for w in (True, False)}
    at01 = next(r for r in sweep if not r["weighted"] and r["reg"] == 0.1)
    print(f"best weighted reg {best[True]['reg']:g} (test RMSE {best[True]['test RMSE']:.4f}); best unweighted reg "
          f"{best[False]['reg']:g} (test RMSE {best[False]['test RMSE']:.4f}); unweighted reg 0.1: {at01['test RMSE']:.4f}")
    print(f"(an unweighted reg acts like a weighted one of reg / n_u per rating: mean n_u {n_u.mean():.1f}, "
          f"mean n_i {n_i.mean():.1f})")

    print()
    ok = lambda c: "MET" if c else "NOT MET"  # noqa: E731
    f64 = max(r["max rel. obj. diff"] for r in rows if r["max rel. obj. diff"] is not None and "float64" in r["system"])
    print(f"target objective equal to the reference (float64, 1e-6 relative, every iteration): {f64:.1e} -> {ok(f64 <= 1e-6)}")
    print(f"target test RMSE within 0.01 of the reference after 40 iterations: "
          f"{abs(la['test RMSE'] - ref_test):.4f} (another start {abs(other_start['test RMSE'] - ref_test):.4f}) -> "
          f"{ok(max(abs(la['test RMSE'] - ref_test), abs(other_start['test RMSE'] - ref_test)) <= 0.01)}")
    print(f"target per iteration >= 3x faster than the NumPy reference: {ratio:.1f}x -> {ok(ratio >= 3)}")


if __name__ == "__main__":
    main()
