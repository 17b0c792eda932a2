"""Tests of la4ml._validation: the symmetry check's tolerance comes from the numbers, and its message shows them."""

import numpy as np
import pytest

import zoo
from la4ml._validation import check_matrix, check_symmetric, symmetry_tolerance
from la4ml.errors import NotSymmetricError

EPS64 = np.finfo(np.float64).eps


def _perturbed(A, i, j, delta):
    B = A.copy()
    B[i, j] += delta
    return B


def test_symmetry_tolerance_is_n_eps_frobenius():
    """tol = n * eps(dtype) * ||A||_F: 4 * eps * 2 for I_4, float32's eps for a float32 matrix, times cond if given."""
    assert symmetry_tolerance(np.eye(4)) == 4 * EPS64 * 2.0
    assert symmetry_tolerance(np.eye(4, dtype=np.float32)) == pytest.approx(4 * np.finfo(np.float32).eps * 2.0)
    assert symmetry_tolerance(np.eye(4), cond=1e6) == pytest.approx(4 * EPS64 * 2.0 * 1e6)


@pytest.mark.parametrize("scale", [1e-300, 1e-6, 1.0, 1e6, 1e300])
@pytest.mark.parametrize("case", zoo.select("symmetric", exclude=("float32",)), ids=zoo.ids)
def test_boundary_is_relative_to_scale(case, scale):
    """An asymmetry of 0.5 tol passes and of 2 tol fails, at every scale: the tolerance scales with A."""
    A = case.A.astype(np.float64) * scale
    if A.shape[0] < 2 or not np.any(A):
        pytest.skip("a 1x1 or zero matrix has no asymmetry to measure")
    tol = symmetry_tolerance(A)
    check_symmetric(A)
    check_symmetric(_perturbed(A, 0, 1, 0.5 * tol))
    with pytest.raises(NotSymmetricError):
        check_symmetric(_perturbed(A, 0, 1, 2 * tol))


def test_float32_products_pass():
    """Q diag(w) Q^T formed in float32 is asymmetric by ~1e-8 relative: rounding of float32, so accepted.

    The former fixed rtol=1e-10 rejected it, as it would any float32 matrix built by products.
    """
    rng = np.random.default_rng(0)
    Q, _ = np.linalg.qr(rng.standard_normal((30, 30)))
    Q = Q.astype(np.float32)
    A = Q @ np.diag(np.linspace(1, 2, 30).astype(np.float32)) @ Q.T
    assert np.abs(A - A.T).max() > 1e-10 * np.abs(A).max()
    check_matrix(A, symmetric=True)


def test_message_shows_the_numbers_that_differ():
    """The message prints both entries to full precision, their difference and the tolerance with its formula."""
    A = np.array([[2.0, -1241719580.1234567], [-1241719580.1234567, 3.0]])
    B = _perturbed(A, 1, 0, 1e-3)
    with pytest.raises(NotSymmetricError) as info:
        check_symmetric(B, "VI")
    msg = str(info.value)
    assert f"VI[0, 1] = {B[0, 1]!s} while VI[1, 0] = {B[1, 0]!s}" in msg
    assert str(B[0, 1]) != str(B[1, 0])
    diff = abs(B[0, 1] - B[1, 0])
    assert f"differ by {diff:.3g}" in msg
    assert f"tolerance {symmetry_tolerance(B):.3g} = 2 * eps * ||VI||_F" in msg
    assert "(VI + VI.T) / 2" in msg


def test_near_overflow_is_compared_scaled():
    """Entries near 1e308: a symmetric matrix passes, and A - A.T overflowing to inf still raises, not passes as NaN."""
    big = np.array([[1e308, 1e308], [1e308, 1.7e308]])
    check_symmetric(big)
    with pytest.raises(NotSymmetricError, match=r"differ by 2 \* 1e\+308"):
        check_symmetric(np.array([[1e308, -1e308], [1e308, 1e308]]))


def test_explicit_rtol_and_atol():
    """An explicit rtol replaces n * eps * cond (relative to ||A||_F); atol adds an absolute allowance."""
    A = _perturbed(np.eye(2), 0, 1, 1e-9)
    with pytest.raises(NotSymmetricError, match=r"rtol \* \|\|A\|\|_F, rtol = 1e-10"):
        check_symmetric(A, rtol=1e-10)
    check_symmetric(A, rtol=1e-8)
    check_symmetric(A, atol=2e-9)
