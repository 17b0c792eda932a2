"""Hidden tests of exercise 6.3 — mahalanobis_to_center(X), from scratch, vs SciPy."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial import distance

from la4ml.course.grading import Feedback, blocked, call, expect_close, fail, function, last_call
from la4ml.course.testdata import load_iris


def _reference(X):
    mu = X.mean(axis=0)
    VI = np.linalg.inv(np.cov(X, rowvar=False))
    return np.array([distance.mahalanobis(x, mu, VI) for x in X])


def _variants(X):
    """What typical mistakes return, by name."""
    out = {}
    mu = X.mean(axis=0)
    D = X - mu
    S = np.cov(X, rowvar=False)
    VI = np.linalg.inv(S)
    out["squared"] = np.einsum("ij,jk,ik->i", D, VI, D)
    out["cov"] = np.sqrt(np.einsum("ij,jk,ik->i", D, S, D))
    out["euclid"] = np.linalg.norm(D, axis=1)
    Dr = X - X.mean(axis=1, keepdims=True)
    out["rowmean"] = np.sqrt(np.abs(np.einsum("ij,jk,ik->i", Dr, VI, Dr)))
    S_pop = np.cov(X, rowvar=False, bias=True)
    out["biased"] = np.sqrt(np.einsum("ij,jk,ik->i", D, np.linalg.inv(S_pop), D))
    return out


MESSAGES = {
    "squared": "you returned the SQUARED distances (xᵢ − μ)ᵀ Σ⁻¹ (xᵢ − μ): take the square root",
    "cov": "you multiplied by the covariance Σ itself; the Mahalanobis distance uses its INVERSE, np.linalg.inv(S), so "
           "that directions of large variance count less",
    "euclid": "those are the Euclidean distances ||xᵢ − μ||; weight the centered samples by the inverse covariance",
    "rowmean": "you subtracted the mean of each ROW (X.mean(axis=1)), which averages one sample's different features; "
               "the center is the mean sample, X.mean(axis=0), of shape (n_features,)",
    "biased": "you used the population covariance (dividing by n); use the sample covariance np.cov(X, rowvar=False), "
              "which divides by n − 1, as the task and SciPy's comparison do",
}


def _check(submission, X):
    X = np.array(X, dtype=float)
    got = call(function(submission, "mahalanobis_to_center"), X)
    expected = _reference(X)
    try:
        arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {got!r}; expected an array of shape {expected.shape}.")
    n = X.shape[0]
    if arr.shape == (n, n):
        fail(f"Called {last_call()}; returned an array of shape {arr.shape}: the matrix D @ inv(S) @ D.T of every pair of "
             f"samples. Only its diagonal holds the distances' squares: compute one quadratic form per row, e.g. "
             "np.einsum('ij,jk,ik->i', D, VI, D), then the square root, for shape (n_samples,).")
    if arr.shape == expected.shape and not np.allclose(arr, expected, rtol=1e-7):
        for name, value in _variants(X).items():
            if np.allclose(arr, value, rtol=1e-7):
                fail(f"Called {last_call()}; the distances differ from SciPy's ({arr[:3].round(4).tolist()}… instead of "
                     f"{expected[:3].round(4).tolist()}…): {MESSAGES[name]}.")
    expect_close(arr, expected, rtol=1e-7, atol=1e-9, what="the distances",
                 because="d[i] = sqrt((X[i] − μ) @ inv(S) @ (X[i] − μ)) with μ = X.mean(axis=0) and S = np.cov(X, rowvar=False), "
                         "as scipy.spatial.distance.mahalanobis computes it")


def test_small_example(submission):
    """on 5 samples of 2 correlated features, matches scipy.spatial.distance.mahalanobis sample by sample"""
    _check(submission, [[1.0, 2.0], [2.0, 3.5], [3.0, 3.0], [4.0, 6.0], [0.0, 0.5]])


def test_iris_setosa(submission):
    """on the 50 setosa irises (4 features): matches SciPy, and flowers 41 and 43 are the two most unusual"""
    X, y = load_iris(return_X_y=True)
    S = X[y == 0]
    _check(submission, S)
    got = np.asarray(call(function(submission, "mahalanobis_to_center"), S), dtype=float)
    top = np.argsort(-got)[:2].tolist()
    if top != [41, 43]:
        fail(f"Called {last_call()}; the two largest distances are at samples {top}; expected [41, 43].")


def test_wide_spread_feature(submission):
    """a step along a high-variance feature counts less: units do not matter (feature 0 rescaled by 1000)"""
    rng = np.random.default_rng(3)
    X = rng.standard_normal((40, 3))
    Xs = X * np.array([1000.0, 1.0, 1.0])
    _check(submission, Xs)
    a = np.asarray(call(function(submission, "mahalanobis_to_center"), X), dtype=float)
    b = np.asarray(call(function(submission, "mahalanobis_to_center"), Xs), dtype=float)
    expect_close(b, a, rtol=1e-7, what="the distances after rescaling feature 0",
                 because="the Mahalanobis distance does not change when a feature's units change: Σ⁻¹ undoes the scale")


def test_from_scratch(submission):
    """computes the distances itself: still works when SciPy's, scikit-learn's and la4ml's Mahalanobis are blocked"""
    library = ("scipy.spatial.distance.mahalanobis", "scipy.spatial.distance.cdist", "scipy.spatial.distance.pdist",
               "sklearn.metrics.pairwise_distances", "sklearn.metrics.pairwise.pairwise_distances",
               "la4ml.vectors.mahalanobis")
    X = np.array([[1.0, 2.0], [2.0, 3.5], [3.0, 3.0], [4.0, 6.0], [0.0, 0.5]])
    with blocked(*library, reason="the distances must come from the formula"):
        try:
            got = call(function(submission, "mahalanobis_to_center"), X)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks you to compute the distances from their formula: center, invert the "
                     "covariance, one quadratic form per row. Use scipy.spatial.distance.mahalanobis only to compare, "
                     "outside mahalanobis_to_center.")
            raise
    expect_close(np.asarray(got, dtype=float), _reference(X), rtol=1e-7, atol=1e-9, what="the distances")


@st.composite
def data(draw):
    n_features = draw(st.integers(2, 5))
    n_samples = draw(st.integers(n_features + 3, 30))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    A = rng.standard_normal((n_features, n_features)) + 2 * np.eye(n_features)  # mixing: correlated features
    return rng.standard_normal((n_samples, n_features)) @ A + rng.normal(0, 5, n_features)


@settings(max_examples=25, deadline=None)
@given(X=data())
def test_property_matches_scipy(submission, X):
    """on random correlated data (2 to 5 features), matches SciPy for every sample"""
    _check(submission, X)
