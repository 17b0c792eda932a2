"""Tests of la4ml.spaces._features: redundant_features and variance_inflation_factors."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression

import zoo
from la4ml.errors import EmptyInputError, ZeroVectorError
from la4ml.spaces import numerical_rank, redundant_features, variance_inflation_factors

SETTINGS = settings(max_examples=30, deadline=None)


def vif_by_regression(X):
    """VIF_j = 1 / (1 - R_j^2), R_j^2 from scikit-learn's LinearRegression of column j on the others."""
    out = []
    for j in range(X.shape[1]):
        others = np.delete(X, j, axis=1)
        r2 = LinearRegression().fit(others, X[:, j]).score(others, X[:, j])
        out.append(1.0 / (1.0 - r2))
    return np.array(out)


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    age, income, height = rng.normal(40, 10, 60), rng.normal(5e4, 1e4, 60), rng.normal(170, 8, 60)
    return age, income, height


# redundant_features ---------------------------------------------------------------------------


def test_known_redundancies(data):
    """A copy, a rescaling, a sum of earlier columns and a zero column are redundant; the first of each is kept."""
    age, income, height = data
    X = np.column_stack([age, income, age, 12 * age, height, age + income / 1000, np.zeros(60)])
    assert redundant_features(X).tolist() == [2, 3, 5, 6]


def test_center_detects_affine_dependence(data):
    """x = 3 age + 5 and a constant column are independent as vectors, redundant with an intercept (center=True)."""
    age, income, _ = data
    X = np.column_stack([age, income, 3 * age + 5])
    assert redundant_features(X).tolist() == []
    assert redundant_features(X, center=True).tolist() == [2]
    X = np.column_stack([age, np.full(60, 0.1), income])
    assert redundant_features(X).tolist() == []
    assert redundant_features(X, center=True).tolist() == [1]


def test_units_do_not_matter(data):
    """Measuring a feature in tiny or huge units changes nothing: redundancy is judged on unit-length columns."""
    age, income, height = data
    X = np.column_stack([age, income, age + income / 1000, height])
    assert redundant_features(X * np.array([1e-9, 1e9, 1.0, 1e-12])).tolist() == redundant_features(X).tolist() == [2]


def test_tolerance_flags_near_duplicates(data):
    """A near-copy (noise 1e-8) is redundant at tol=1e-6 but not at the default (exact up to rounding)."""
    age, income, _ = data
    noisy = age + 1e-8 * np.random.default_rng(1).standard_normal(60)
    X = np.column_stack([age, income, noisy])
    assert redundant_features(X).tolist() == []
    assert redundant_features(X, tol=1e-6).tolist() == [2]


@pytest.mark.parametrize("case", [z for z in zoo.ZOO if z.A.size and "ill-conditioned" not in z.tags], ids=zoo.ids)
def test_dropping_redundant_columns_keeps_rank_on_zoo(case):
    """After dropping the redundant columns the rest are independent and span as much: rank unchanged, full column rank."""
    X = case.A.astype(np.float64)
    drop = redundant_features(X)
    kept = np.delete(X, drop, axis=1)
    assert kept.shape[1] == numerical_rank(X)
    if kept.shape[1]:
        assert numerical_rank(kept) == kept.shape[1]


@SETTINGS
@given(st.integers(3, 30), st.integers(1, 4), st.integers(0, 3), st.integers(0, 2**31))
def test_constructed_collinear_features(n_samples, n_independent, n_combined, seed):
    """Features built as combinations of earlier ones are exactly those flagged."""
    rng = np.random.default_rng(seed)
    n_independent = min(n_independent, n_samples)
    B = rng.standard_normal((n_samples, n_independent)) * rng.uniform(0.01, 100, n_independent)
    X = np.column_stack([B, B @ rng.standard_normal((n_independent, n_combined))])
    assert redundant_features(X).tolist() == list(range(n_independent, n_independent + n_combined))


# variance_inflation_factors --------------------------------------------------------------------


def test_vif_matches_direct_regression_on_diabetes():
    """On scikit-learn's diabetes data, VIF equals 1 / (1 - R^2) from LinearRegression and diag(inv(corr))."""
    X = load_diabetes().data
    vif = variance_inflation_factors(X)
    assert np.allclose(vif, vif_by_regression(X), rtol=1e-8)
    assert np.allclose(vif, np.diag(np.linalg.inv(np.corrcoef(X, rowvar=False))), rtol=1e-8)
    assert vif.max() > 50  # s1 (total cholesterol) and s2 (LDL) are strongly collinear


@SETTINGS
@given(st.integers(8, 40), st.integers(2, 5), st.floats(0.01, 1.0), st.integers(0, 2**31))
def test_vif_matches_direct_regression_on_random_data(n_samples, n_features, noise, seed):
    """VIF == 1 / (1 - R_j^2) from regressing each feature on the others with an intercept; all >= 1."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, n_features))
    X[:, -1] = X[:, 0] + noise * X[:, -1]  # one collinear pair
    vif = variance_inflation_factors(X)
    assert np.all(vif >= 1 - 1e-12)
    assert np.allclose(vif, vif_by_regression(X), rtol=1e-6)


def test_vif_is_one_for_uncorrelated_features():
    """Centered, mutually orthogonal columns have R^2 = 0: every VIF is 1."""
    rng = np.random.default_rng(2)
    Z = rng.standard_normal((30, 3))
    Z -= Z.mean(axis=0)
    Q, _ = np.linalg.qr(Z)  # columns orthogonal, and still mean 0 (they lie in the span of centered columns)
    assert np.allclose(variance_inflation_factors(Q * [1.0, 10.0, 0.1] + [5.0, -2.0, 0.0]), 1.0)


def test_vif_invariant_to_units_and_shifts(data):
    """Rescaling or shifting a feature does not change any VIF."""
    age, income, height = data
    X = np.column_stack([age, income, height + 0.3 * age])
    assert np.allclose(variance_inflation_factors(X), variance_inflation_factors(X * [12, 1e-3, 1] + [1, 2, 3]))


def test_vif_infinite_for_exact_collinearity(data):
    """A feature that is an exact affine combination of others has R^2 = 1, VIF = inf (so do the ones it uses)."""
    age, income, height = data
    vif = variance_inflation_factors(np.column_stack([age, income, height, 2 * age - income / 1000 + 7]))
    assert np.isinf(vif[[0, 1, 3]]).all() and np.isfinite(vif[2])


def test_vif_single_feature_is_one():
    """With no other feature, there is nothing to explain it: VIF = 1."""
    assert variance_inflation_factors([[1.0], [2.0], [4.0]]).tolist() == [1.0]


def test_vif_errors():
    """A constant feature (ZeroVectorError naming the column) and a single sample (EmptyInputError) are refused."""
    with pytest.raises(ZeroVectorError, match=r"X\[:, 1\] is constant.*drop it"):
        variance_inflation_factors([[1.0, 3.0], [2.0, 3.0], [5.0, 3.0]])
    with pytest.raises(EmptyInputError, match="at least 2 samples"):
        variance_inflation_factors([[1.0, 2.0]])


@pytest.mark.parametrize("case", zoo.BAD_INPUTS, ids=zoo.ids)
@pytest.mark.parametrize("f", [redundant_features, variance_inflation_factors], ids=lambda f: f.__name__)
def test_rejects_bad_inputs(case, f):
    """Every zoo bad input raises its expected type naming X."""
    _, bad, exc = case
    with pytest.raises(exc, match=r"\bX\b"):
        f(bad)


# near the largest float (issue #9) ------------------------------------------------------------------


@pytest.mark.parametrize("scale", [1e-300, 1e300, 1.7e308])
def test_vif_and_redundancy_do_not_depend_on_scale(data, scale):
    """Features near 1e308 (or 1e-300): the same VIFs and redundant columns as in ordinary units.

    Centering and squaring such columns overflowed (the issue's raw LAPACK error came from the
    inf/NaN that reached lstsq); each column is now rescaled by a power of two first.
    """
    age, income, height = data
    X = np.column_stack([age, income, height + 0.3 * age, 2 * age])
    Xs = X / np.abs(X).max(axis=0) * scale
    vif = variance_inflation_factors(Xs[:, :3])
    assert np.all(np.isfinite(vif)) and np.allclose(vif, variance_inflation_factors(X[:, :3]), rtol=1e-9)
    assert redundant_features(Xs).tolist() == redundant_features(X).tolist() == [3]
