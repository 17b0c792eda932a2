"""Ridge: equal to scikit-learn's Ridge to rounding for every solver; α lifts the spectrum of XᵀX."""

import numpy as np
import pytest
import sklearn.linear_model
from sklearn.datasets import load_diabetes

from la4ml.errors import DTypeError, InvalidParameterError, OutOfRangeError, SingularMatrixError
from la4ml.linear_model import LinearRegression, Ridge

EPS = np.finfo(float).eps
SOLVERS = ["qr", "svd", "normal"]
X_DIAB, Y_DIAB = load_diabetes(return_X_y=True)


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("alpha", [1e-3, 0.1, 1.0, 100.0])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_diabetes_equals_sklearn(solver, alpha, fit_intercept):
    """Every solver and α from 1e-3 to 100 give scikit-learn's Ridge coef_ and intercept_ (κ-scaled rounding)."""
    ours = Ridge(alpha, solver=solver, fit_intercept=fit_intercept).fit(X_DIAB, Y_DIAB)
    theirs = sklearn.linear_model.Ridge(alpha, fit_intercept=fit_intercept).fit(X_DIAB, Y_DIAB)
    Xc = X_DIAB - X_DIAB.mean(axis=0) if fit_intercept else X_DIAB
    s = np.linalg.svd(Xc, compute_uv=False)
    kappa = (s[0] ** 2 + alpha) / (s[-1] ** 2 + alpha)  # κ(XᵀX + αI)
    scale = np.abs(theirs.coef_).max()
    assert np.allclose(ours.coef_, theirs.coef_, rtol=100 * EPS * kappa, atol=100 * EPS * kappa * scale)
    assert np.isclose(ours.intercept_, theirs.intercept_, rtol=100 * EPS * kappa, atol=100 * EPS * kappa * scale)


@pytest.mark.parametrize("solver", SOLVERS)
def test_several_targets_and_weights(solver):
    """Several targets and sample weights together, as scikit-learn."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((30, 5))
    Y = X @ rng.standard_normal((5, 2)) + rng.standard_normal((30, 2))
    w = rng.uniform(0.1, 3.0, size=30)
    ours = Ridge(0.7, solver=solver).fit(X, Y, sample_weight=w)
    theirs = sklearn.linear_model.Ridge(0.7).fit(X, Y, sample_weight=w)
    assert ours.coef_.shape == (2, 5) and ours.intercept_.shape == (2,)
    assert np.allclose(ours.coef_, theirs.coef_, rtol=1e-10, atol=1e-12)
    assert np.allclose(ours.intercept_, theirs.intercept_, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("solver", SOLVERS)
def test_alpha_zero_is_linear_regression(solver):
    """α = 0 gives LinearRegression's answer (and its error for dependent features with the normal equations)."""
    ours = Ridge(0.0, solver=solver).fit(X_DIAB, Y_DIAB)
    ols = LinearRegression(solver=solver).fit(X_DIAB, Y_DIAB)
    assert np.allclose(ours.coef_, ols.coef_, rtol=1e-9) and np.isclose(ours.intercept_, ols.intercept_)
    X_dup = np.column_stack([X_DIAB, X_DIAB[:, 0]])
    if solver == "normal":
        with pytest.raises(SingularMatrixError):
            Ridge(0.0, solver=solver).fit(X_dup, Y_DIAB)


@pytest.mark.parametrize("solver", SOLVERS)
def test_alpha_makes_dependent_features_solvable(solver):
    """A duplicated feature: with α > 0 every solver (the normal equations too) solves it, as scikit-learn; the copies share the weight."""
    X = np.column_stack([X_DIAB, X_DIAB[:, 2]])
    ours = Ridge(0.01, solver=solver).fit(X, Y_DIAB)
    theirs = sklearn.linear_model.Ridge(0.01).fit(X, Y_DIAB)
    assert np.allclose(ours.coef_, theirs.coef_, rtol=1e-8, atol=1e-8)
    assert np.isclose(ours.coef_[2], ours.coef_[10], rtol=1e-8)


def test_condition_number_of_the_ridge_system():
    """κ(XᵀX + αI) = (σ₁² + α) / (σₙ² + α): every eigenvalue moves up by exactly α."""
    Xc = X_DIAB - X_DIAB.mean(axis=0)
    G = Xc.T @ Xc
    s = np.linalg.svd(Xc, compute_uv=False)
    for alpha in [0.0, 1e-3, 1.0]:
        lam = np.linalg.eigvalsh(G + alpha * np.eye(10))
        assert np.allclose(lam, np.sort(s**2) + alpha, rtol=1e-10, atol=10 * EPS * s[0] ** 2)
        assert np.isclose(np.linalg.cond(G + alpha * np.eye(10)), (s[0] ** 2 + alpha) / (s[-1] ** 2 + alpha), rtol=1e-6)


def test_shrinkage_is_monotone():
    """‖coef_‖ decreases as α grows, towards 0; the intercept tends to the mean of y."""
    norms = [np.linalg.norm(Ridge(a).fit(X_DIAB, Y_DIAB).coef_) for a in [0.0, 0.01, 0.1, 1.0, 10.0, 1e6]]
    assert np.all(np.diff(norms) < 0) and norms[-1] < 1e-3 * norms[0]
    assert np.isclose(Ridge(1e12).fit(X_DIAB, Y_DIAB).intercept_, Y_DIAB.mean(), rtol=1e-9)


def test_alpha_below_rounding_with_normal_equations():
    """A dependent feature with α far below the rounding level of XᵀX: the normal solver says so, naming α."""
    X = np.column_stack([X_DIAB, X_DIAB[:, 2]])
    with pytest.raises(SingularMatrixError, match=r"\+ αI \(α = 1e-30\)"):
        Ridge(1e-30, solver="normal").fit(X, Y_DIAB)


@pytest.mark.parametrize("params, exc, match", [
    (dict(alpha=-1.0), OutOfRangeError, "alpha must be >= 0"),
    (dict(alpha="big"), DTypeError, "alpha"),
    (dict(alpha=np.inf), DTypeError, "alpha"),
    (dict(solver="auto"), InvalidParameterError, "solver"),
])
def test_bad_parameters(params, exc, match):
    """A negative, non-numeric or infinite α and an unknown solver are refused at fit, naming the parameter."""
    with pytest.raises(exc, match=match):
        Ridge(**params).fit(X_DIAB, Y_DIAB)
