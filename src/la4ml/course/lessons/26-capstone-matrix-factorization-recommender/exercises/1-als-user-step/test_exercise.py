"""Hidden tests of exercise 26.1 — als_user_step, one ALS half-step for one user, from scratch."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import blocked, call, expect_close, fail, function, last_call, show

EPS = np.finfo(float).eps


def _ref(Y, items, ratings, reg, mu=0.0, weighted=True):
    Yu = Y[items]
    lam = reg * len(items) if weighted else reg
    return np.linalg.solve(Yu.T @ Yu + lam * np.eye(Y.shape[1]), Yu.T @ (ratings - mu))


def _case(seed=0, n_items=9, k=3, n_u=5, scale=1.0):
    rng = np.random.default_rng(seed)
    Y = rng.standard_normal((n_items, k))
    items = rng.choice(n_items, size=n_u, replace=False)
    ratings = np.round(rng.uniform(1, 5, size=n_u), 1) * scale
    return Y, items, ratings


def _diagnose(Y, items, ratings, reg, mu, weighted, got):
    """Name the mistake that reproduces the learner's answer, if one does."""
    Yu, n_u, k = Y[items], len(items), Y.shape[1]
    r = ratings - mu
    lam = reg * n_u if weighted else reg
    cands = {
        "the penalty is reg, not reg * n_u: with weighted=True (ALS-WR) λ is scaled by the user's "
        f"number of ratings n_u = {n_u}": np.linalg.solve(Yu.T @ Yu + reg * np.eye(k), Yu.T @ r),
        "the penalty is reg * n_u, but weighted=False asks for reg alone":
            np.linalg.solve(Yu.T @ Yu + reg * n_u * np.eye(k), Yu.T @ r),
        f"the penalty uses n_items = {len(Y)} (all items) instead of n_u = {n_u}, the number of items this user rated":
            np.linalg.solve(Yu.T @ Yu + reg * len(Y) * np.eye(k), Yu.T @ r),
        "mu was not subtracted from the ratings": np.linalg.solve(Yu.T @ Yu + lam * np.eye(k), Yu.T @ ratings),
        "mu was added instead of subtracted": np.linalg.solve(Yu.T @ Yu + lam * np.eye(k), Yu.T @ (ratings + mu)),
        "the Gram matrix uses every item's factors (Y.T @ Y) instead of only the items the user rated (Y[items])":
            np.linalg.solve(Y.T @ Y + lam * np.eye(k), Yu.T @ r),
        "the penalty is missing (a plain least-squares solve)": np.linalg.lstsq(Yu, r, rcond=None)[0],
        "the penalty λ² was used instead of λ": np.linalg.solve(Yu.T @ Yu + lam ** 2 * np.eye(k), Yu.T @ r),
        "the penalty is sqrt(λ) (the stacked system's row weight) instead of λ":
            np.linalg.solve(Yu.T @ Yu + np.sqrt(lam) * np.eye(k), Yu.T @ r),
    }
    for why, cand in cands.items():
        if cand.shape == np.shape(got) and np.allclose(got, cand, rtol=1e-8, atol=0) and not np.allclose(
                cand, _ref(Y, items, ratings, reg, mu, weighted), rtol=1e-8, atol=0):
            return why
    return None


def _check(submission, Y, items, ratings, reg, mu=None, weighted=None, rtol=1e-8):
    f = function(submission, "als_user_step")
    kwargs = {}
    if mu is not None:
        kwargs["mu"] = mu
    if weighted is not None:
        kwargs["weighted"] = weighted
    Y0, items0, ratings0 = Y.copy(), items.copy(), ratings.copy()
    got = call(f, Y, items, ratings, reg, **kwargs)
    if not (np.array_equal(Y, Y0) and np.array_equal(items, items0) and np.array_equal(ratings, ratings0)):
        fail(f"Called {last_call()}; it modified one of its inputs (Y, items or ratings); work on copies.")
    expected = _ref(Y, items, ratings, reg, 0.0 if mu is None else mu, True if weighted is None else weighted)
    try:
        arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of shape {expected.shape}.")
    if arr.shape != expected.shape:
        fail(f"Called {last_call()}; the result has shape {arr.shape}; expected {expected.shape}: one factor per "
             f"column of Y (k = {Y.shape[1]}), as a flat array.")
    if not np.allclose(arr, expected, rtol=rtol, atol=0):
        why = _diagnose(Y, items, ratings, reg, 0.0 if mu is None else mu, True if weighted is None else weighted, arr)
        if why:
            fail(f"Called {last_call()}; returned {show(arr)}; expected {show(expected)}: {why}.")
    expect_close(arr, expected, rtol=rtol, atol=0, what="x",
                 because="x must solve (Y_u^T Y_u + λ_u I) x = Y_u^T (ratings - mu) with Y_u = Y[items]")
    return arr


def test_worked_example_values(submission):
    """the task's 2-factor example: Y_u = [[1, 0], [1, 1]], ratings [4, 5], mu = 3, reg = 0.5 gives [0.8, 0.6]"""
    Y = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    got = _check(submission, Y, np.array([0, 2]), np.array([4.0, 5.0]), 0.5, mu=3.0)
    expect_close(got, [0.8, 0.6], rtol=1e-12, atol=0, because="(Y_uᵀY_u + 1·I) = [[3, 1], [1, 2]] and Y_uᵀ(r − 3) = [3, 2]")


def test_weighted_default(submission):
    """with the defaults (weighted=True, mu=0) the penalty is reg * n_u: ALS-WR"""
    Y, items, ratings = _case(seed=1, n_items=12, k=3, n_u=6)
    _check(submission, Y, items, ratings, 0.3)


def test_unweighted(submission):
    """weighted=False uses the penalty reg, not reg * n_u"""
    Y, items, ratings = _case(seed=2, n_items=12, k=3, n_u=7)
    _check(submission, Y, items, ratings, 0.4, mu=3.5, weighted=False)


def test_mu_subtracted(submission):
    """mu is subtracted from the ratings (weighted, mu = 3.5)"""
    Y, items, ratings = _case(seed=3, n_items=10, k=4, n_u=8)
    _check(submission, Y, items, ratings, 0.1, mu=3.5, weighted=True)


def test_fewer_ratings_than_factors(submission):
    """a user with ONE rating and k = 3 factors: Y_uᵀY_u is singular, the penalty makes the system solvable"""
    Y, items, ratings = _case(seed=4, n_items=6, k=3, n_u=1)
    _check(submission, Y, items, ratings, 0.2, mu=3.0)


def test_against_lstsq_stacked(submission):
    """agrees with np.linalg.lstsq on the stacked system [Y_u; √λ_u I] x ≈ [r − mu; 0] (k = 5, 20 ratings)"""
    Y, items, ratings = _case(seed=5, n_items=40, k=5, n_u=20)
    got = _check(submission, Y, items, ratings, 0.05, mu=3.2)
    lam = 0.05 * 20
    x = np.linalg.lstsq(np.vstack([Y[items], np.sqrt(lam) * np.eye(5)]),
                        np.r_[ratings - 3.2, np.zeros(5)], rcond=None)[0]
    expect_close(got, x, rtol=1e-8, atol=0, what="x", because="it is the ridge solution, as lstsq on the stacked system says")


def test_item_order_matters(submission):
    """items and ratings are paired in order: ratings[j] is the rating of item items[j] (unsorted items)"""
    Y = np.random.default_rng(6).standard_normal((8, 2))
    items = np.array([6, 1, 4])
    ratings = np.array([5.0, 1.0, 3.0])
    _check(submission, Y, items, ratings, 0.1, mu=3.0)


def test_scales(submission):
    """the solution is exact at every scale: ratings ×1e6 and ×1e-6, factors ×1e3"""
    for scale, yscale in ((1e6, 1.0), (1e-6, 1.0), (1.0, 1e3)):
        Y, items, ratings = _case(seed=7, n_items=10, k=3, n_u=6, scale=scale)
        _check(submission, Y * yscale, items, ratings, 0.1, weighted=True)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), k=st.integers(1, 6), n_u=st.integers(1, 15),
       reg=st.sampled_from([1e-3, 0.1, 2.0]), weighted=st.booleans())
def test_random(submission, seed, k, n_u, reg, weighted):
    """matches the normal-equations solve on random users (k from 1 to 6, 1 to 15 ratings)"""
    Y, items, ratings = _case(seed=seed, n_items=n_u + 5, k=k, n_u=n_u)
    _check(submission, Y, items, ratings, reg, mu=3.0, weighted=weighted)


def test_from_scratch(submission):
    """builds the system itself: works with np.linalg.lstsq, scipy.linalg.lstsq and sklearn's Ridge blocked"""
    Y, items, ratings = _case(seed=8)
    try:
        with blocked("numpy.linalg.lstsq", "scipy.linalg.lstsq", "sklearn.linear_model.Ridge",
                     "sklearn.linear_model.ridge_regression", reason="form Y_uᵀY_u + λ_u I and solve it yourself"):
            _check(submission, Y, items, ratings, 0.1, mu=2.5)
    except AssertionError as exc:
        if "blocked" in str(exc):
            fail("als_user_step called a least-squares or ridge routine; build the k × k system "
                 "(Y_uᵀY_u + λ_u I) x = Y_uᵀ(r − mu) yourself and solve it with np.linalg.solve.")
        raise
