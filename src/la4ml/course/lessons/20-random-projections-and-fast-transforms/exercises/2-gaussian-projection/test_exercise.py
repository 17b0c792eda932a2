"""Hidden tests of exercise 20.2 — gaussian_projection(X, n_components, rng), from scratch."""

import numpy as np
import pytest

from la4ml.course.grading import Feedback, blocked, call, expect_close, fail, function, last_call, show

BLOCK = ("sklearn.random_projection.GaussianRandomProjection.fit", "sklearn.random_projection.GaussianRandomProjection.fit_transform",
         "la4ml.sketching.GaussianRandomProjection.fit", "la4ml.sketching.GaussianRandomProjection.fit_transform")


def _reference(X, k, seed):
    R = np.random.default_rng(seed).standard_normal((k, X.shape[1])) / np.sqrt(k)
    return X @ R.T


def _run(submission, X, k, seed):
    f = function(submission, "gaussian_projection")
    with blocked(*BLOCK, reason="build the random matrix yourself"):
        try:
            got = call(f, X, k, np.random.default_rng(seed))
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nDraw R with rng.standard_normal and multiply yourself.")
            raise
    if got is None:
        fail(f"Called {last_call()}; returned None; expected the projected points. Did you forget to return them?")
    try:
        Y = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of shape ({len(X)}, {k}).")
    if Y.shape != (X.shape[0], k):
        hint = ""
        if Y.shape == (k, X.shape[0]):
            hint = " You returned the transpose: each projected point must be a ROW, X @ R.T."
        elif Y.shape == (X.shape[0], X.shape[1]):
            hint = " You returned something of X's shape: project with a (n_components, n_features) matrix."
        fail(f"Called {last_call()}; the result has shape {Y.shape}; expected ({X.shape[0]}, {k}): one row per point, "
             f"one column per component.{hint}")
    return Y


def _ratios(X, Y):
    i, j = np.triu_indices(len(X), 1)
    return ((Y[i] - Y[j]) ** 2).sum(1) / ((X[i] - X[j]) ** 2).sum(1)


def test_distances_kept_on_average(submission):
    """keeps squared distances on average: mean ratio within 10 % of 1 on 100 points in 2,000 dimensions, k = 400"""
    X = np.random.default_rng(1).standard_normal((100, 2000))
    Y = _run(submission, X, 400, 2)
    m = _ratios(X, Y).mean()
    if abs(m - 1) < 0.1:
        return
    k = 400
    if abs(m / k - 1) < 0.05:
        why = (f"about k = {k}: the 1/√k scale is missing. Standard normal entries have variance 1; divide R by "
               "np.sqrt(n_components) so that each has variance 1/k.")
    elif abs(m * k - 1) < 0.05:
        why = (f"about 1/k = 1/{k}: the projection shrinks every squared distance. You divided by n_components; divide "
               "by np.sqrt(n_components) (the standard deviation), so that the variance is 1/k.")
    elif abs(m * X.shape[1] / k - 1) < 0.05:
        why = "about k/d: you scaled by 1/√n_features; the scale is 1/√n_components."
    elif abs(m - np.sqrt(k)) / np.sqrt(k) < 0.05 or abs(m * np.sqrt(k) - 1) < 0.05:
        why = "off by a factor √k: the entries need variance 1/k, i.e. a scale of 1/√k on standard normal draws."
    else:
        why = "far from 1: the entries of R must have mean 0 and variance 1/n_components."
    fail(f"Called {last_call()}; the mean ratio of projected to original squared distances is {m:.4g}; expected about "
         f"1 (within 10 %). It is {why}")


def test_exact_draws(submission):
    """equals X @ R.T with R = rng.standard_normal((n_components, n_features)) / √n_components (6 points, d = 7, k = 3)"""
    X = np.random.default_rng(3).standard_normal((6, 7))
    Y = _run(submission, X, 3, 4)
    want = _reference(X, 3, 4)
    if np.allclose(Y, want, rtol=1e-10, atol=1e-12 * np.abs(want).max()):
        return
    alt = X @ (np.random.default_rng(4).standard_normal((7, 3)) / np.sqrt(3))
    if np.allclose(Y, alt, rtol=1e-10):
        fail(f"Called {last_call()}; returned {show(Y)}; expected {show(want)}. You drew R with shape (n_features, "
             "n_components): the task fixes rng.standard_normal((n_components, n_features)) (one row per output "
             "dimension) and the points are the rows of X @ R.T.")
    if np.allclose(Y, X @ np.random.default_rng(0).standard_normal((3, 7)).T / np.sqrt(3), rtol=1e-10):
        fail(f"Called {last_call()}; returned {show(Y)}; expected {show(want)}. You made a new generator (seed 0) "
             "instead of drawing with the rng you were given.")
    expect_close(Y, want, rtol=1e-10, atol=1e-12 * np.abs(want).max(), what="the projected points",
                 because="they must be X @ R.T with R = rng.standard_normal((n_components, n_features)) / "
                         "np.sqrt(n_components), drawn with the rng passed in, in one call")


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_scale(submission, scale):
    """is linear: points at scale 1e-6 and 1e6 give the reference to relative precision"""
    X = scale * np.random.default_rng(5).standard_normal((4, 9))
    Y = _run(submission, X, 5, 6)
    want = _reference(X, 5, 6)
    expect_close(Y, want, rtol=1e-10, atol=1e-12 * np.abs(want).max(), what="the projected points",
                 because="the projection is linear: multiplying X by a constant multiplies the result by it")


def test_one_component_and_more_than_features(submission):
    """works for k = 1 and for k larger than n_features (no reduction, still the same formula)"""
    X = np.random.default_rng(7).standard_normal((5, 3))
    for k in (1, 8):
        Y = _run(submission, X, k, 8)
        expect_close(Y, _reference(X, k, 8), rtol=1e-10, atol=1e-12, what=f"the result for k = {k}")


def test_rank_deficient_and_duplicates(submission):
    """rank-one X with a zero row and two identical rows: the zero row maps to 0, equal rows to equal rows"""
    u = np.random.default_rng(9).standard_normal(6)
    X = np.vstack([u, 2 * u, np.zeros(6), u])
    Y = _run(submission, X, 4, 10)
    expect_close(Y, _reference(X, 4, 10), rtol=1e-10, atol=1e-12, what="the projected points")
