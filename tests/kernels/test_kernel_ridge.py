"""Tests of la4ml.kernels.KernelRidge against sklearn.kernel_ridge.KernelRidge."""

import numpy as np
import pytest
import sklearn.kernel_ridge
from sklearn.datasets import load_diabetes, make_circles

from la4ml.errors import InvalidParameterError, NotPositiveDefiniteError, OutOfRangeError
from la4ml.kernels import KernelRidge, rbf_kernel

EPS = np.finfo(float).eps

CONFIGS = [
    {},
    {"alpha": 0.1, "gamma": 0.5},
    {"alpha": 1e-3, "kernel": "rbf", "gamma": 2.0},
    {"alpha": 0.5, "kernel": "linear"},
    {"alpha": 2.0, "kernel": "poly"},
    {"alpha": 0.1, "kernel": "polynomial", "degree": 2, "gamma": 1.0, "coef0": 0.0},
]


def _theirs(cfg):
    cfg = dict(cfg)
    cfg.setdefault("kernel", "rbf")  # our default
    return sklearn.kernel_ridge.KernelRidge(**cfg)


@pytest.mark.parametrize("cfg", CONFIGS, ids=str)
def test_predictions_equal_sklearn_on_diabetes(cfg):
    """Predictions on held-out Diabetes rows equal scikit-learn's KernelRidge to 1e-8 relative."""
    X, y = load_diabetes(return_X_y=True)
    ours = KernelRidge(**cfg).fit(X[:300], y[:300])
    theirs = _theirs(cfg).fit(X[:300], y[:300])
    p, q = ours.predict(X[300:]), theirs.predict(X[300:])
    assert np.max(np.abs(p - q)) <= 1e-8 * np.max(np.abs(q))
    assert np.allclose(ours.dual_coef_, theirs.dual_coef_, rtol=1e-7, atol=1e-8 * np.abs(theirs.dual_coef_).max())


def test_defaults():
    """Defaults: alpha=1.0, kernel='rbf', gamma=None (1/n_features), degree=3, coef0=1."""
    est = KernelRidge()
    assert (est.alpha, est.kernel, est.gamma, est.degree, est.coef0) == (1.0, "rbf", None, 3, 1)
    X, y = make_circles(60, noise=0.1, factor=0.4, random_state=0)
    want = sklearn.kernel_ridge.KernelRidge(kernel="rbf", gamma=0.5).fit(X, y).predict(X)  # 1/n_features = 0.5
    assert np.allclose(est.fit(X, y).predict(X), want, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_scale_of_targets(scale):
    """Targets at 1e-6 and 1e6 scale: predictions scale with them and match scikit-learn relatively."""
    X, y = load_diabetes(return_X_y=True)
    y = scale * (y - y.mean())
    ours = KernelRidge(alpha=0.05, gamma=1.0).fit(X[:200], y[:200]).predict(X[200:])
    theirs = _theirs({"alpha": 0.05, "gamma": 1.0}).fit(X[:200], y[:200]).predict(X[200:])
    assert np.max(np.abs(ours - theirs)) <= 1e-8 * np.max(np.abs(theirs))


def test_multi_target_and_sample_weight():
    """Two targets at once and sample weights (zeros included) give scikit-learn's predictions."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((40, 3))
    Y = np.column_stack([np.sin(X[:, 0]), X[:, 1] ** 2])
    w = rng.uniform(0, 2, 40)
    w[:5] = 0.0
    ours = KernelRidge(alpha=0.3, gamma=0.7).fit(X, Y, sample_weight=w)
    theirs = _theirs({"alpha": 0.3, "gamma": 0.7}).fit(X, Y, sample_weight=w)
    assert ours.dual_coef_.shape == (40, 2)
    assert np.allclose(ours.predict(X), theirs.predict(X), rtol=1e-9, atol=1e-12)


def test_precomputed_equals_rbf():
    """kernel='precomputed' on rbf_kernel(X_train) and rbf_kernel(X_test, X_train) equals kernel='rbf'."""
    X, y = make_circles(80, noise=0.1, factor=0.4, random_state=1)
    a = KernelRidge(alpha=0.2, gamma=3.0).fit(X[:60], y[:60]).predict(X[60:])
    pre = KernelRidge(alpha=0.2, kernel="precomputed").fit(rbf_kernel(X[:60], gamma=3.0), y[:60])
    b = pre.predict(rbf_kernel(X[60:], X[:60], gamma=3.0))
    assert np.allclose(a, b, rtol=1e-12, atol=1e-14)


def test_alpha_on_the_diagonal():
    """dual_coef_ solves (K + αI)c = y: the residual is at rounding level relative to ‖K + αI‖‖c‖."""
    X, y = load_diabetes(return_X_y=True)
    est = KernelRidge(alpha=0.01, gamma=0.3).fit(X, y)
    A = rbf_kernel(X, gamma=0.3) + 0.01 * np.eye(len(X))
    r = A @ est.dual_coef_ - y
    assert np.linalg.norm(r) <= 100 * len(X) * EPS * np.linalg.norm(A, 2) * np.linalg.norm(est.dual_coef_)


def test_singular_kernel_with_zero_alpha_says_increase_alpha():
    """alpha=0 with duplicated samples raises NotPositiveDefiniteError telling to use a larger alpha."""
    X = np.array([[0.0], [1.0], [1.0]])
    with pytest.raises(NotPositiveDefiniteError, match="larger alpha"):
        KernelRidge(alpha=0.0).fit(X, [0.0, 1.0, 1.0])
    assert isinstance(NotPositiveDefiniteError("x"), np.linalg.LinAlgError)


def test_bad_parameters():
    """An unknown kernel, a negative alpha and a non-square precomputed kernel raise named errors."""
    X, y = np.eye(3), np.ones(3)
    with pytest.raises(InvalidParameterError, match="kernel must be one of"):
        KernelRidge(kernel="sigmoid").fit(X, y)
    with pytest.raises(OutOfRangeError, match="alpha"):
        KernelRidge(alpha=-1.0).fit(X, y)
    with pytest.raises(ValueError, match="square training Gram matrix"):
        KernelRidge(kernel="precomputed").fit(np.ones((3, 2)), y)
