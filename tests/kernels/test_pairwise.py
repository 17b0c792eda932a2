"""Tests of la4ml.kernels: linear_kernel, polynomial_kernel, rbf_kernel, center_kernel."""

import numpy as np
import pytest
import sklearn.metrics.pairwise as skp
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.preprocessing import KernelCenterer

import zoo
from la4ml.errors import DTypeError, La4mlError, NotSquareError, OutOfRangeError, ShapeError
from la4ml.kernels import center_kernel, linear_kernel, polynomial_kernel, rbf_kernel

EPS = np.finfo(float).eps
MATRICES = zoo.select("rectangular") + zoo.select("square", exclude=("float32",))


@pytest.mark.parametrize("case", MATRICES, ids=zoo.ids)
def test_linear_kernel_equals_sklearn_on_zoo(case):
    """linear_kernel(X) and linear_kernel(X, Y) equal scikit-learn's on every zoo matrix."""
    X = case.A
    assert np.allclose(linear_kernel(X), skp.linear_kernel(X), rtol=1e-12, atol=0)
    Y = X[::-1] * 2.0
    assert np.allclose(linear_kernel(X, Y), skp.linear_kernel(X, Y), rtol=1e-12, atol=0)


@pytest.mark.parametrize("kw", [{}, {"degree": 2}, {"degree": 2, "gamma": 1.0, "coef0": 0.0},
                                {"degree": 4, "gamma": 0.3, "coef0": -0.5}, {"degree": 1.5, "coef0": 2.0}])
@pytest.mark.parametrize("case", MATRICES, ids=zoo.ids)
def test_polynomial_kernel_equals_sklearn_on_zoo(case, kw):
    """polynomial_kernel equals scikit-learn's, default gamma = 1/n_features and coef0 = 1 included."""
    X = np.abs(case.A) if kw.get("degree") == 1.5 else case.A  # a fractional power needs γxᵀy + c₀ >= 0
    got, want = polynomial_kernel(X, **kw), skp.polynomial_kernel(X, **kw)
    assert got.shape == want.shape
    assert np.allclose(got, want, rtol=1e-11, atol=1e-12 * np.abs(want).max())


@pytest.mark.parametrize("gamma", [None, 1e-3, 0.5, 7.0])
@pytest.mark.parametrize("case", MATRICES, ids=zoo.ids)
def test_rbf_kernel_equals_sklearn_on_zoo(case, gamma):
    """rbf_kernel equals scikit-learn's (default gamma = 1/n_features), with an exact unit diagonal."""
    X = case.A
    K = rbf_kernel(X, gamma=gamma)
    want = skp.rbf_kernel(X, gamma=gamma)
    assert np.allclose(K, want, rtol=1e-9, atol=1e-13)
    assert np.all(np.diag(K) == 1.0)
    assert np.all((K >= 0) & (K <= 1))
    Y = X[:2] + 0.25
    assert np.allclose(rbf_kernel(X, Y, gamma), skp.rbf_kernel(X, Y, gamma=gamma), rtol=1e-9, atol=1e-13)


def test_polynomial_hand_example_and_feature_map():
    """(xᵀy + 1)² = φ(x)ᵀφ(y) with φ(x) = (1, √2x₁, √2x₂, x₁², x₂², √2x₁x₂): 4.0 for x=(1,2), y=(3,-1)."""
    x, y = np.array([1.0, 2.0]), np.array([3.0, -1.0])

    def phi(v):
        r2 = np.sqrt(2.0)
        return np.array([1.0, r2 * v[0], r2 * v[1], v[0] ** 2, v[1] ** 2, r2 * v[0] * v[1]])

    k = polynomial_kernel(x[None], y[None], degree=2, gamma=1.0, coef0=1.0)[0, 0]
    assert k == 4.0
    assert np.isclose(phi(x) @ phi(y), k, rtol=4 * EPS)
    assert polynomial_kernel(x[None], y[None], degree=2, gamma=1.0, coef0=0.0)[0, 0] == 1.0  # (3-2)²


def test_rbf_gamma_is_one_over_two_sigma_squared():
    """rbf_kernel with gamma = 1/(2σ²) is the Gaussian exp(-‖x-y‖²/(2σ²)), at σ = 1e-3, 1 and 1e3."""
    rng = np.random.default_rng(1)
    for sigma in (1e-3, 1.0, 1e3):
        X = sigma * rng.standard_normal((6, 3))
        D2 = ((X[:, None, :] - X[None, :, :]) ** 2).sum(-1)
        want = np.exp(-D2 / (2 * sigma**2))
        assert np.allclose(rbf_kernel(X, gamma=1 / (2 * sigma**2)), want, rtol=1e-10, atol=1e-14)


def test_rbf_duplicates_and_far_points():
    """Duplicated rows give exactly 1 (distance clipped at 0); far-apart rows underflow to 0, not NaN."""
    X = np.array([[1e8, 1.0], [1e8, 1.0], [-1e8, 0.0]])
    K = rbf_kernel(X, gamma=1.0)
    assert K[0, 1] == 1.0 and K[1, 0] == 1.0 and K[0, 2] == 0.0
    assert np.all(np.isfinite(K))
    K2 = rbf_kernel(X, X.copy(), gamma=1.0)
    assert np.all(K2 >= 0) and np.all(K2 <= 1)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 4)),
              elements=st.floats(-1e3, 1e3, allow_nan=False)),
       st.floats(1e-4, 10.0))
@example(np.zeros((1, 1)), 1.0)
def test_rbf_kernel_is_psd_and_symmetric(X, gamma):
    """An RBF Gram matrix is symmetric, has unit diagonal and no eigenvalue below -n·eps (Mercer)."""
    K = rbf_kernel(X, gamma=gamma)
    assert np.array_equal(K, K.T) or np.allclose(K, K.T, rtol=0, atol=4 * EPS)
    lam = np.linalg.eigvalsh(K)
    assert lam[0] >= -10 * len(K) * EPS * max(lam[-1], 1.0)


@pytest.mark.parametrize("case", zoo.select("square", exclude=("float32",)), ids=zoo.ids)
def test_center_kernel_equals_kernel_centerer(case):
    """center_kernel(K) equals KernelCenterer().fit_transform(K) on every square zoo matrix."""
    K = case.A
    want = KernelCenterer().fit_transform(K)
    tol = 10 * len(K) * EPS * max(np.abs(K).max(), 1e-300)
    assert np.allclose(center_kernel(K), want, rtol=0, atol=tol)


@pytest.mark.parametrize("scale", [1e-6, 1.0, 1e6])
def test_center_kernel_is_gram_of_centered_features(scale):
    """center_kernel(X Xᵀ) = Xc Xcᵀ; rows and columns sum to zero relative to the scale; K not modified."""
    rng = np.random.default_rng(2)
    X = scale * (rng.standard_normal((7, 3)) + 5.0)
    K = linear_kernel(X)
    K0 = K.copy()
    Kc = center_kernel(K)
    Xc = X - X.mean(axis=0)
    tol = 50 * EPS * np.abs(K).max()
    assert np.allclose(Kc, Xc @ Xc.T, rtol=0, atol=tol)
    assert np.abs(Kc.sum(axis=0)).max() <= tol * len(K)
    assert np.abs(Kc.sum(axis=1)).max() <= tol * len(K)
    assert np.array_equal(K, K0)


def test_center_kernel_of_constant_kernel_is_zero():
    """A constant kernel (every feature vector equal) centers to the zero matrix exactly."""
    assert np.array_equal(center_kernel(np.full((4, 4), 3.0)), np.zeros((4, 4)))


@pytest.mark.parametrize("func", [linear_kernel, polynomial_kernel, rbf_kernel])
def test_mismatched_features_name_both_shapes(func):
    """X and Y with different numbers of columns raise ShapeError naming both shapes."""
    with pytest.raises(ShapeError, match=r"same number of features.*\(3, 2\).*\(4, 5\)"):
        func(np.ones((3, 2)), np.ones((4, 5)))


@pytest.mark.parametrize("func", [linear_kernel, polynomial_kernel, rbf_kernel])
def test_one_dimensional_input_is_refused(func):
    """A 1-D X raises ShapeError with the reshape hint (a row or a column?)."""
    with pytest.raises(ShapeError, match="reshape"):
        func(np.ones(3))


def test_bad_parameters():
    """Negative gamma or degree, NaN gamma, a bool coef0 and a non-square K raise named errors."""
    X = np.ones((2, 2))
    with pytest.raises(OutOfRangeError, match="gamma"):
        rbf_kernel(X, gamma=-1.0)
    with pytest.raises(OutOfRangeError, match="degree"):
        polynomial_kernel(X, degree=-1)
    with pytest.raises(DTypeError, match="gamma"):
        rbf_kernel(X, gamma=float("nan"))
    with pytest.raises(DTypeError, match="coef0"):
        polynomial_kernel(X, coef0=True)
    with pytest.raises(NotSquareError, match="K must be square"):
        center_kernel(np.ones((2, 3)))
    with pytest.raises(La4mlError, match="finite"):
        linear_kernel(np.array([[1.0, np.nan]]))


def test_float32_kept():
    """float32 input gives a float32 kernel, as scikit-learn's does."""
    X = np.arange(6, dtype=np.float32).reshape(3, 2)
    for func in (linear_kernel, polynomial_kernel, rbf_kernel):
        assert func(X).dtype == np.float32


def test_extreme_magnitudes():
    """Entries near 1e308 or 1e-320: rbf_kernel stays in [0, 1] without warnings, linear and polynomial kernels
    raise NumericOverflowError instead of returning inf, center_kernel does not overflow."""
    import warnings

    from la4ml.errors import NumericOverflowError
    X = np.array([[1e308, 1.0], [-1e308, 2.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.array_equal(rbf_kernel(X), np.eye(2))
        assert np.array_equal(rbf_kernel(X, gamma=0.0), np.ones((2, 2)))
        tiny = np.array([[1e-320, 0.0], [0.0, 1e-320]])
        assert np.allclose(rbf_kernel(tiny, gamma=1e300), 1.0)  # γ‖x - y‖² = 2e-340, exp of it is 1
        K = np.array([[1e308, -1e308], [-1e308, 1e308]])
        assert np.array_equal(center_kernel(K), K)  # already centered: rows and columns sum to zero
        for func in (linear_kernel, polynomial_kernel):
            with pytest.raises(NumericOverflowError, match="too large"):
                func(X)
