"""Hidden tests of exercise 13.3 — make_redundant_data and reduce_to_2d with scikit-learn's PCA."""

import numpy as np
import pytest

from la4ml.course.grading import call, fail, function, last_call, show

EPS = np.finfo(float).eps


def _data(n_samples=100, noise=0.1, seed=0):
    Z = np.random.default_rng(seed).standard_normal((n_samples, 5))
    X = Z.copy()
    X[:, 1] = Z[:, 0] + noise * Z[:, 1]
    X[:, 2] = Z[:, 0] + noise * Z[:, 2]
    return X


def _pca2(X):
    from sklearn.decomposition import PCA

    pca = PCA(n_components=2).fit(X)
    return pca.transform(X), pca.explained_variance_ratio_, pca


def _check_data(submission, args, kwargs, expected):
    got = call(function(submission, "make_redundant_data"), *args, **kwargs)
    try:
        X = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of shape {expected.shape}.")
    if X.shape != expected.shape:
        fail(f"Called {last_call()}; returned shape {X.shape}; expected {expected.shape} (n_samples rows, 5 features).")
    if np.allclose(X, expected, rtol=0, atol=1e-12):
        return
    Z = np.random.default_rng(kwargs.get("seed", args[2] if len(args) > 2 else 0)).standard_normal(expected.shape)
    bad = [j for j in range(5) if not np.allclose(X[:, j], expected[:, j], atol=1e-12)]
    hint = ""
    noise = kwargs.get("noise", args[1] if len(args) > 1 else 0.1)
    if np.allclose(X[:, 0], Z[:, 0]) and 1 in bad and np.allclose(X[:, 1], Z[:, 1] + noise * Z[:, 0]):
        hint = " The copy is the FIRST feature plus noise times the column's own draw: Z[:, 0] + noise * Z[:, 1]."
    elif not np.allclose(X[:, 0], Z[:, 0]):
        hint = (" The first column is not the first column of ONE draw rng.standard_normal((n_samples, 5)) from "
                "np.random.default_rng(seed).")
    fail(f"Called {last_call()}; column(s) {bad} differ from the specification (first differing column "
         f"{show(X[:, bad[0]][:5])}… expected {show(expected[:, bad[0]][:5])}…).{hint}")


def test_data_defaults(submission):
    """make_redundant_data() with its defaults: 100 samples, noise 0.1, seed 0"""
    _check_data(submission, (), {}, _data())


def test_data_arguments(submission):
    """make_redundant_data(30, noise=0.5, seed=7): the arguments are used"""
    _check_data(submission, (30,), {"noise": 0.5, "seed": 7}, _data(30, 0.5, 7))


def test_data_positional(submission):
    """make_redundant_data(12, 2.0, 3): positional order n_samples, noise, seed"""
    _check_data(submission, (12, 2.0, 3), {}, _data(12, 2.0, 3))


def test_data_zero_noise(submission):
    """noise=0: features 1 and 2 are exact copies of feature 0"""
    _check_data(submission, (10,), {"noise": 0.0, "seed": 1}, _data(10, 0.0, 1))


def _check_reduce(submission, X):
    X = np.array(X, dtype=float)
    X0 = X.copy()
    got = call(function(submission, "reduce_to_2d"), X)
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (X_2d, explained_variance_ratio).")
    try:
        Y, ratio = (np.asarray(g, dtype=float) for g in got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected two arrays of numbers.")
    if not np.array_equal(X, X0):
        fail(f"Called {last_call()}; your function changed X; work on a copy (PCA itself does not modify it).")
    exp_Y, exp_ratio, pca = _pca2(X)
    n, p = X.shape
    if ratio.shape != (2,) or not np.allclose(ratio, exp_ratio, rtol=1e-9, atol=0):
        hint = ""
        if ratio.shape == (2,) and np.allclose(ratio, pca.explained_variance_, rtol=1e-9):
            hint = " Those are the variances, explained_variance_; return explained_variance_ratio_, the shares."
        elif ratio.shape == (2,) and np.allclose(ratio, exp_ratio / exp_ratio.sum(), rtol=1e-9):
            hint = " Yours sum to 1 over the two kept components; divide by the total variance of ALL features."
        else:
            from sklearn.decomposition import PCA
            from sklearn.preprocessing import StandardScaler

            if ratio.shape == (2,) and np.allclose(
                    ratio, PCA(2).fit(StandardScaler().fit_transform(X)).explained_variance_ratio_, rtol=1e-9):
                hint = " You standardized X first; fit the PCA on X as it is (the features share one unit)."
        fail(f"Called {last_call()}; explained_variance_ratio is {show(ratio)}; expected {show(exp_ratio)}.{hint}")
    if Y.shape != (n, 2):
        hint = " That is components_ (one row per component), not the projected data." if Y.shape == (2, p) else ""
        fail(f"Called {last_call()}; X_2d has shape {Y.shape}; expected ({n}, 2), one row per sample.{hint}")
    scale = np.abs(exp_Y).max(axis=0)
    signs = np.sign(np.sum(Y * exp_Y, axis=0))
    signs[signs == 0] = 1
    if not np.allclose(Y, exp_Y * signs, rtol=0, atol=1e-9 * scale):
        hint = ""
        if np.allclose(Y, X @ pca.components_.T * signs, rtol=0, atol=1e-9 * scale):
            hint = " Yours project the UNCENTERED X (X @ components_.T); transform subtracts the mean first."
        elif np.allclose(np.abs(Y), np.abs(exp_Y / np.sqrt(pca.explained_variance_)), atol=1e-9 * scale):
            hint = " Yours are whitened; use PCA(n_components=2) without whiten."
        fail(f"Called {last_call()}; X_2d is not pca.transform(X) for PCA(n_components=2) fitted on X (up to the "
             f"sign of each column).{hint}")
    return Y, ratio


def test_reduce_default_data(submission):
    """the default data: the scores and the top-2 explained variance ratios equal scikit-learn's"""
    Y, ratio = _check_reduce(submission, _data())
    if not ratio[0] > 0.5:
        fail(f"Called {last_call()}; the first ratio is {ratio[0]:.3f}; expected more than half the variance.")


def test_reduce_other_data(submission):
    """another data set (40 samples, noise 0.3, seed 5), shifted by (10, -3, 0, 7, 2)"""
    _check_reduce(submission, _data(40, 0.3, 5) + [10.0, -3.0, 0.0, 7.0, 2.0])


@pytest.mark.parametrize("scale", [1e-6, 1e6], ids=["1e-6", "1e6"])
def test_reduce_scales(submission, scale):
    """the default data ×1e-6 and ×1e6: scores × scale, ratios unchanged"""
    _check_reduce(submission, scale * _data())


def test_reduce_unequal_scales(submission):
    """features in unequal units (×1, 10, 1, 0.1, 5): no standardizing, the ratios follow the raw variances"""
    _check_reduce(submission, _data(60, 0.2, 2) * [1.0, 10.0, 1.0, 0.1, 5.0])


def test_reduce_three_features(submission):
    """works for any number of features (3 here), and a wide 4 × 6 matrix"""
    rng = np.random.default_rng(9)
    _check_reduce(submission, rng.standard_normal((20, 3)) * [3.0, 2.0, 0.5])
    _check_reduce(submission, rng.standard_normal((4, 6)) * np.arange(1, 7))
