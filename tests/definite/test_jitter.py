"""Tests of la4ml.definite add_jitter and nearest_psd."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zoo
from la4ml.definite import add_jitter, nearest_psd
from la4ml.errors import La4mlError, NotPositiveDefiniteError
from la4ml.factorizations import cholesky


@pytest.mark.parametrize("case", zoo.select("spd"), ids=zoo.ids)
def test_no_jitter_for_spd(case):
    """An SPD matrix needs no jitter: it comes back unchanged (a copy) with jitter 0.0."""
    A_j, jitter = add_jitter(case.A)
    assert jitter == 0.0 and np.array_equal(A_j, case.A) and A_j is not case.A


@pytest.mark.parametrize("case", zoo.select("psd", exclude=("spd",)), ids=zoo.ids)
def test_singular_psd_gets_tiny_jitter(case):
    """Singular PSD matrices factor after a jitter below 1e-10 × their scale, added on the diagonal only."""
    A = case.A
    A_j, jitter = add_jitter(A)
    assert 0 < jitter <= 1e-10 * max(1.0, np.trace(A) / len(A))
    np.testing.assert_array_equal(A_j - A, jitter * np.eye(len(A)))
    cholesky(A_j)


def test_jitter_is_smallest_power_of_ten():
    """The jitter returned is the first of start·10^k that works: one step smaller fails."""
    X = np.random.default_rng(0).standard_normal((50, 3))
    X = np.hstack([X, X[:, :1]])  # a duplicated column: the covariance is singular
    C = np.cov(X, rowvar=False)
    C_j, jitter = add_jitter(C)
    cholesky(C_j)
    start = 10 * np.finfo(float).eps * np.trace(C) / 4
    if jitter > start * 1.0001:
        with pytest.raises(NotPositiveDefiniteError):
            cholesky(C + jitter / 10 * np.eye(4))


def test_explicit_start_and_duplicate_kernel():
    """An RBF kernel of near-duplicate points fails Cholesky; add_jitter(jitter=1e-8) repairs it with a power of ten."""
    rng = np.random.default_rng(0)
    x = np.sort(rng.random(40))
    x = np.concatenate([x, x + 1e-9])
    K = np.exp(-0.5 * (x[:, None] - x[None, :]) ** 2)
    with pytest.raises(NotPositiveDefiniteError):
        cholesky(K)
    K_j, jitter = add_jitter(K, jitter=1e-8)
    assert jitter in [1e-8 * 10.0**k for k in range(12)]


def test_indefinite_raises_with_smallest_eigenvalue():
    """Jitter does not repair a clearly indefinite matrix: the error gives its smallest eigenvalue (-1)."""
    with pytest.raises(NotPositiveDefiniteError, match=r"smallest eigenvalue is -1\b.*nearest_psd"):
        add_jitter([[1.0, 2.0], [2.0, 1.0]])


def test_float32_and_input_untouched():
    """float32 stays float32 and the input array is not modified."""
    A = np.ones((3, 3), dtype=np.float32)
    A0 = A.copy()
    A_j, jitter = add_jitter(A)
    assert A_j.dtype == np.float32 and jitter > 0 and np.array_equal(A, A0)


@pytest.mark.parametrize("case", zoo.BAD_INPUTS, ids=zoo.ids)
def test_bad_inputs(case):
    """add_jitter and nearest_psd reject bad input with la4ml errors."""
    _, bad, exc = case
    for func in (add_jitter, nearest_psd):
        with pytest.raises(exc) as info:
            func(bad)
        assert isinstance(info.value, La4mlError)


def test_bad_parameters():
    """A non-positive jitter or max_tries raises."""
    with pytest.raises(ValueError):
        add_jitter(np.ones((2, 2)), jitter=-1.0)
    with pytest.raises(ValueError):
        add_jitter(np.ones((2, 2)), max_tries=0)
    with pytest.raises(TypeError):
        add_jitter(np.ones((2, 2)), max_tries=2.5)


def test_nearest_psd_hand_example():
    """[[1, 2], [2, 1]] (eigenvalues 3, -1) projects to [[1.5, 1.5], [1.5, 1.5]] (eigenvalues 3, 0)."""
    np.testing.assert_allclose(nearest_psd([[1.0, 2.0], [2.0, 1.0]]), [[1.5, 1.5], [1.5, 1.5]])


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_property_nearest_psd(n, seed):
    """nearest_psd(A) is symmetric PSD, fixes PSD matrices, and is no farther from A than another PSD matrix."""
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((n, n))
    X = nearest_psd(A)
    np.testing.assert_allclose(X, X.T)
    assert np.linalg.eigvalsh(X)[0] >= -1e-10
    np.testing.assert_allclose(nearest_psd(X), X, atol=1e-10)
    B = rng.standard_normal((n, n))
    P = B @ B.T  # some other PSD matrix
    assert np.linalg.norm(A - X) <= np.linalg.norm(A - P) + 1e-10
