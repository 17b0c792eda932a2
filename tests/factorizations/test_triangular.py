"""Tests of la4ml.factorizations forward_substitution and back_substitution against scipy.linalg.solve_triangular."""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from la4ml.errors import NonFiniteError, ShapeError, SingularMatrixError
from la4ml.factorizations import back_substitution, forward_substitution


def _triangular(n, seed, lower):
    rng = np.random.default_rng(seed)
    T = rng.standard_normal((n, n))
    T = np.tril(T) if lower else np.triu(T)
    T[np.diag_indices(n)] = 1 + rng.random(n)  # well away from zero
    return T


@pytest.mark.parametrize("n", [1, 2, 5, 30])
@pytest.mark.parametrize("lower", [True, False], ids=["forward", "back"])
def test_matches_solve_triangular(n, lower):
    """Both substitutions equal scipy.linalg.solve_triangular for vector and matrix right-hand sides."""
    T = _triangular(n, n, lower)
    solve = forward_substitution if lower else back_substitution
    rng = np.random.default_rng(1)
    for b in (rng.standard_normal(n), rng.standard_normal((n, 4))):
        np.testing.assert_allclose(solve(T, b), scipy.linalg.solve_triangular(T, b, lower=lower), rtol=1e-10, atol=1e-12)


def test_wrong_triangle_is_named():
    """Passing an upper-triangular matrix to forward_substitution names the entry and the right function."""
    U = _triangular(3, 0, lower=False)
    with pytest.raises(ShapeError, match=r"L must be lower triangular, but L\[0, \d\].*back_substitution"):
        forward_substitution(U, np.ones(3))
    with pytest.raises(ShapeError, match=r"U must be upper triangular.*forward_substitution"):
        back_substitution(U.T, np.ones(3))


def test_zero_diagonal_is_singular():
    """A zero on the diagonal raises SingularMatrixError (a LinAlgError) naming it."""
    L = np.array([[1.0, 0.0], [2.0, 0.0]])
    with pytest.raises(np.linalg.LinAlgError, match=r"L\[1, 1\] is 0") as info:
        forward_substitution(L, [1.0, 1.0])
    assert isinstance(info.value, SingularMatrixError)


def test_bad_right_hand_side():
    """A right-hand side of the wrong length, or with NaN, is rejected with its shape named."""
    L = np.eye(3)
    with pytest.raises(ShapeError, match=r"b must have shape \(3,\) or \(3, k\)"):
        forward_substitution(L, np.ones(4))
    with pytest.raises(NonFiniteError):
        back_substitution(L, np.array([1.0, np.nan, 0.0]))


def test_float32_kept_and_inputs_untouched():
    """float32 in gives float32 out; neither T nor b is modified."""
    L = _triangular(4, 2, True).astype(np.float32)
    b = np.ones(4, dtype=np.float32)
    L0, b0 = L.copy(), b.copy()
    x = forward_substitution(L, b)
    assert x.dtype == np.float32
    assert np.array_equal(L, L0) and np.array_equal(b, b0)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 8).flatmap(lambda n: st.tuples(
    arrays(np.float64, (n, n), elements=st.floats(-2, 2)), arrays(np.float64, (n,), elements=st.floats(-5, 5)))))
def test_property_residual(Tb):
    """For a lower-triangular L with |diagonal| ≥ 1: ‖L x − b‖ is at rounding level."""
    T, b = Tb
    L = np.tril(T)
    L[np.diag_indices_from(L)] = 1 + np.abs(np.diag(L))
    x = forward_substitution(L, b)
    assert np.linalg.norm(L @ x - b) <= 1e-10 * (1 + np.linalg.norm(b)) * (1 + np.linalg.norm(x))
    U = L.T
    x = back_substitution(U, b)
    assert np.linalg.norm(U @ x - b) <= 1e-10 * (1 + np.linalg.norm(b)) * (1 + np.linalg.norm(x))


# singular to working precision, overflow, scale (issue #9) ---------------------------------------


@pytest.mark.parametrize("solve, lower", [(forward_substitution, True), (back_substitution, False)])
def test_denormal_diagonal_is_singular_to_working_precision(solve, lower):
    """A diagonal of 1e-320 (subnormal) raises SingularMatrixError naming the entry; it used to give inf/NaN."""
    name = "L" if lower else "U"
    T = np.diag([1e-320, 1e-320, 1e-320])
    with pytest.raises(SingularMatrixError, match=rf"{name}\[\d, \d\] = 1e-320 is subnormal .* rescale the system"):
        solve(T, np.ones(3))
    T = np.diag([1.0, 1.0, 1e-320])
    with pytest.raises(SingularMatrixError, match=rf"singular to working precision: .*{name}\[2, 2\] = 1e-320"):
        solve(T, np.ones(3))


@pytest.mark.parametrize("solve, lower", [(forward_substitution, True), (back_substitution, False)])
def test_pivot_relative_to_scale(solve, lower):
    """|T[k, k]| <= n eps max|T| is singular to working precision (cond >= 1/(n eps)); just above it solves.

    The threshold is relative: the same matrix scaled by 1e-200 or 1e200 gives the same verdict.
    """
    n, eps = 3, np.finfo(np.float64).eps
    for scale in (1e-200, 1.0, 1e200):
        T = _triangular(n, 7, lower) * scale
        top = np.abs(T).max()
        T[1, 1] = 0.5 * n * eps * top
        with pytest.raises(SingularMatrixError, match=r"so cond\([LU]\) >= .* no reliable digit"):
            solve(T, np.ones(n) * scale)
        T[1, 1] = 4 * n * eps * top
        x = solve(T, np.ones(n) * scale)
        assert np.allclose(x, scipy.linalg.solve_triangular(T, np.ones(n) * scale, lower=lower), rtol=1e-6)


@pytest.mark.parametrize("scale", [1e-300, 1e300])
@pytest.mark.parametrize("solve, lower", [(forward_substitution, True), (back_substitution, False)])
def test_extreme_scales_match_scipy(solve, lower, scale):
    """T and b both near 1e300 (or 1e-300): the same x as SciPy, no overflow in the running sums."""
    T = _triangular(4, 3, lower) * scale
    b = np.arange(1.0, 5.0) * scale
    expected = scipy.linalg.solve_triangular(T / scale, b / scale, lower=lower)
    assert np.allclose(solve(T, b), expected, rtol=1e-12)


@pytest.mark.parametrize("solve, lower", [(forward_substitution, True), (back_substitution, False)])
def test_overflowing_solution_is_a_clear_error(solve, lower):
    """x = b / 1e-300 with b = 1e10 is 1e310, beyond float64: NumericOverflowError, not inf."""
    from la4ml.errors import NumericOverflowError

    T = np.eye(2) * 1e-300
    with pytest.raises(NumericOverflowError, match="the solution x is too large for float64.*rescale b"):
        solve(T, np.array([1e10, 1.0]))
    b = np.array([1.7e308, -1.7e308])
    with pytest.raises(NumericOverflowError):
        solve(np.eye(2) * 0.5, b)  # 3.4e308: the true answer overflows
    assert np.allclose(solve(np.eye(2) * 2.0, b), b / 2)  # 8.5e307: representable, and found
