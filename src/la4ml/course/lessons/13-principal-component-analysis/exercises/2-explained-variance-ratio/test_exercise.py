"""Hidden tests of exercise 13.2 — explained variance (ratios) from eigh, from the SVD, and from scikit-learn."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show

EPS = np.finfo(float).eps
NAMES = ("explained_variance", "explained_variance_svd", "sklearn_explained_variance")


def _wine():
    from sklearn.datasets import load_wine

    return load_wine().data


def _spectrum(n, s, seed, mean):
    """n samples whose centered matrix has exactly the singular values s."""
    rng = np.random.default_rng(seed)
    M = rng.standard_normal((n, len(s)))
    U = np.linalg.qr(M - M.mean(axis=0))[0]
    Q = np.linalg.qr(rng.standard_normal((len(s), len(s))))[0]
    return (U * np.asarray(s, float)) @ Q.T + np.asarray(mean, float)


def _expected(X):
    n, p = X.shape
    s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    return s**2 / (n - 1), s**2 / np.sum(s**2), s


def _diagnose(X, name, var, ratio, exp_var, exp_ratio, s):
    """A sentence naming the learner's mistake, or ''."""
    n, p = X.shape
    k = len(exp_var)
    tol = 1e3 * max(n, p) * EPS * exp_var[0]
    if var.shape == exp_var.shape:
        if np.allclose(var, exp_var[::-1], atol=tol) and not np.allclose(exp_var, exp_var[::-1], atol=tol):
            return " Your variances are in ASCENDING order (np.linalg.eigvalsh's order); reverse them, largest first."
        if np.allclose(var, s, rtol=1e-8):
            return " Those are the singular values s themselves: the variances are s**2 / (n_samples - 1)."
        if np.allclose(var, s**2, rtol=1e-8):
            return (f" Those are s**2 (the eigenvalues of Xcᵀ Xc): divide by n_samples - 1 = {n - 1} to get the "
                    "variances.")
        if np.allclose(var, s**2 / n, rtol=1e-8):
            return f" You divided by n_samples = {n}; the sample variance divides by n_samples - 1 = {n - 1}."
        if np.allclose(var, s / (n - 1), rtol=1e-8):
            return " You divided the singular values by n - 1 without squaring them: the variances are s**2 / (n - 1)."
        unc = np.linalg.svd(X, compute_uv=False)
        if np.allclose(var, unc**2 / (n - 1), rtol=1e-8) or np.allclose(
                var, np.linalg.eigvalsh(X.T @ X / (n - 1))[::-1][:k], rtol=1e-8):
            return " Those come from the UNCENTERED X: subtract X.mean(axis=0) first."
    if var.shape == exp_var.shape and X.shape[1] > 1:
        sT = np.linalg.svd(X.T - X.T.mean(axis=0), compute_uv=False)[:k]
        if np.allclose(var, sT**2 / (p - 1), rtol=1e-8, atol=1e-12 * sT[0] ** 2):
            return " Those are the variances of X.T: the PCA treated the features as samples. Rows are samples; fit on X."
    if var.shape == (p,) and k < p:
        return (f" You returned all {p} eigenvalues; keep the first min(n_samples, n_features) = {k} (the centered "
                "data has at most that many nonzero variances; scikit-learn returns that many).")
    elif var.shape == (n,) and n != p:
        return " That has one value per SAMPLE: the PCA was fitted on X.T. Rows are samples; fit on X."
    return ""


def _check(submission, name, X):
    X = np.array(X, dtype=float)
    X0 = X.copy()
    got = call(function(submission, name), X)
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (explained_variance, explained_variance_ratio).")
    try:
        var, ratio = (np.asarray(g, dtype=float) for g in got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected two arrays of numbers.")
    if not np.array_equal(X, X0):
        fail(f"Called {last_call()}; your function changed X (for example by centering it in place); work on a copy.")
    exp_var, exp_ratio, s = _expected(X)
    n, p = X.shape
    tol_var = 1e3 * max(n, p) * EPS * exp_var[0]  # eigenvalue error ~ n·eps·λ_max
    if var.shape != exp_var.shape or not np.allclose(var, exp_var, rtol=0, atol=tol_var):
        fail(f"Called {last_call()}; explained_variance is {show(var)}; expected {show(exp_var)}."
             f"{_diagnose(X, name, var, ratio, exp_var, exp_ratio, s)}")
    if np.any(var < 0):
        fail(f"Called {last_call()}; explained_variance has the negative value(s) {show(var[var < 0])}: rounding in "
             "eigvalsh, but a variance cannot be negative. Set them to 0 (np.maximum(..., 0)).")
    tol_ratio = 1e3 * max(n, p) * EPS
    if ratio.shape != exp_ratio.shape or not np.allclose(ratio, exp_ratio, rtol=0, atol=tol_ratio):
        hint = ""
        if ratio.shape == exp_ratio.shape:
            if np.allclose(ratio, var, rtol=1e-8):
                hint = " That is the variance itself; divide it by the total, the sum of all variances."
            elif np.allclose(ratio, np.sqrt(exp_ratio), rtol=1e-8) or np.allclose(ratio, s / s.sum(), rtol=1e-8):
                hint = " That divides the singular values, not their squares: the ratio is s**2 / sum(s**2)."
            elif np.allclose(ratio, exp_ratio[::-1], atol=tol_ratio):
                hint = " Ascending: return the ratios largest first, like the variances."
        fail(f"Called {last_call()}; explained_variance_ratio is {show(ratio)}; expected {show(exp_ratio)} (the "
             f"variances over their sum).{hint}")
    return var, ratio


@pytest.mark.parametrize("name", NAMES)
def test_worked_example(submission, name):
    """four points with covariance [[2, 1], [1, 2]]: variances (3, 1), ratios (0.75, 0.25)"""
    X = np.array([[5.0, 3.0], [2.0, 0.0], [2.0, 3.0], [3.0, 2.0]])
    var, ratio = _check(submission, name, X)
    if not (np.allclose(var, [3.0, 1.0], atol=1e-12) and np.allclose(ratio, [0.75, 0.25], atol=1e-12)):
        fail(f"Called {last_call()}; returned {show(var)}, {show(ratio)}; expected (3, 1) and (0.75, 0.25).")


@pytest.mark.parametrize("name", NAMES)
def test_wine(submission, name):
    """the Wine data (178 samples, 13 features in very different units)"""
    _check(submission, name, _wine())


@pytest.mark.parametrize("name", NAMES)
def test_known_spectrum_far_from_origin(submission, name):
    """5 features with variances (100, 36, 9, 4, 1) around the mean (100, -50, 20, 0, 7): no uncentered shortcut"""
    X = _spectrum(20, np.sqrt(19) * np.array([10.0, 6.0, 3.0, 2.0, 1.0]), seed=1, mean=[100.0, -50.0, 20.0, 0.0, 7.0])
    var, _ = _check(submission, name, X)
    if not np.allclose(var, [100.0, 36.0, 9.0, 4.0, 1.0], rtol=1e-10):
        fail(f"Called {last_call()}; explained_variance is {show(var)}; expected (100, 36, 9, 4, 1).")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("scale", [1e-6, 1e6], ids=["1e-6", "1e6"])
def test_scales(submission, name, scale):
    """the Wine data ×1e-6 and ×1e6: variances × scale², ratios unchanged"""
    _check(submission, name, scale * _wine())


@pytest.mark.parametrize("name", NAMES)
def test_wide_data(submission, name):
    """more features than samples (5 × 8): 5 variances, the last 0 (never negative)"""
    rng = np.random.default_rng(29)  # a seed whose zero eigenvalue eigvalsh returns as -3.6e-16
    X = rng.standard_normal((5, 8)) * np.arange(1, 9) + 3.0
    var, _ = _check(submission, name, X)
    if abs(var[-1]) > 1e3 * 8 * EPS * var[0]:
        fail(f"Called {last_call()}; the last variance is {var[-1]:.3g}; expected 0: 5 centered samples span at most "
             "4 directions.")


@pytest.mark.parametrize("name", NAMES)
def test_rank_deficient(submission, name):
    """a feature that is a combination of two others: one variance is 0 (clipped, never negative), ratios sum to 1"""
    rng = np.random.default_rng(0)  # a seed whose zero eigenvalue eigvalsh returns as -1.8e-15
    A = rng.standard_normal((40, 3)) * [3.0, 2.0, 1.0] + [1.0, 2.0, 3.0]
    X = np.column_stack([A, A[:, 0] * 0.1 + A[:, 1]])
    var, ratio = _check(submission, name, X)
    if abs(ratio.sum() - 1) > 1e-12:
        fail(f"Called {last_call()}; the ratios sum to {ratio.sum()!r}; expected 1.")


@pytest.mark.parametrize("name", NAMES)
def test_one_feature(submission, name):
    """a single feature: one variance (np.var with ddof=1) and the ratio 1"""
    x = np.random.default_rng(4).standard_normal((12, 1)) * 5.0 + 2.0
    var, ratio = _check(submission, name, x)
    if not np.allclose(ratio, [1.0]):
        fail(f"Called {last_call()}; ratio {show(ratio)}; expected [1.0].")


@pytest.mark.parametrize("name", NAMES)
def test_two_samples(submission, name):
    """two samples, three features: one nonzero variance ‖x₁ - x₂‖²/2, ratios (1, 0)"""
    X = np.array([[1.0, 2.0, 3.0], [4.0, 6.0, 3.0]])
    var, ratio = _check(submission, name, X)
    if not np.allclose(var, [12.5, 0.0], atol=1e-12):
        fail(f"Called {last_call()}; variances {show(var)}; expected (12.5, 0).")


def test_eigh_route_is_eigh(submission):
    """explained_variance uses the covariance's eigenvalues: works with every SVD and scikit-learn's PCA blocked"""
    X = _wine()
    with blocked("numpy.linalg.svd", "scipy.linalg.svd", "sklearn.decomposition.PCA", "numpy.linalg.svdvals",
                 "scipy.linalg.svdvals", reason="use np.linalg.eigvalsh of the covariance matrix"):
        try:
            call(function(submission, "explained_variance"), X)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nexplained_variance must use the eigenvalues of the covariance matrix (np.linalg.eigvalsh); "
                     "the SVD is explained_variance_svd's job.")
            raise


def test_svd_route_is_svd(submission):
    """explained_variance_svd uses the singular values: works with eigh, eigvalsh, np.cov and scikit-learn blocked"""
    X = _wine()
    with blocked("numpy.linalg.eigh", "numpy.linalg.eigvalsh", "numpy.linalg.eig", "numpy.linalg.eigvals",
                 "scipy.linalg.eigh", "scipy.linalg.eigvalsh", "numpy.cov", "sklearn.decomposition.PCA",
                 reason="use the singular values of the centered data"):
        try:
            call(function(submission, "explained_variance_svd"), X)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nexplained_variance_svd must not form the covariance matrix: square the singular values of "
                     "X - X.mean(axis=0) (np.linalg.svd(..., compute_uv=False)).")
            raise


def test_sklearn_route_uses_sklearn(submission):
    """sklearn_explained_variance returns scikit-learn's own arrays (exact, not recomputed)"""
    from sklearn.decomposition import PCA

    X = _wine()
    pca = PCA(svd_solver="full").fit(X)
    got = call(function(submission, "sklearn_explained_variance"), X)
    var, ratio = (np.asarray(g, dtype=float) for g in got)
    if not (np.array_equal(var, pca.explained_variance_) and np.array_equal(ratio, pca.explained_variance_ratio_)):
        fail(f"Called {last_call()}; the arrays differ from PCA(svd_solver='full').fit(X)'s explained_variance_ and "
             "explained_variance_ratio_ in the last digits: return those attributes themselves.")


@settings(max_examples=12, deadline=None)
@given(n=st.integers(2, 25), p=st.integers(1, 6), seed=st.integers(0, 2**32 - 1), exponent=st.integers(-6, 6))
@example(n=2, p=1, seed=0, exponent=0)
@example(n=3, p=6, seed=1, exponent=6)
def test_property_random(submission, n, p, seed, exponent):
    """random data (2-25 samples, 1-6 features, scales 1e-6 to 1e6, offsets): the three routes agree with the SVD"""
    rng = np.random.default_rng(seed)
    X = (rng.standard_normal((n, p)) * rng.uniform(0.5, 4, p) + rng.uniform(-20, 20, p)) * 10.0**exponent
    for name in NAMES:
        _check(submission, name, X)
