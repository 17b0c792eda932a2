"""Hidden tests of exercise 13.6 — reconstruction from k components, its MSE, and the MSE predicted from eigenvalues."""

import numpy as np
import pytest

from la4ml.course.grading import call, fail, function, last_call, show

EPS = np.finfo(float).eps


def _iris():
    from sklearn.datasets import load_iris

    return load_iris().data


def _ref(X, k):
    from sklearn.decomposition import PCA

    pca = PCA(n_components=k).fit(X)
    X_hat = pca.inverse_transform(pca.transform(X))
    return X_hat, np.mean((X - X_hat) ** 2), pca


def _lam(X):
    p = X.shape[1]
    return np.linalg.eigvalsh(np.cov(X, rowvar=False).reshape(p, p))


def _predicted(X, k):
    n, p = X.shape
    return (n - 1) / (n * p) * np.sum(_lam(X)[: p - k])


def _tol(X):
    n, p = X.shape
    Xc = X - X.mean(axis=0)
    return 1e3 * max(n, p) * EPS * np.mean(Xc**2)  # rounding of a mean of squares of the centered data


def _mse_hint(X, k, got_mse, X_hat):
    n, p = X.shape
    err = (X - X_hat) ** 2
    if np.isclose(got_mse, err.sum() / n, rtol=1e-9):
        return " That is the squared error summed over the features and averaged over samples; average over ALL entries."
    if np.isclose(got_mse, err.sum(), rtol=1e-9):
        return " That is the SUM of the squared errors; return the mean over all entries."
    if np.isclose(got_mse, np.sqrt(err.mean()), rtol=1e-9):
        return " That is the square root (RMSE); return the mean squared error itself."
    if np.isclose(got_mse, np.mean(np.abs(X - X_hat)), rtol=1e-9):
        return " That is the mean ABSOLUTE error; square the differences."
    return ""


def _check_reconstruct(submission, X, k):
    X = np.array(X, dtype=float)
    X0 = X.copy()
    got = call(function(submission, "reconstruct"), X, k)
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (X_hat, mse).")
    try:
        X_hat = np.asarray(got[0], dtype=float)
        mse = float(got[1])
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array and a number.")
    if not np.array_equal(X, X0):
        fail(f"Called {last_call()}; your function changed X; work on a copy.")
    exp_hat, exp_mse, pca = _ref(X, k)
    if X_hat.shape != X.shape:
        hint = " That is the reduced data; map it back with pca.inverse_transform." if X_hat.shape == (len(X), k) else ""
        fail(f"Called {last_call()}; X_hat has shape {X_hat.shape}; expected {X.shape}, the same as X.{hint}")
    scale = np.abs(X).max()
    if not np.allclose(X_hat, exp_hat, rtol=0, atol=1e-9 * scale):
        hint = ""
        if np.allclose(X_hat, exp_hat - pca.mean_, atol=1e-9 * scale):
            hint = " It lacks the mean: Z @ components_ is centered; add pca.mean_ back (inverse_transform does)."
        elif np.allclose(X_hat, X, atol=1e-9 * scale):
            hint = f" That is X itself; keep only {k} component(s)."
        fail(f"Called {last_call()}; X_hat is not the reconstruction from {k} component(s), "
             f"pca.inverse_transform(pca.transform(X)).{hint}")
    if not np.isclose(mse, exp_mse, rtol=1e-9, atol=_tol(X)):
        fail(f"Called {last_call()}; mse is {mse!r}; expected {exp_mse!r}, the mean of (X - X_hat)**2 over all "
             f"{X.size} entries.{_mse_hint(X, k, mse, X_hat)}")
    return X_hat, mse


@pytest.mark.parametrize("k", [1, 2, 3])
def test_reconstruct_iris(submission, k):
    """Iris reconstructed from 1, 2 and 3 components: X_hat and its MSE as scikit-learn's"""
    _check_reconstruct(submission, _iris(), k)


def test_reconstruct_all_components(submission):
    """all 4 components: the reconstruction is X, the MSE 0 up to rounding"""
    X_hat, mse = _check_reconstruct(submission, _iris(), 4)
    if abs(mse) > _tol(_iris()):
        fail(f"Called {last_call()}; mse is {mse!r}; expected 0 up to rounding.")


def test_reconstruct_worked_example(submission):
    """four points with variances 3 and 1, one component: MSE (n-1)/(n·p)·1 = 3/8"""
    X = np.array([[5.0, 3.0], [2.0, 0.0], [2.0, 3.0], [3.0, 2.0]])
    _, mse = _check_reconstruct(submission, X, 1)
    if abs(mse - 0.375) > 1e-12:
        fail(f"Called {last_call()}; mse is {mse!r}; expected 0.375.")


@pytest.mark.parametrize("scale", [1e-6, 1e6], ids=["1e-6", "1e6"])
def test_reconstruct_scales(submission, scale):
    """Iris ×1e-6 and ×1e6 (other units), shifted far from the origin: MSE × scale²"""
    _check_reconstruct(submission, scale * (_iris() + 100.0), 2)


def _check_predicted(submission, X, k):
    X = np.array(X, dtype=float)
    got = call(function(submission, "predicted_mse"), X, k)
    try:
        value = float(got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected a number.")
    n, p = X.shape
    expected = _predicted(X, k)
    lam = _lam(X)
    if np.isclose(value, expected, rtol=1e-9, atol=_tol(X)):
        return value
    hint = ""
    if np.isclose(value, (n - 1) / (n * p) * np.sum(lam[::-1][: p - k]), rtol=1e-9):
        hint = " You summed the LARGEST eigenvalues: eigvalsh is ascending, the discarded (smallest) come first."
    elif np.isclose(value, (n - 1) / (n * p) * np.sum(lam[:k]), rtol=1e-9):
        hint = f" You summed the {k} smallest; the discarded are the n_features - n_components = {p - k} smallest."
    elif np.isclose(value, np.sum(lam[: p - k]) / p, rtol=1e-9):
        hint = (f" Missing the factor (n - 1)/n = {(n - 1) / n:.6g}: the covariance divides by n - 1, the mean "
                "squared error by n.")
    elif np.isclose(value, np.sum(lam[: p - k]) / n / p, rtol=1e-9) or np.isclose(value, np.sum(lam[: p - k]) / (n - 1) / p, rtol=1e-9):
        hint = " Scale the sum of the discarded eigenvalues by (n - 1)/(n · n_features)."
    elif np.isclose(value, (n - 1) / n * np.sum(lam[: p - k]), rtol=1e-9):
        hint = " Divide by n_features too: the MSE averages over all n · n_features entries."
    fail(f"Called {last_call()}; returned {value!r}; expected {expected!r} = (n - 1)/(n·p) × (sum of the {p - k} "
         f"smallest eigenvalues of the covariance).{hint}")


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_predicted_iris(submission, k):
    """predicted_mse on Iris for k = 1..4 (0 when nothing is discarded) equals the measured MSE"""
    X = _iris()
    value = _check_predicted(submission, X, k)
    if not np.isclose(value, _ref(X, k)[1], rtol=1e-9, atol=_tol(X)):
        fail(f"Called {last_call()}; {value!r} differs from the measured MSE {_ref(X, k)[1]!r}.")


def test_predicted_other_data(submission):
    """6 features of very different spreads, 30 samples, offset 50: k = 2 and k = 5"""
    rng = np.random.default_rng(4)
    X = rng.standard_normal((30, 6)) @ rng.standard_normal((6, 6)) * [1.0, 3.0, 0.3, 10.0, 1.0, 2.0] + 50.0
    _check_predicted(submission, X, 2)
    _check_predicted(submission, X, 5)


@pytest.mark.parametrize("scale", [1e-6, 1e6], ids=["1e-6", "1e6"])
def test_predicted_scales(submission, scale):
    """Iris ×1e-6 and ×1e6: the prediction scales by scale²"""
    _check_predicted(submission, scale * _iris(), 2)


def _check_curve(submission, X):
    X = np.array(X, dtype=float)
    got = call(function(submission, "mse_by_components"), X)
    try:
        arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of numbers.")
    p = X.shape[1]
    expected = np.array([_ref(X, k)[1] for k in range(1, p + 1)])
    if arr.shape != (p,):
        hint = " Start at k = 1: range(1, n_features + 1)." if arr.shape == (p - 1,) else ""
        fail(f"Called {last_call()}; returned shape {arr.shape}; expected ({p},), one MSE per k = 1..{p}.{hint}")
    if not np.allclose(arr, expected, rtol=1e-9, atol=_tol(X)):
        hint = ""
        if np.allclose(arr[::-1], expected, rtol=1e-9, atol=_tol(X)):
            hint = " Reversed: the first entry is k = 1 (the largest error)."
        elif p > 1 and np.allclose(arr[1:], expected[:-1], rtol=1e-9, atol=_tol(X)):
            hint = " Shifted by one: entry k - 1 is the MSE with k components, starting at k = 1."
        fail(f"Called {last_call()}; returned {show(arr)}; expected {show(expected)}.{hint}")
    return arr


def test_curve_iris(submission):
    """mse_by_components on Iris: 4 values, decreasing, the last 0 up to rounding"""
    arr = _check_curve(submission, _iris())
    if not np.all(np.diff(arr) < 0):
        fail(f"Called {last_call()}; {show(arr)} does not decrease.")


def test_curve_other_data(submission):
    """3 features, 15 samples: 3 values"""
    rng = np.random.default_rng(5)
    _check_curve(submission, rng.standard_normal((15, 3)) * [5.0, 2.0, 1.0] - 7.0)
