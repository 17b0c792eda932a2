"""Tests of la4ml.factorizations lu, lu_solve, det, slogdet: against SciPy/NumPy on the zoo, and by invariants."""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import zoo
from la4ml.errors import NumericOverflowError, La4mlError, NotSquareError, ShapeError, SingularMatrixError
from la4ml.factorizations import det, lu, lu_solve, slogdet

SQUARE = zoo.select("square")
INVERTIBLE = zoo.select("square", "invertible")
SINGULAR = zoo.select("square", "singular")
EVERY = [z for z in zoo.ZOO]


def _eps(A):
    return np.finfo(np.asarray(A).dtype).eps


def _rank_and_cond(A):
    """Numerical rank r and the condition number σ₁/σ_r of the rank-r part."""
    s = np.linalg.svd(np.asarray(A, dtype=np.float64), compute_uv=False)
    if s[0] == 0:
        return 0, 1.0
    r = int(np.sum(s > max(A.shape) * _eps(A) * s[0]))
    return r, s[0] / s[r - 1]


# ----------------------------------------------------------------------------------------------- lu


@pytest.mark.parametrize("case", EVERY, ids=zoo.ids)
def test_lu_invariants(case):
    """A = P L U to rounding; P is a permutation; L unit lower triangular with |L| ≤ 1; U upper; dtype kept."""
    A = case.A
    m, n = A.shape
    k = min(m, n)
    P, L, U = lu(A)
    assert P.shape == (m, m) and L.shape == (m, k) and U.shape == (k, n)
    want = np.float32 if A.dtype == np.float32 else np.float64
    assert P.dtype == L.dtype == U.dtype == want
    assert np.array_equal(P @ P.T, np.eye(m)) and set(np.unique(P)) <= {0.0, 1.0}
    assert np.array_equal(L, np.tril(L)) and np.array_equal(np.diag(L), np.ones(k))
    assert np.abs(L).max() <= 1.0
    assert np.array_equal(U, np.triu(U))
    scale = max(np.abs(A).max(), np.finfo(want).tiny)
    assert np.abs(P @ L @ U - A).max() <= 4 * max(m, n) * _eps(A) * scale


@pytest.mark.parametrize("case", EVERY, ids=zoo.ids)
def test_lu_matches_scipy(case):
    """P equals scipy.linalg.lu's exactly (same pivots, same ties); L and U agree to κ·eps on the determined part."""
    A = case.A
    P, L, U = lu(A)
    Ps, Ls, Us = scipy.linalg.lu(A)
    assert np.array_equal(P, Ps)
    r, cond = _rank_and_cond(A)
    # columns of L beyond the numerical rank divide rounding noise by rounding noise: not determined
    tol = 10 * max(A.shape) * _eps(A) * cond
    np.testing.assert_allclose(L[:, :r], Ls[:, :r], rtol=0, atol=tol)
    np.testing.assert_allclose(U[:r], Us[:r], rtol=0, atol=tol * np.abs(A).max())


@pytest.mark.parametrize("A", [
    [[1.0, 2.0], [-1.0, 3.0]],                          # |1| = |-1|: the first row stays
    [[0.0, 1.0, 1.0], [2.0, 0.0, 1.0], [-2.0, 1.0, 0.0]],  # rows 1 and 2 tie: row 1 wins
    [[1.0, 1.0, 1.0], [1.0, 2.0, 3.0], [1.0, 3.0, 6.0]],  # a tie in every column
    [[3.0, 1.0, 2.0], [3.0, 5.0, 1.0], [-3.0, 5.0, 4.0]],  # ties in columns 0 and 1
    np.ones((4, 4)),                                      # all ties, then zero pivots
], ids=["2x2", "first-column", "pascal", "two-columns", "ones"])
def test_tie_rule_is_lapacks(A):
    """On exact ties in |pivot| the first row wins, as in LAPACK (idamax), so P equals SciPy's."""
    A = np.array(A)
    P, L, U = lu(A)
    Ps, Ls, Us = scipy.linalg.lu(A)
    assert np.array_equal(P, Ps)
    np.testing.assert_allclose(L, Ls, atol=4 * _eps(A))
    np.testing.assert_allclose(U, Us, atol=4 * _eps(A) * np.abs(A).max())


def test_tie_first_row_explicitly():
    """[[1, 2], [-1, 3]]: no swap (P = I), multiplier -1, U = [[1, 2], [0, 5]]."""
    P, L, U = lu([[1.0, 2.0], [-1.0, 3.0]])
    assert np.array_equal(P, np.eye(2))
    assert np.array_equal(L, [[1.0, 0.0], [-1.0, 1.0]]) and np.array_equal(U, [[1.0, 2.0], [0.0, 5.0]])


def test_convention_is_A_equals_PLU_not_PA_equals_LU():
    """For a cyclic permutation P ≠ Pᵀ, A = P L U holds and P A = L U does not (SciPy's convention)."""
    A = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 10.0]])
    P, L, U = lu(A)
    assert not np.array_equal(P, P.T)
    np.testing.assert_allclose(P @ L @ U, A, atol=1e-14)
    assert not np.allclose(P @ A, L @ U)
    np.testing.assert_allclose(P.T @ A, L @ U, atol=1e-14)


def test_zero_column_gives_zero_pivot_without_error():
    """A column that is zero from the diagonal down: no swap, U[j, j] = 0, as scipy.linalg.lu does."""
    A = np.array([[0.0, 1.0, 2.0], [0.0, 3.0, 4.0], [0.0, 5.0, 7.0]])
    P, L, U = lu(A)
    Ps, Ls, Us = scipy.linalg.lu(A)
    assert U[0, 0] == 0 and np.array_equal(P, Ps)
    np.testing.assert_allclose(L, Ls, atol=1e-15)
    np.testing.assert_allclose(U, Us, atol=1e-15)
    np.testing.assert_allclose(P @ L @ U, A, atol=1e-15)


def test_tiny_pivot_is_swapped_away():
    """[[1e-20, 1], [1, 1]]: pivoting swaps the rows, so L stays bounded (without it L[1, 0] = 1e20)."""
    P, L, U = lu([[1e-20, 1.0], [1.0, 1.0]])
    assert np.array_equal(P, [[0.0, 1.0], [1.0, 0.0]])
    assert L[1, 0] == 1e-20 and U[1, 1] == 1.0


@pytest.mark.parametrize("shape", [(1, 5), (5, 1), (2, 7), (7, 2), (1, 1)])
def test_rectangular_shapes_like_scipy(shape):
    """Rectangular input: L is m × k and U is k × n with k = min(m, n), equal to SciPy's."""
    A = np.random.default_rng(sum(shape)).standard_normal(shape)
    for ours, theirs in zip(lu(A), scipy.linalg.lu(A)):
        assert ours.shape == theirs.shape
        np.testing.assert_allclose(ours, theirs, atol=1e-14)


def test_integer_input_becomes_float64():
    """Integer input is factored in float64 (and equals the float factorization)."""
    for F, G in zip(lu(np.array([[1, 2], [3, 4]])), lu(np.array([[1.0, 2.0], [3.0, 4.0]]))):
        assert F.dtype == np.float64 and np.array_equal(F, G)


@pytest.mark.parametrize("func", [lu, det, slogdet], ids=["lu", "det", "slogdet"])
@pytest.mark.parametrize("case", zoo.BAD_INPUTS, ids=zoo.ids)
def test_bad_inputs(func, case):
    """Empty, NaN, infinite, 1-D, 3-D, string, complex and ragged input raise la4ml errors of the standard types."""
    _, bad, exc = case
    with pytest.raises(exc) as info:
        func(bad)
    assert isinstance(info.value, La4mlError)


@pytest.mark.parametrize("func", [det, slogdet], ids=["det", "slogdet"])
def test_determinant_needs_square(func):
    """det and slogdet of a rectangular matrix name its shape."""
    with pytest.raises(NotSquareError, match=r"A must be square, got shape \(8, 3\)"):
        func(zoo.select("tall")[0].A)


def test_inputs_not_modified():
    """lu, lu_solve, det and slogdet never modify their inputs."""
    A = zoo.select("nonsymmetric")[0].A.copy()
    A0 = A.copy()
    b = np.arange(4.0)
    b0 = b.copy()
    factors = lu(A)
    copies = [F.copy() for F in factors]
    lu_solve(factors, b)
    det(A)
    slogdet(A)
    assert np.array_equal(A, A0) and np.array_equal(b, b0)
    assert all(np.array_equal(F, C) for F, C in zip(factors, copies))


@st.composite
def matrices(draw):
    m, n = draw(st.integers(1, 7)), draw(st.integers(1, 7))
    return draw(arrays(np.float64, (m, n), elements=st.floats(-10, 10, allow_subnormal=False)))


@settings(max_examples=50, deadline=None, derandomize=True)
@given(matrices())
@example(np.zeros((3, 2)))
@example(np.ones((3, 3)))
@example(np.array([[1e-300, 1.0], [1.0, 1.0]]))
def test_property_factorization(A):
    """For any m × n A: P L U = A to rounding, |L| ≤ 1, and each pivot is the largest candidate of its column."""
    P, L, U = lu(A)
    assert np.abs(L).max() <= 1.0
    bound = 4 * max(A.shape) * _eps(A) * max(np.abs(A).max(), 1e-300)
    assert np.abs(P @ L @ U - A).max() <= bound
    # partial pivoting: after the swaps, |U[j, j]| ≥ |every multiplier × U[j, j]| in column j
    k = min(A.shape)
    for j in range(k):
        assert np.all(np.abs(L[j + 1:, j] * U[j, j]) <= np.abs(U[j, j]) * (1 + 4 * _eps(A)))


@settings(max_examples=30, deadline=None, derandomize=True)
@given(st.integers(1, 12), st.integers(1, 12), st.integers(0, 2**32 - 1))
def test_property_matches_scipy_on_random_normal(m, n, seed):
    """On random normal matrices of any shape up to 12 × 12, P, L and U equal SciPy's."""
    A = np.random.default_rng(seed).standard_normal((m, n))
    P, L, U = lu(A)
    Ps, Ls, Us = scipy.linalg.lu(A)
    assert np.array_equal(P, Ps)
    np.testing.assert_allclose(L, Ls, atol=1e-9)
    np.testing.assert_allclose(U, Us, atol=1e-9 * np.abs(A).max())


# ----------------------------------------------------------------------------------------- lu_solve


@pytest.mark.parametrize("case", INVERTIBLE, ids=zoo.ids)
def test_lu_solve_matches_scipy(case):
    """lu_solve(lu(A), b) equals scipy's lu_solve(lu_factor(A), b) to κ·eps, for a vector and a matrix b."""
    A = case.A
    n = A.shape[0]
    rng = np.random.default_rng(0)
    cond = np.linalg.cond(A.astype(np.float64))
    for b in (rng.standard_normal(n), rng.standard_normal((n, 3))):
        b = b.astype(A.dtype)
        x = lu_solve(lu(A), b)
        expected = scipy.linalg.lu_solve(scipy.linalg.lu_factor(A), b)
        assert x.shape == b.shape and x.dtype == A.dtype
        np.testing.assert_allclose(x, expected, rtol=0, atol=10 * n * _eps(A) * cond * np.abs(expected).max())


@pytest.mark.parametrize("case", INVERTIBLE, ids=zoo.ids)
def test_lu_solve_is_backward_stable(case):
    """The residual is at rounding level: ‖b − A x‖ ≤ 10·n·eps·(‖A‖ ‖x‖ + ‖b‖), however ill-conditioned A is."""
    A = case.A
    n = A.shape[0]
    b = np.random.default_rng(1).standard_normal(n).astype(A.dtype)
    x = lu_solve(lu(A), b)
    r = np.linalg.norm(b - A @ x)
    assert r <= 10 * n * _eps(A) * (np.linalg.norm(A, 2) * np.linalg.norm(x) + np.linalg.norm(b))


def test_lu_solve_tiny_pivot_keeps_every_digit():
    """[[1e-20, 1], [1, 1]] x = [1, 2]: the pivoted solve returns x = (1, 1) to the last digit."""
    x = lu_solve(lu([[1e-20, 1.0], [1.0, 1.0]]), [1.0, 2.0])
    np.testing.assert_allclose(x, [1.0, 1.0], rtol=2 * np.finfo(float).eps)


@pytest.mark.parametrize("case", SINGULAR, ids=zoo.ids)
def test_lu_solve_singular_names_the_pivot(case):
    """A singular A raises SingularMatrixError (a LinAlgError) naming the pivot and pointing to lstsq."""
    with pytest.raises(np.linalg.LinAlgError) as info:
        lu_solve(lu(case.A), np.ones(case.A.shape[0]))
    assert isinstance(info.value, SingularMatrixError)
    assert "pivot" in str(info.value) and "U[" in str(info.value) and "lstsq" in str(info.value)


def test_lu_solve_exactly_singular_message():
    """[[1, 2], [2, 4]] fails at pivot 2, U[1, 1] = 0."""
    with pytest.raises(SingularMatrixError, match=r"pivot 2 is U\[1, 1\] = 0\b"):
        lu_solve(lu([[1.0, 2.0], [2.0, 4.0]]), [1.0, 1.0])


def test_lu_solve_pivot_at_rounding_level_rejected_and_just_above_accepted():
    """A pivot at n·eps·max|U| is zero to working precision; ten times larger is solved."""
    eps = np.finfo(float).eps
    for factor, ok in ((1.0, False), (10.0, True)):
        A = np.diag([1.0, 2 * eps * 1.0 * factor])  # max|U| = 1, n = 2
        if ok:
            x = lu_solve(lu(A), [1.0, 1.0])
            np.testing.assert_allclose(x, [1.0, 1.0 / A[1, 1]])
        else:
            with pytest.raises(SingularMatrixError, match="pivot 2"):
                lu_solve(lu(A), [1.0, 1.0])


def test_lu_solve_bad_factors_and_b():
    """Not a (P, L, U) tuple, a P that is not a permutation, rectangular factors or a mismatched b are named."""
    A = np.array([[2.0, 1.0], [1.0, 3.0]])
    P, L, U = lu(A)
    with pytest.raises(ShapeError, match=r"factors must be the tuple \(P, L, U\)"):
        lu_solve(A, [1.0, 2.0])
    with pytest.raises(ValueError, match="P must be a permutation matrix"):
        lu_solve((2 * P, L, U), [1.0, 2.0])
    with pytest.raises(ShapeError, match="lstsq"):
        lu_solve(lu(np.ones((3, 2))), np.ones(3))
    with pytest.raises(ShapeError, match=r"b must have shape \(2,\) or \(2, k\)"):
        lu_solve((P, L, U), np.ones(3))


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.integers(1, 10), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_property_solve_residual(n, k, seed):
    """For random A and k right-hand sides: the residual of every column is at rounding level."""
    rng = np.random.default_rng(seed)
    A, B = rng.standard_normal((n, n)), rng.standard_normal((n, k))
    X = lu_solve(lu(A), B)
    R = B - A @ X
    bound = 10 * n * _eps(A) * (np.linalg.norm(A, 2) * np.linalg.norm(X, axis=0) + np.linalg.norm(B, axis=0))
    assert np.all(np.linalg.norm(R, axis=0) <= bound)


# -------------------------------------------------------------------------------------- det, slogdet


@pytest.mark.parametrize("case", INVERTIBLE, ids=zoo.ids)
def test_slogdet_and_det_match_numpy(case):
    """On invertible zoo matrices sign equals NumPy's and logabsdet and det agree to n·κ·eps."""
    A = case.A
    sign, logabsdet = slogdet(A)
    s_np, l_np = np.linalg.slogdet(A)
    assert sign == s_np
    n = A.shape[0]
    tol = 10 * n * _eps(A) * np.linalg.cond(A.astype(np.float64))
    assert abs(logabsdet - l_np) <= tol
    d = det(A)
    assert np.isclose(d, np.linalg.det(A), rtol=tol, atol=0)
    assert type(sign) is type(logabsdet) is type(d) is A.dtype.type


@pytest.mark.parametrize("case", SINGULAR, ids=zoo.ids)
def test_det_of_singular_zoo_is_zero_to_rounding(case):
    """On singular zoo matrices |det A| ≤ 10·n·eps·‖A‖₂ⁿ: zero to rounding (exactly 0 needs an exactly zero pivot)."""
    A = case.A
    n = A.shape[0]
    assert abs(det(A)) <= 10 * n * _eps(A) * np.linalg.norm(A, 2) ** n


@pytest.mark.parametrize("A", [
    [[1.0, 2.0], [2.0, 4.0]],
    np.zeros((3, 3)),
    [[0.0, 1.0, 2.0], [0.0, 3.0, 4.0], [0.0, 5.0, 7.0]],
    [[1.0, 2.0, 3.0], [1.0, 2.0, 3.0], [4.0, 5.0, 6.0]],
    [[2.0, 4.0, 1.0], [1.0, 2.0, 5.0], [3.0, 6.0, 2.0]],
], ids=["dependent-rows", "zeros", "zero-column", "equal-rows", "column-multiple"])
def test_exactly_singular_like_numpy(A):
    """An exactly zero pivot: det is exactly 0.0 and slogdet is (0.0, -inf), as NumPy returns them."""
    A = np.array(A)
    assert np.linalg.det(A) == 0.0 and tuple(np.linalg.slogdet(A)) == (0.0, -np.inf)
    assert det(A) == 0.0
    sign, logabsdet = slogdet(A)
    assert sign == 0.0 and logabsdet == -np.inf


@pytest.mark.parametrize("A, expected", [
    ([[0.0, 1.0], [1.0, 0.0]], -1.0),                       # one swap
    ([[1.0, 2.0], [3.0, 4.0]], -2.0),                       # one swap, positive pivots
    ([[0.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0]], -1.0),  # one swap (rows 0 and 2)
    ([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0]], 1.0),   # a 3-cycle: two swaps
    ([[-2.0, 0.0], [0.0, 3.0]], -6.0),                      # no swap, a negative pivot
    ([[2.0, 1.0], [1.0, 3.0]], 5.0),
    ([[7.0]], 7.0),
], ids=["swap", "swap-2x2", "swap-3x3", "cycle", "negative-pivot", "spd", "1x1"])
def test_det_signs_by_hand(A, expected):
    """Determinants checked by hand: each row swap flips the sign, and so does each negative pivot."""
    assert det(A) == pytest.approx(expected, rel=8 * np.finfo(float).eps)
    sign, logabsdet = slogdet(A)
    assert sign == np.sign(expected) and logabsdet == pytest.approx(np.log(abs(expected)), abs=8 * np.finfo(float).eps)


def test_det_is_exp_of_logdet_like_numpy():
    """Like NumPy, det = sign·exp(logabsdet): det(2·I₃) = 7.999999999999998, bit for bit as np.linalg.det."""
    A = 2 * np.eye(3)
    assert det(A) == np.linalg.det(A)


@pytest.mark.parametrize("scale", [10.0, 0.01], ids=["overflow", "underflow"])
def test_500_by_500_slogdet_finite_where_det_leaves_float_range(scale):
    """500 × 500: |det| is 10^±800-ish: NumPy's det overflows to inf, ours raises naming slogdet (and underflows to 0
    as NumPy's), while slogdet stays finite and equals NumPy's."""
    A = scale * np.random.default_rng(500).standard_normal((500, 500))
    s_np, l_np = np.linalg.slogdet(A)
    sign, logabsdet = slogdet(A)
    assert np.isfinite(logabsdet) and abs(logabsdet) > np.log(np.finfo(float).max)
    assert sign == s_np
    assert logabsdet == pytest.approx(l_np, rel=1e-12)
    if scale > 1:
        with pytest.raises(NumericOverflowError, match=r"overflows float64.*use slogdet"):
            det(A)
        with np.errstate(over="ignore"):
            assert np.isinf(np.linalg.det(A))
    else:
        assert det(A) == np.linalg.det(A) == 0.0


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_det_scales_as_c_to_the_n(scale):
    """det(cA) = cⁿ det(A) and log|det(cA)| = n log c + log|det A|, at 1e-6 and 1e6 scales."""
    A = zoo.select("nonsymmetric")[0].A
    n = A.shape[0]
    assert det(scale * A) == pytest.approx(scale**n * det(A), rel=1e-13)
    assert slogdet(scale * A).logabsdet == pytest.approx(n * np.log(scale) + slogdet(A).logabsdet, rel=1e-13)


def test_float32_slogdet():
    """float32 input gives float32 results that agree with NumPy's float32 slogdet."""
    A = zoo.select("float32")[0].A
    sign, logabsdet = slogdet(A)
    s_np, l_np = np.linalg.slogdet(A)
    assert sign.dtype == logabsdet.dtype == np.float32
    assert sign == s_np and abs(logabsdet - l_np) <= 10 * 3 * np.finfo(np.float32).eps


@st.composite
def square_pairs(draw):
    n = draw(st.integers(1, 6))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, n)), rng.standard_normal((n, n))


@settings(max_examples=40, deadline=None, derandomize=True)
@given(square_pairs(), st.integers(0, 5), st.floats(-100, 100).filter(lambda c: abs(c) > 1e-3))
def test_property_determinant_rules(pair, row, c):
    """det(AB) = det A det B, det Aᵀ = det A, a row swap flips the sign, scaling a row by c scales det by c."""
    A, B = pair
    n = A.shape[0]
    tol = 100 * n * np.finfo(float).eps * (np.linalg.cond(A) + np.linalg.cond(B))
    sA, lA = slogdet(A)
    sB, lB = slogdet(B)
    sAB, lAB = slogdet(A @ B)
    assert sAB == sA * sB and abs(lAB - (lA + lB)) <= tol
    sT, lT = slogdet(A.T)
    assert sT == sA and abs(lT - lA) <= tol
    i = row % n
    if n > 1:
        S = A.copy()
        j = (i + 1) % n
        S[[i, j]] = S[[j, i]]
        sS, lS = slogdet(S)
        assert sS == -sA and abs(lS - lA) <= tol
    C = A.copy()
    C[i] *= c
    sC, lC = slogdet(C)
    assert sC == sA * np.sign(c) and abs(lC - (lA + np.log(abs(c)))) <= tol


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_sign_of_every_permutation(n):
    """slogdet of every n × n permutation matrix (n ≤ 5) has the permutation's sign, ±1, and log|det| = 0."""
    import itertools

    for p in itertools.permutations(range(n)):
        P = np.eye(n)[list(p)]
        sign, logabsdet = slogdet(P)
        assert sign == round(np.linalg.det(P)) and logabsdet == 0.0
