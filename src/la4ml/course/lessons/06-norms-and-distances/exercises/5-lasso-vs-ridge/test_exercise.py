"""Hidden tests of exercise 6.5 — count_zero_weights(X, y, alphas) -> (zeros_lasso, zeros_ridge)."""

import numpy as np
from sklearn.linear_model import Lasso, Ridge

from la4ml.course.grading import call, fail, function, last_call, show
from la4ml.course.testdata import load_diabetes


def _reference(X, y, alphas):
    lasso = [Lasso(alpha=a).fit(X, y).coef_ for a in alphas]
    ridge = [Ridge(alpha=a).fit(X, y).coef_ for a in alphas]
    return lasso, ridge


def _check(submission, X, y, alphas, context):
    got = call(function(submission, "count_zero_weights"), X, y, list(alphas))
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected the pair (zeros_lasso, zeros_ridge).")
    try:
        zl, zr = ([int(v) for v in np.asarray(g).ravel()] for g in got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected two lists of integer counts.")
    lasso, ridge = _reference(X, y, alphas)
    want_l = [int(np.sum(w == 0)) for w in lasso]
    want_r = [int(np.sum(w == 0)) for w in ridge]
    if (zl, zr) == (want_l, want_r):
        return
    n_features = X.shape[1]
    if (zl, zr) == (want_r, want_l):
        fail(f"Called {last_call()} ({context}); returned {zl} and {zr}; expected {want_l} (Lasso) and {want_r} (Ridge): "
             "the two are swapped. The L1 penalty is the Lasso, the L2 penalty is Ridge.")
    if zl == [n_features - v for v in want_l] or zr == [n_features - v for v in want_r]:
        fail(f"Called {last_call()} ({context}); returned {zl} and {zr}; those count the NONZERO weights; expected the "
             f"zero ones, {want_l} and {want_r} (np.sum(coef_ == 0)).")
    for thr in (1e-2, 1e-3, 1e-4, 1e-6, 1e-8):
        if zl != want_l and zl in ([int(np.sum(np.abs(w) < thr)) for w in lasso],
                                   [int(np.sum(np.isclose(w, 0))) for w in lasso]):
            fail(f"Called {last_call()} ({context}); the Lasso's counts {zl} treat small weights as zero; expected "
                 f"{want_l}. Here the Lasso's nonzero weights are as small as "
                 f"{min((np.abs(w[w != 0]).min() for w in lasso if np.any(w != 0)), default=0):.2g} because of the units, "
                 "yet they are not zero: count only exact zeros, coef_ == 0 (np.isclose has an absolute tolerance of 1e-8).")
        if zr == [int(np.sum(np.abs(w) < thr)) for w in ridge] and zr != want_r:
            fail(f"Called {last_call()} ({context}); Ridge's counts {zr} treat weights below {thr:g} as zero; expected "
                 f"{want_r}. Ridge weights here are as small as {min(np.abs(w).min() for w in ridge):.2g} but not zero: "
                 "count only exact zeros, coef_ == 0 (the Lasso's zeros are exact).")
    fail(f"Called {last_call()} ({context}); returned zeros_lasso = {zl} and zeros_ridge = {zr}; expected {want_l} and "
         f"{want_r}, from Lasso(alpha=alpha) and Ridge(alpha=alpha) with default settings, counting coef_ == 0.")


def test_diabetes(submission):
    """on the diabetes data with alphas 0.01 … 5: the Lasso's zero counts climb 0, 3, 6, 7, 8, 10; Ridge stays at 0"""
    X, y = load_diabetes(return_X_y=True)
    alphas = [0.01, 0.1, 0.5, 1.0, 2.0, 5.0]
    _check(submission, X, y, alphas, "diabetes")


def test_irrelevant_features(submission):
    """on synthetic data where 3 of 10 features matter, a moderate Lasso zeroes exactly the 7 others; Ridge none"""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((200, 10))
    w_true = np.array([3.0, -2.0, 1.5, 0, 0, 0, 0, 0, 0, 0])
    y = X @ w_true + 0.1 * rng.standard_normal(200)
    _check(submission, X, y, [0.05, 0.3], "3 relevant features of 10")


def test_tiny_ridge_weights(submission):
    """Ridge weights that are tiny (some below 1e-3) still count as nonzero"""
    rng = np.random.default_rng(1)
    X = rng.standard_normal((100, 5))
    y = X @ np.array([2.0, 1e-5, -1e-5, 3e-5, 1.0]) + 1e-6 * rng.standard_normal(100)
    _check(submission, X, y, [0.1, 1.0], "two strong features and three with true weights near 1e-5")


def test_constant_feature(submission):
    """a constant feature carries no information: Lasso AND Ridge give it weight exactly 0 (1 zero each)"""
    rng = np.random.default_rng(4)
    X = rng.standard_normal((60, 4))
    X[:, 2] = 5.0  # the same value for every sample: centred away by the intercept
    y = X @ np.array([1.5, -2.0, 0.0, 0.7]) + 0.1 * rng.standard_normal(60)
    _check(submission, X, y, [0.01, 0.5], "feature 2 is constant, so the data put exactly nothing on its weight")


def test_tiny_units(submission):
    """targets in tiny units (about 1e-9): the Lasso's weights of 3e-9 and -2e-9 are NOT zero, only the third is"""
    rng = np.random.default_rng(2)
    X = rng.standard_normal((100, 3))
    y = X @ np.array([3e-9, -2e-9, 0.0])  # the same model, measured in units a billion times larger
    _check(submission, X, y, [1e-12, 1e-10],
           "weights of size 1e-9 are small only because of the units; np.isclose(coef_, 0) (absolute tolerance 1e-8) "
           "or any fixed threshold calls them zero, coef_ == 0 does not")
