"""LinearRegression: equal to scikit-learn's to rounding (intercept, weights, several targets), every solver."""

import numpy as np
import pytest
import sklearn.linear_model
from sklearn.datasets import load_diabetes
from sklearn.exceptions import NotFittedError

from la4ml.errors import DTypeError, InvalidParameterError, OutOfRangeError, ShapeError, SingularMatrixError
from la4ml.linear_model import LinearRegression

EPS = np.finfo(float).eps
SOLVERS = ["qr", "svd", "normal"]
X_DIAB, Y_DIAB = load_diabetes(return_X_y=True)


def _close(ours, theirs, kappa, scale=1.0):
    """Agreement to rounding: relative error of a least-squares solution ≲ n·eps·κ² (normal equations)."""
    return np.allclose(ours, theirs, rtol=100 * EPS * kappa**2, atol=100 * EPS * kappa**2 * scale)


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_diabetes_equals_sklearn(solver, fit_intercept):
    """On the diabetes data every solver gives scikit-learn's coef_, intercept_ and predictions."""
    ours = LinearRegression(solver=solver, fit_intercept=fit_intercept).fit(X_DIAB, Y_DIAB)
    theirs = sklearn.linear_model.LinearRegression(fit_intercept=fit_intercept).fit(X_DIAB, Y_DIAB)
    kappa = np.linalg.cond(X_DIAB - X_DIAB.mean(axis=0) if fit_intercept else X_DIAB)
    scale = np.abs(theirs.coef_).max()
    assert ours.coef_.shape == (10,) and _close(ours.coef_, theirs.coef_, kappa, scale)
    assert np.isclose(ours.intercept_, theirs.intercept_, rtol=100 * EPS * kappa**2)
    assert _close(ours.predict(X_DIAB), theirs.predict(X_DIAB), kappa, np.abs(Y_DIAB).max())
    assert ours.rank_ == 10 and ours.n_features_in_ == 10
    if not fit_intercept:
        assert ours.intercept_ == 0.0


@pytest.mark.parametrize("solver", SOLVERS)
def test_several_targets(solver):
    """y of shape (n, 3): coef_ (3, p) and intercept_ (3,), as scikit-learn."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((40, 4))
    Y = X @ rng.standard_normal((4, 3)) + rng.standard_normal(3) + 0.1 * rng.standard_normal((40, 3))
    ours = LinearRegression(solver=solver).fit(X, Y)
    theirs = sklearn.linear_model.LinearRegression().fit(X, Y)
    assert ours.coef_.shape == (3, 4) and ours.intercept_.shape == (3,)
    assert np.allclose(ours.coef_, theirs.coef_, rtol=1e-12, atol=1e-12)
    assert np.allclose(ours.intercept_, theirs.intercept_, rtol=1e-12, atol=1e-12)
    assert ours.predict(X).shape == (40, 3)


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("x_scale, y_scale, offset", [(1e-6, 1e6, 0.0), (1e6, 1e-6, 0.0), (1.0, 1.0, 1e6)])
def test_scales_and_offsets(solver, x_scale, y_scale, offset):
    """Features at 1e-6 and 1e6 scales, and a feature mean of 1e6 (the intercept must absorb it): as scikit-learn."""
    rng = np.random.default_rng(1)
    X = offset + x_scale * rng.standard_normal((30, 2))
    y = y_scale * (X / x_scale @ np.array([2.0, -1.0]) + 3.0 + rng.standard_normal(30))
    ours = LinearRegression(solver=solver).fit(X, y)
    theirs = sklearn.linear_model.LinearRegression().fit(X, y)
    Xc = X - X.mean(axis=0)
    kappa = np.linalg.cond(Xc)
    assert np.allclose(ours.coef_, theirs.coef_, rtol=1e3 * EPS * kappa**2, atol=0)
    assert np.isclose(ours.intercept_, theirs.intercept_, rtol=1e3 * EPS * kappa**2 * (1 + offset))


def test_dependent_features_minimum_norm():
    """A duplicated feature: QR and SVD give scikit-learn's minimum-norm weights (split equally), rank 2 of 3; normal refuses."""
    X = np.column_stack([X_DIAB[:, 2], X_DIAB[:, 2], X_DIAB[:, 3]])  # bmi twice, bp
    theirs = sklearn.linear_model.LinearRegression().fit(X, Y_DIAB)
    for solver in ["qr", "svd"]:
        ours = LinearRegression(solver=solver).fit(X, Y_DIAB)
        assert ours.rank_ == 2
        assert np.allclose(ours.coef_, theirs.coef_, rtol=1e-10)
        assert np.isclose(ours.coef_[0], ours.coef_[1], rtol=1e-10)
    with pytest.raises(SingularMatrixError, match=r"n_samples = 442, n_features = 3.*solver='qr'"):
        LinearRegression(solver="normal").fit(X, Y_DIAB)


def test_sklearn_truncates_at_its_tol_we_do_not():
    """κ = 1e8 (above scikit-learn's default tol=1e-6 cut-off): scikit-learn truncates, ours matches np.linalg.lstsq."""
    rng = np.random.default_rng(2)
    U, _ = np.linalg.qr(rng.standard_normal((50, 3)))
    V, _ = np.linalg.qr(rng.standard_normal((3, 3)))
    X = U @ np.diag([1.0, 1e-3, 1e-8]) @ V.T
    y = X @ np.array([1.0, 2.0, 3.0])
    ours = LinearRegression(fit_intercept=False).fit(X, y)
    theirs = sklearn.linear_model.LinearRegression(fit_intercept=False).fit(X, y)
    exact = sklearn.linear_model.LinearRegression(fit_intercept=False, tol=0).fit(X, y)
    assert ours.rank_ == 3 and theirs.rank_ == 2
    assert np.allclose(ours.coef_, [1.0, 2.0, 3.0], rtol=1e-6) and np.allclose(ours.coef_, exact.coef_, rtol=1e-6)
    assert not np.allclose(theirs.coef_, [1.0, 2.0, 3.0], rtol=1e-2)


@pytest.mark.parametrize("solver", SOLVERS)
def test_sample_weight_equals_sklearn_and_duplication(solver):
    """Weights as scikit-learn; integer weights equal repeating rows; zero weights equal dropping rows; a scalar changes nothing."""
    rng = np.random.default_rng(3)
    X, y = X_DIAB[:60], Y_DIAB[:60]
    w = rng.integers(0, 4, size=60).astype(float)
    ours = LinearRegression(solver=solver).fit(X, y, sample_weight=w)
    theirs = sklearn.linear_model.LinearRegression().fit(X, y, sample_weight=w)
    assert np.allclose(ours.coef_, theirs.coef_, rtol=1e-7) and np.isclose(ours.intercept_, theirs.intercept_)
    rep = np.repeat(np.arange(60), w.astype(int))
    dup = LinearRegression(solver=solver).fit(X[rep], y[rep])
    assert np.allclose(ours.coef_, dup.coef_, rtol=1e-7) and np.isclose(ours.intercept_, dup.intercept_, rtol=1e-10)
    plain = LinearRegression(solver=solver).fit(X, y)
    scalar = LinearRegression(solver=solver).fit(X, y, sample_weight=2.5)
    assert np.allclose(plain.coef_, scalar.coef_, rtol=1e-10)


@pytest.mark.parametrize("sw, exc, match", [
    (-np.ones(5), OutOfRangeError, "sample_weight must be >= 0"),
    (np.zeros(5), OutOfRangeError, "all zero"),
    (np.ones(4), ShapeError, "length 5"),
    (np.ones((5, 2)), ShapeError, "1-D"),
])
def test_bad_sample_weight(sw, exc, match):
    """Negative, all-zero and wrongly shaped sample weights are refused with the parameter named."""
    X = np.arange(10.0).reshape(5, 2) ** 2
    with pytest.raises(exc, match=match):
        LinearRegression().fit(X, np.arange(5.0), sample_weight=sw)


def test_one_sample():
    """A single sample: the centered X is zero, the slopes are 0 (minimum norm) and the intercept is y itself."""
    model = LinearRegression().fit([[1.0, 2.0]], [5.0])
    assert np.array_equal(model.coef_, [0.0, 0.0]) and model.intercept_ == 5.0 and model.rank_ == 0


def test_bad_parameters():
    """solver and fit_intercept are checked at fit, with the parameter named."""
    with pytest.raises(InvalidParameterError, match="solver must be one of"):
        LinearRegression(solver="lsqr").fit(X_DIAB, Y_DIAB)
    with pytest.raises(DTypeError, match="fit_intercept"):
        LinearRegression(fit_intercept="yes").fit(X_DIAB, Y_DIAB)


def test_predict_contract():
    """predict before fit raises NotFittedError; with the wrong number of features, a ValueError naming it."""
    with pytest.raises(NotFittedError):
        LinearRegression().predict(X_DIAB)
    model = LinearRegression().fit(X_DIAB, Y_DIAB)
    with pytest.raises(ValueError, match="10 features"):
        model.predict(X_DIAB[:, :3])


def test_score_is_r2():
    """score is R² (RegressorMixin), equal to scikit-learn's."""
    ours = LinearRegression().fit(X_DIAB, Y_DIAB).score(X_DIAB, Y_DIAB)
    theirs = sklearn.linear_model.LinearRegression().fit(X_DIAB, Y_DIAB).score(X_DIAB, Y_DIAB)
    assert np.isclose(ours, theirs, rtol=1e-12)


def test_inputs_not_modified():
    """fit leaves X, y and sample_weight unchanged."""
    X, y, w = X_DIAB.copy(), Y_DIAB.copy(), np.ones(len(Y_DIAB))
    for solver in SOLVERS:
        LinearRegression(solver=solver).fit(X, y, sample_weight=w)
    assert np.array_equal(X, X_DIAB) and np.array_equal(y, Y_DIAB) and np.all(w == 1.0)
