"""Tests of la4ml.definite.sample_gaussian: shape, reproducibility, and sample moments within their theoretical error."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.definite import sample_gaussian
from la4ml.errors import NotPositiveDefiniteError, NotSymmetricError, ShapeError


def test_shape_and_reproducible():
    """The result has shape (n_samples, n_features), and the same seed gives the same samples."""
    cov = np.array([[2.0, 1.2], [1.2, 1.0]])
    X = sample_gaussian([1.0, -1.0], cov, 7, random_state=3)
    assert X.shape == (7, 2)
    np.testing.assert_array_equal(X, sample_gaussian([1.0, -1.0], cov, 7, random_state=3))


def test_uses_cholesky_factor():
    """Samples are mean + z Lᵀ for the standard normals z the generator draws, with L the Cholesky factor."""
    cov = np.array([[4.0, 2.0], [2.0, 3.0]])
    X = sample_gaussian([0.0, 1.0], cov, 5, random_state=0)
    Z = np.random.default_rng(0).standard_normal((5, 2))
    np.testing.assert_allclose(X, np.array([0.0, 1.0]) + Z @ np.linalg.cholesky(cov).T)


@settings(max_examples=10, deadline=None)
@given(st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_property_sample_covariance(n, seed):
    """With 20 000 samples, each entry of the sample covariance is within 6 standard errors of cov.

    The standard error of the (i, j) sample covariance is sqrt((Σ_ii Σ_jj + Σ_ij²) / N) for a Gaussian.
    """
    rng = np.random.default_rng(seed)
    B = rng.standard_normal((n, n))
    cov = B @ B.T + 0.5 * np.eye(n)
    mean = rng.standard_normal(n)
    N = 20_000
    X = sample_gaussian(mean, cov, N, random_state=seed)
    d = np.diag(cov)
    se_cov = np.sqrt((np.outer(d, d) + cov**2) / N)
    assert np.all(np.abs(np.cov(X, rowvar=False).reshape(n, n) - cov) <= 6 * se_cov)
    assert np.all(np.abs(X.mean(axis=0) - mean) <= 6 * np.sqrt(d / N))


def test_singular_cov_warns_and_samples():
    """A singular PSD covariance (a duplicated feature) is sampled after jitter, with a warning naming it."""
    cov = np.array([[1.0, 1.0], [1.0, 1.0]])
    with pytest.warns(UserWarning, match="jitter"):
        X = sample_gaussian([0.0, 0.0], cov, 1000, random_state=0)
    np.testing.assert_allclose(X[:, 0], X[:, 1], atol=1e-6)


def test_errors():
    """Indefinite, nonsymmetric or mismatched covariances, and a bad n_samples, are rejected clearly."""
    with pytest.raises(NotPositiveDefiniteError, match="cov is not positive definite"):
        sample_gaussian([0.0, 0.0], [[1.0, 2.0], [2.0, 1.0]], 10)
    with pytest.raises(NotSymmetricError):
        sample_gaussian([0.0, 0.0], [[1.0, 2.0], [0.0, 1.0]], 10)
    with pytest.raises(ShapeError, match=r"cov must have shape \(3, 3\)"):
        sample_gaussian([0.0, 0.0, 0.0], np.eye(2), 10)
    with pytest.raises(ValueError, match="n_samples"):
        sample_gaussian([0.0], [[1.0]], -1)
    with pytest.raises(ValueError):
        sample_gaussian([np.nan], [[1.0]], 1)


def test_inputs_untouched():
    """mean and cov are not modified."""
    mean, cov = np.zeros(2), np.array([[2.0, 0.5], [0.5, 1.0]])
    m0, c0 = mean.copy(), cov.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sample_gaussian(mean, cov, 10, random_state=0)
    assert np.array_equal(mean, m0) and np.array_equal(cov, c0)
