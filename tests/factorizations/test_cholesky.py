"""Tests of la4ml.factorizations: cholesky, cholesky_solve, solve_spd, against NumPy/SciPy and by invariants."""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import zoo
from la4ml.errors import DTypeError, La4mlError, NotPositiveDefiniteError, NotSquareError, NotSymmetricError
from la4ml.factorizations import cholesky, cholesky_solve, solve_spd

SPD = zoo.select("spd")
NOT_PD = zoo.select("square", "symmetric", exclude=("spd",))


def _tol(A):
    return 50 * np.finfo(A.dtype).eps


@pytest.mark.parametrize("case", SPD, ids=zoo.ids)
def test_matches_numpy_on_spd_zoo(case):
    """cholesky(A) equals np.linalg.cholesky(A) on every SPD matrix of the zoo (L is unique)."""
    L = cholesky(case.A)
    expected = np.linalg.cholesky(case.A.astype(np.float64))
    scale = np.sqrt(np.max(np.abs(np.diag(case.A))))
    np.testing.assert_allclose(L, expected, rtol=0, atol=1e3 * _tol(case.A) * scale)


@pytest.mark.parametrize("case", SPD, ids=zoo.ids)
def test_upper_matches_scipy(case):
    """cholesky(A, lower=False) is the upper factor U of scipy.linalg.cholesky (A = UᵀU)."""
    U = cholesky(case.A, lower=False)
    scale = np.sqrt(np.max(np.abs(np.diag(case.A))))
    np.testing.assert_allclose(U, scipy.linalg.cholesky(case.A.astype(np.float64)), atol=1e3 * _tol(case.A) * scale)
    assert np.array_equal(U, np.triu(U))


@pytest.mark.parametrize("case", SPD, ids=zoo.ids)
def test_reconstructs_and_is_triangular(case):
    """L Lᵀ = A to rounding, L is lower triangular with a positive diagonal, and the dtype is kept."""
    A = case.A
    L = cholesky(A)
    assert L.dtype == (np.float32 if A.dtype == np.float32 else np.float64)
    assert np.array_equal(L, np.tril(L))
    assert np.all(np.diag(L) > 0)
    err = np.linalg.norm(L @ L.T - A) / np.linalg.norm(A)
    assert err <= _tol(A)


@pytest.mark.parametrize("case", NOT_PD, ids=zoo.ids)
def test_rejects_not_pd_zoo(case):
    """Indefinite, negative definite and singular PSD zoo matrices raise NotPositiveDefiniteError naming a pivot."""
    with pytest.raises(NotPositiveDefiniteError, match=r"pivot \d+ is .*leading minor \d+ is .*jitter"):
        cholesky(case.A)


def test_error_message_names_pivot_and_minor():
    """[[1, 2], [2, 1]] fails at pivot 2 = 1 - 4 = -3, the 2×2 leading minor; the error is a LinAlgError."""
    with pytest.raises(np.linalg.LinAlgError) as info:
        cholesky([[1.0, 2.0], [2.0, 1.0]])
    err = info.value
    assert "pivot 2 is -3" in str(err) and "leading minor 2 is -3" in str(err)
    assert (err.pivot_index, err.pivot, err.leading_minor) == (2, -3.0, -3.0)


def test_leading_minor_in_error_equals_determinant():
    """The leading minor reported is det(A[:k, :k]) for the failing pivot k."""
    A = zoo.select("indefinite")[1].A  # symmetric-indefinite-6
    with pytest.raises(NotPositiveDefiniteError) as info:
        cholesky(A)
    k = info.value.pivot_index
    assert np.isclose(info.value.leading_minor, np.linalg.det(A[:k, :k]))


@pytest.mark.parametrize("case", zoo.BAD_INPUTS, ids=zoo.ids)
def test_bad_inputs(case):
    """Empty, NaN, infinite, 1-D, 3-D, string, complex and ragged input raise la4ml errors of the standard types."""
    _, bad, exc = case
    with pytest.raises(exc) as info:
        cholesky(bad)
    assert isinstance(info.value, La4mlError)


def test_nonsymmetric_and_nonsquare():
    """A nonsymmetric matrix names the offending entries; a rectangular one names its shape."""
    with pytest.raises(NotSymmetricError, match=r"A\[\d, \d\] = .* symmetrize"):
        cholesky(zoo.select("nonsymmetric")[0].A)
    with pytest.raises(NotSquareError, match=r"square, got shape \(8, 3\)"):
        cholesky(zoo.select("tall")[0].A)


def test_check_symmetric_false_reads_lower_triangle():
    """With check_symmetric=False only the lower triangle is read, as in LAPACK."""
    A = np.array([[4.0, 99.0], [2.0, 3.0]])
    np.testing.assert_allclose(cholesky(A, check_symmetric=False), np.linalg.cholesky(np.tril(A) + np.tril(A, -1).T))


@pytest.mark.parametrize("case", SPD[:4], ids=zoo.ids)
def test_input_not_modified(case):
    """cholesky, cholesky_solve and solve_spd never modify their inputs."""
    A = case.A.copy()
    b = np.arange(A.shape[0], dtype=float)
    b0 = b.copy()
    L = cholesky(A)
    L0 = L.copy()
    cholesky_solve(L, b)
    solve_spd(A, b)
    assert np.array_equal(A, case.A) and np.array_equal(b, b0) and np.array_equal(L, L0)


def test_integer_and_bool_input_become_float64():
    """Integer input is factored in float64."""
    L = cholesky(np.array([[4, 2], [2, 3]]))
    assert L.dtype == np.float64
    np.testing.assert_allclose(L, np.linalg.cholesky([[4.0, 2.0], [2.0, 3.0]]))


@pytest.mark.parametrize("case", SPD, ids=zoo.ids)
def test_solve_matches_scipy_cho_solve(case):
    """cholesky_solve(cholesky(A), b) equals scipy's cho_solve, for a vector and a matrix right-hand side."""
    A = case.A.astype(np.float64)
    rng = np.random.default_rng(0)
    n = A.shape[0]
    for b in (rng.standard_normal(n), rng.standard_normal((n, 3))):
        x = cholesky_solve(cholesky(A), b)
        expected = scipy.linalg.cho_solve(scipy.linalg.cho_factor(A), b)
        cond = np.linalg.cond(A)
        np.testing.assert_allclose(x, expected, rtol=0, atol=1e-13 * cond * max(1.0, np.abs(expected).max()))


@pytest.mark.parametrize("case", NOT_PD, ids=zoo.ids)
def test_solve_spd_rejects_not_pd(case):
    """solve_spd refuses a matrix that is not positive definite instead of returning garbage."""
    with pytest.raises(NotPositiveDefiniteError):
        solve_spd(case.A, np.ones(case.A.shape[0]))


def test_solve_float32_keeps_dtype():
    """float32 A and b give a float32 solution with a float32-sized residual."""
    case = zoo.select("float32")[0]
    b = np.ones(3, dtype=np.float32)
    x = solve_spd(case.A, b)
    assert x.dtype == np.float32
    assert np.linalg.norm(case.A @ x - b) <= 1e-5


@st.composite
def spd_matrices(draw):
    """B Bᵀ + n I for a random B: symmetric positive definite with condition number at most about 1 + 100."""
    n = draw(st.integers(1, 8))
    B = draw(arrays(np.float64, (n, n), elements=st.floats(-3, 3)))
    return B @ B.T + n * np.eye(n)


@settings(max_examples=40, deadline=None)
@given(spd_matrices())
def test_property_reconstruction(A):
    """For any SPD A: L is lower triangular with positive diagonal, L Lᵀ = A, and L agrees with NumPy."""
    L = cholesky(A)
    assert np.array_equal(L, np.tril(L)) and np.all(np.diag(L) > 0)
    np.testing.assert_allclose(L @ L.T, A, rtol=1e-12, atol=1e-12 * np.abs(A).max())
    np.testing.assert_allclose(L, np.linalg.cholesky(A), rtol=1e-10, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(spd_matrices(), st.integers(0, 2**32 - 1))
def test_property_solve_residual(A, seed):
    """For any SPD A and b: ‖A x − b‖ ≤ 1e-12 ‖A‖ ‖x‖ + 1e-12 ‖b‖ for x = solve_spd(A, b)."""
    b = np.random.default_rng(seed).standard_normal(A.shape[0])
    x = solve_spd(A, b)
    r = np.linalg.norm(A @ x - b)
    assert r <= 1e-12 * (np.linalg.norm(A, 2) * np.linalg.norm(x) + np.linalg.norm(b))


@settings(max_examples=40, deadline=None)
@given(spd_matrices(), st.integers(1, 8))
def test_property_indefinite_rejected(A, k):
    """Subtracting more than λ_min from the diagonal makes A indefinite, and cholesky then fails."""
    lam_min = np.linalg.eigvalsh(A)[0]
    A_bad = A - (lam_min * (1 + 1e-3) + 1e-6) * np.eye(A.shape[0])
    with pytest.raises(NotPositiveDefiniteError):
        cholesky(A_bad)


# tiny pivots, overflow and flags (issue #9) ---------------------------------------------------------


def test_solve_spd_denormal_diagonal():
    """diag(1e-320): the answer b / 1e-320 overflows (NumericOverflowError); with a unit diagonal beside
    it, A is singular to working precision (SingularMatrixError naming A). Both used to return inf/NaN."""
    from la4ml.errors import NumericOverflowError, SingularMatrixError

    with pytest.raises(NumericOverflowError, match="the solution x is too large for float64"):
        solve_spd(np.diag([1e-320, 1e-320]), np.ones(2))
    with pytest.raises(SingularMatrixError, match=r"^A \(its Cholesky factor L\) is singular to working precision"):
        solve_spd(np.diag([1.0, 1.0, 1e-320]), np.ones(3))
    with pytest.raises(SingularMatrixError, match=r"L\[0, 0\] = 1e-320 is subnormal"):
        cholesky_solve(np.diag([1e-320, 1.0]), np.ones(2))


@pytest.mark.parametrize("scale", [1e-150, 1e150])
def test_solve_spd_at_extreme_scales(scale):
    """A and b scaled together by 1e+-150: the same x (A x = b is scale-free), no overflow."""
    A = np.array([[4.0, 1.0], [1.0, 3.0]])
    b = np.array([1.0, 2.0])
    assert np.allclose(solve_spd(A * scale, b * scale), np.linalg.solve(A, b), rtol=1e-12)


@pytest.mark.parametrize("flag", ["lower", "check_symmetric"])
def test_flags_must_be_bools(flag):
    """An array or a string for a flag raises DTypeError naming it, instead of NumPy's 'truth value' error."""
    from la4ml.errors import DTypeError

    with pytest.raises(DTypeError, match=rf"{flag} must be True or False, got array"):
        cholesky(np.eye(2), **{flag: np.ones(2)})
