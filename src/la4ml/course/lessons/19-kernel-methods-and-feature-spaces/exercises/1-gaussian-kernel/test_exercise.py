"""Hidden tests of exercise 19.1 — gaussian_kernel(X, Y=None, sigma=1.0), from scratch."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from la4ml.course.grading import Feedback, blocked, call, expect_close, expect_shape, fail, function, last_call, show

BLOCKED = ("sklearn.metrics.pairwise.rbf_kernel", "sklearn.metrics.pairwise.euclidean_distances",
           "sklearn.metrics.pairwise.pairwise_distances", "sklearn.metrics.pairwise.pairwise_kernels",
           "scipy.spatial.distance.cdist", "scipy.spatial.distance.pdist")


def _sqdist(X, Y):
    return ((X[:, None, :] - Y[None, :, :]) ** 2).sum(-1)


def _run(submission, X, Y=None, **kw):
    f = function(submission, "gaussian_kernel")
    args = (X,) if Y is None else (X, Y)
    try:
        with blocked(*BLOCKED, reason="compute the distances yourself"):
            return call(f, *args, **kw)
    except Feedback as fb:
        if "blocked" in str(fb):
            fail(f"{fb}\nThis exercise asks for the kernel from scratch: compute the squared distances with NumPy "
                 "(broadcasting X[:, None, :] - Y[None, :, :], or ‖x‖² + ‖y‖² - 2 X @ Y.T) instead of "
                 "scikit-learn's or SciPy's distance functions.")
        raise


def _check(submission, X, Y=None, sigma=None, rtol=1e-12):
    """Call gaussian_kernel and explain the first thing wrong, naming γ/σ confusions."""
    kw = {} if sigma is None else {"sigma": sigma}
    s = 1.0 if sigma is None else sigma
    got = _run(submission, X, Y, **kw)
    Yr = X if Y is None else Y
    K = expect_shape(got, (len(X), len(Yr)), what="K")
    D2 = _sqdist(X, Yr)
    want = np.exp(-D2 / (2 * s**2))
    if np.allclose(K, want, rtol=rtol, atol=1e-300):
        return K
    diagnoses = [
        (np.exp(-D2 / s**2), "exp(-‖x - y‖² / σ²): you used γ = 1/σ², forgetting the 2 in γ = 1/(2σ²)"),
        (np.exp(-D2 / (2 * s)), "exp(-‖x - y‖² / (2σ)): σ is not squared; γ = 1/(2σ²)"),
        (np.exp(-s * D2), "exp(-σ‖x - y‖²): σ was used as γ; the length scale divides, γ = 1/(2σ²)"),
        (np.exp(-D2 * 2 * s**2), "exp(-2σ²‖x - y‖²): γ and σ inverted; γ = 1/(2σ²)"),
        (np.exp(-np.sqrt(D2) / (2 * s**2)), "exp(-‖x - y‖ / (2σ²)): the distance is not squared"),
        (np.exp(-D2 / (2 * s**2)).T, "the transpose: rows must follow X and columns Y"),
    ]
    for cand, what in diagnoses:
        if cand.shape == K.shape and np.allclose(K, cand, rtol=1e-9, atol=1e-300) and not np.allclose(cand, want):
            fail(f"Called {last_call()}; returned {show(K)}, which is {what}. Expected {show(want)}.")
    bad = np.argwhere(~np.isclose(K, want, rtol=rtol, atol=1e-300))[0]
    i, j = int(bad[0]), int(bad[1])
    fail(f"Called {last_call()}; K[{i}, {j}] = {K[i, j]:.12g}; expected exp(-‖X[{i}] - Y[{j}]‖² / (2σ²)) = "
         f"exp(-{D2[i, j]:.6g} / {2 * s**2:.6g}) = {want[i, j]:.12g}.")


def test_hand_example_default_sigma(submission):
    """(0, 0) and (1, 0) at the default σ = 1 give exp(-1/2) ≈ 0.6065, with ones on the diagonal"""
    _check(submission, np.array([[0.0, 0.0], [1.0, 0.0]]))


def test_sigma_two(submission):
    """σ = 2: points at distance 1, 2 and √5 give exp(-1/8), exp(-1/2), exp(-5/8)"""
    _check(submission, np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0], [1.0, 2.0]]), sigma=2.0)


def test_non_square_x_versus_y(submission):
    """X of shape (4, 3) against Y of shape (2, 3) gives a (4, 2) matrix, rows following X, σ = 0.7"""
    rng = np.random.default_rng(5)
    _check(submission, rng.standard_normal((4, 3)), rng.standard_normal((2, 3)), sigma=0.7)


def test_one_feature_one_sample(submission):
    """a single one-feature sample against three: shape (1, 3), σ = 0.5"""
    _check(submission, np.array([[0.3]]), np.array([[0.3], [0.8], [-1.2]]), sigma=0.5)


def test_small_and_large_scales(submission):
    """data and σ both at 1e-6, then both at 1e6: the same kernel matrix as at scale 1"""
    rng = np.random.default_rng(7)
    X0 = rng.standard_normal((5, 2))
    K1 = np.exp(-_sqdist(X0, X0) / 2.0)
    for scale in (1e-6, 1e6):
        K = _check(submission, scale * X0, sigma=scale, rtol=1e-9)
        if not np.allclose(K, K1, rtol=1e-9):
            fail(f"Called {last_call()}; the kernel changed when data and σ were scaled together by {scale:g}; it "
                 "depends only on ‖x - y‖/σ.")


def test_entries_never_above_one(submission):
    """12 near-duplicate points far from the origin (1e4 + 1e-6·noise), σ = 1: every entry in [0, 1]"""
    X = 1e4 + 1e-6 * np.random.default_rng(0).standard_normal((12, 2))
    got = _run(submission, X, sigma=1.0)
    K = expect_shape(got, (12, 12), what="K")
    if np.any(K > 1.0):
        i, j = np.argwhere(K > 1.0)[0]
        fail(f"Called {last_call()}; K[{i}, {j}] = {K[i, j]:.17g} is above 1. A kernel value exp(-d²/(2σ²)) is at most 1: "
             "your squared distance came out negative. With ‖x‖² + ‖y‖² - 2xᵀy, rounding makes it slightly negative "
             "for nearby points far from the origin: clip it with np.maximum(D2, 0), or compute the differences directly.")
    if np.any(K < 0) or np.any(np.isnan(K)):
        fail(f"Called {last_call()}; returned {show(K)}, with entries outside [0, 1].")
    expect_close(K, np.exp(-_sqdist(X, X) / 2.0), rtol=1e-6, atol=1e-6, what="K",
                 because="points this close have kernel values within 1e-6 of 1")


@settings(max_examples=25, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(1, 3)), elements=st.floats(-10, 10)),
       st.floats(0.1, 10.0))
def test_matches_sklearn_rbf_kernel(submission, X, sigma):
    """random X (up to 5 × 3) and σ in [0.1, 10]: equals rbf_kernel(X, gamma=1/(2σ²))"""
    _check(submission, X, sigma=sigma, rtol=1e-9)


def test_bad_sigma(submission):
    """σ = 0 and σ = -1 raise ValueError"""
    f = function(submission, "gaussian_kernel")
    X = np.array([[0.0], [1.0]])
    for bad in (0.0, -1.0):
        try:
            got = f(X, sigma=bad)
        except ValueError:
            continue
        except Exception as exc:  # noqa: BLE001 - any other error is the learner's
            fail(f"Called gaussian_kernel(X, sigma={bad}); it raised {type(exc).__name__}: {exc}; expected ValueError, "
                 "because a length scale must be positive.")
        fail(f"Called gaussian_kernel(X, sigma={bad}); returned {show(got)}; expected ValueError, because a length "
             "scale must be positive (σ = 0 divides by zero, a negative σ means nothing).")
