"""Tests of la4ml.definite add_jitter and nearest_psd."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zoo
from la4ml.definite import add_jitter, definiteness, is_positive_definite, nearest_psd
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
    """The jitter returned is the first of start·10^k that works: one step smaller fails Cholesky or the eigenvalue test."""
    X = np.random.default_rng(0).standard_normal((50, 3))
    X = np.hstack([X, X[:, :1]])  # a duplicated column: the covariance is singular
    C = np.cov(X, rowvar=False)
    C_j, jitter = add_jitter(C)
    cholesky(C_j)
    start = 10 * np.finfo(float).eps * np.trace(C) / 4
    assert jitter >= start * 0.9999
    if jitter > start * 1.0001:
        smaller = C + jitter / 10 * np.eye(4)
        assert not (is_positive_definite(smaller, method="cholesky") and is_positive_definite(smaller))


def _duplicated_feature_covariance(scale):
    """Covariance of wide-ranging features plus an exact multiple of the first one (singular, PSD)."""
    rng = np.random.default_rng(1)
    X = rng.standard_normal((60, 5)) * np.array([1.0, 10.0, 100.0, 1e3, 1e4])
    return scale * np.cov(np.column_stack([X, X[:, 0] / 100]), rowvar=False)


def _duplicated_sample_kernel(scale):
    """An RBF kernel (unit diagonal) of 30 points, one of them repeated: singular, PSD."""
    x = np.random.default_rng(2).standard_normal((30, 2))
    x = np.vstack([x, x[:1]])
    d2 = ((x[:, None, :] - x[None, :, :]) ** 2).sum(axis=-1)
    return scale * np.exp(-0.5 * d2)


@pytest.mark.parametrize("scale", [1e-6, 1.0, 1e6])
@pytest.mark.parametrize("build", [_duplicated_feature_covariance, _duplicated_sample_kernel])
def test_repaired_matrix_is_positive_definite_by_every_test(build, scale):
    """The jittered matrix is positive definite by the eigenvalue test too (not only Cholesky), at every scale,
    and the jitter scales with the matrix."""
    A = build(scale)
    A_j, jitter = add_jitter(A)
    assert definiteness(A_j) == "positive definite"
    assert is_positive_definite(A_j) and is_positive_definite(A_j, method="cholesky")
    _, jitter_unit = add_jitter(build(1.0))
    np.testing.assert_allclose(jitter, scale * jitter_unit, rtol=1e-6)  # relative to the scale, not absolute
    # A + jitter·I, up to the rounding of each diagonal sum A_ii + jitter
    np.testing.assert_allclose(A_j - A, jitter * np.eye(len(A)), rtol=0, atol=2 * np.finfo(float).eps * np.abs(A).max())
    assert np.array_equal(A_j - np.diag(np.diag(A_j)), A - np.diag(np.diag(A)))


def test_factors_but_not_definite_gets_jitter():
    """A matrix Cholesky accepts but the eigenvalue test calls semidefinite is not returned unchanged."""
    K = _duplicated_sample_kernel(1.0)
    lam = np.linalg.eigvalsh(K)
    tol = len(K) * np.finfo(float).eps * lam[-1]
    K_edge = K + (tol / 2 - lam[0]) * np.eye(len(K))  # smallest eigenvalue about tol/2: below the tolerance
    assert is_positive_definite(K_edge, method="cholesky") and not is_positive_definite(K_edge)
    K_j, jitter = add_jitter(K_edge)
    assert jitter > 0 and is_positive_definite(K_j)


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


# near the largest float (issue #9) ------------------------------------------------------------------


@pytest.mark.parametrize("scale", [1e-300, 1e300])
def test_nearest_psd_near_overflow_is_scaled(scale):
    """nearest_psd(c A) = c nearest_psd(A) for c = 1e+-300: (A + A.T) / 2 used to overflow to inf and give NaN."""
    A = np.array([[1.0, 2.0], [2.0, 1.0]])  # eigenvalues 3 and -1
    X = nearest_psd(A * scale)
    assert np.all(np.isfinite(X))
    assert np.allclose(X / scale, nearest_psd(A), rtol=1e-12, atol=1e-12)


def test_nearest_psd_at_the_largest_floats():
    """A PSD matrix with entries 1.7e308 comes back as itself; an indefinite one near 1e308 gets finite clipping."""
    A = np.full((2, 2), 1.7e308)  # rank 1, eigenvalues 3.4e308 (beyond float64!) and 0
    assert np.allclose(nearest_psd(A) / 1e308, A / 1e308, rtol=1e-12)
    B = np.array([[1.0, 2.0], [2.0, 1.0]]) * 8e307
    assert np.allclose(nearest_psd(B) / 8e307, nearest_psd(B / 8e307), rtol=1e-12)


def test_add_jitter_on_huge_matrix_terminates():
    """max_tries=10**30 on an indefinite matrix near 1e308 stops once the jitter passes n max|A| (Gershgorin)."""
    A = np.array([[1e307, 0.0], [0.0, -1e307]])
    with pytest.raises(NotPositiveDefiniteError, match=r"smallest eigenvalue is -1e\+307"):
        add_jitter(A, max_tries=10**30)
