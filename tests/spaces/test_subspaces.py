"""Tests of la4ml.spaces._subspaces: null_space, fundamental_subspaces, pinv."""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import example, given, settings
from hypothesis import strategies as st

import zoo
from la4ml.errors import DTypeError, OutOfRangeError
from la4ml.spaces import FundamentalSubspaces, fundamental_subspaces, null_space, numerical_rank, pinv

SETTINGS = settings(max_examples=40, deadline=None)
NONEMPTY = [z for z in zoo.ZOO if z.A.size]


def by_name(name):
    (case,) = [z for z in zoo.ZOO if z.name == name]
    return case


def eps_of(A):
    return float(np.finfo(np.asarray(A).dtype).eps)


def rounding(A):
    """The rounding level of an SVD of A: max(m, n) * eps * ||A||_2 (the default cut-off)."""
    return max(A.shape) * eps_of(A) * float(np.linalg.norm(np.asarray(A, dtype=np.float64), 2))


def proj(Q):
    """Orthogonal projector onto the span of the orthonormal columns of Q (independent of the basis)."""
    Q = np.asarray(Q, dtype=np.float64)
    return Q @ Q.T


def close_projectors(P, Q, A):
    """Projectors agree to a tolerance that scales with the conditioning of the cut (100 (m+n) eps / gap)."""
    return np.abs(P - Q).max() <= 1e3 * max(A.shape) * eps_of(A) * cond_of_cut(A)


def cond_of_cut(A):
    """sigma_1 / sigma_r: how sensitive the subspaces split at rank r are (Wedin's theorem)."""
    s = np.linalg.svd(np.asarray(A, dtype=np.float64), compute_uv=False)
    r = numerical_rank(A)
    return 1.0 if r == 0 else float(s[0] / s[r - 1])


def with_rank(m, n, r, seed, smallest=1e-3):
    """An m x n matrix of rank exactly r with singular values from 1 down to `smallest`."""
    rng = np.random.default_rng(seed)
    U, _ = np.linalg.qr(rng.standard_normal((m, m)))
    V, _ = np.linalg.qr(rng.standard_normal((n, n)))
    return (U[:, :r] * np.geomspace(1, smallest, r)) @ V[:, :r].T if r else np.zeros((m, n))


@st.composite
def rank_r_matrices(draw):
    m, n = draw(st.integers(1, 8)), draw(st.integers(1, 8))
    r = draw(st.integers(0, min(m, n)))
    return with_rank(m, n, r, draw(st.integers(0, 2**31))), r


# ------------------------------------------------------------------ null_space


@pytest.mark.parametrize("case", NONEMPTY, ids=zoo.ids)
def test_null_space_matches_scipy_on_zoo(case):
    """null_space(A) spans the same subspace as scipy.linalg.null_space(A): equal projectors, same dimension."""
    A = case.A
    N, N_scipy = null_space(A), scipy.linalg.null_space(A)
    assert N.shape == N_scipy.shape == (A.shape[1], A.shape[1] - np.linalg.matrix_rank(A))
    assert close_projectors(proj(N), proj(N_scipy), A)
    assert N.dtype == A.dtype


@pytest.mark.parametrize("case", NONEMPTY, ids=zoo.ids)
def test_null_space_is_orthonormal_and_annihilated(case):
    """N^T N = I and ||A N||_2 <= the cut-off max(m, n) eps ||A||_2 (relative to A, not an absolute 1e-10)."""
    A = case.A
    N = null_space(A).astype(np.float64)
    assert np.allclose(N.T @ N, np.eye(N.shape[1]), atol=10 * max(A.shape) * eps_of(A))
    if N.shape[1]:
        assert np.linalg.norm(A.astype(np.float64) @ N, 2) <= 10 * rounding(A)


def test_null_space_by_hand():
    """[[1, 2, 0, 1], [0, 0, 1, 1], [1, 2, 1, 2]] has the null space spanned by (-2, 1, 0, 0) and (-1, 0, -1, 1)."""
    A = np.array([[1.0, 2.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 2.0, 1.0, 2.0]])
    B = np.array([[-2.0, 1.0, 0.0, 0.0], [-1.0, 0.0, -1.0, 1.0]]).T  # a basis by elimination
    Q, _ = np.linalg.qr(B)
    assert np.allclose(proj(null_space(A)), proj(Q), atol=1e-14)


def test_null_space_of_full_column_rank_is_empty():
    """A tall matrix of full column rank has only x = 0 in its null space: shape (n, 0)."""
    A = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    assert null_space(A).shape == (2, 0)


def test_null_space_of_zero_matrix_is_everything():
    """The zero m x n matrix sends every x to 0: its null space is all of R^n (an orthonormal basis of it)."""
    N = null_space(np.zeros((2, 3)))
    assert N.shape == (3, 3) and np.allclose(N.T @ N, np.eye(3))


def test_null_space_of_wide_full_row_rank_is_not_lost():
    """A 2 x 5 matrix of rank 2 has a 3-dimensional null space (the thin SVD would lose all of it)."""
    A = np.arange(10.0).reshape(2, 5) ** 2
    N = null_space(A)
    assert N.shape == (5, 3)
    assert np.linalg.norm(A @ N) <= 10 * rounding(A)


@pytest.mark.parametrize("scale", [1e-6, 1.0, 1e6])
def test_null_space_scale_invariant(scale):
    """Scaling A by 1e-6 or 1e6 leaves its null space unchanged: the cut-off is relative to sigma_max."""
    A = by_name("wide-rank2-4x7").A
    assert null_space(scale * A).shape == null_space(A).shape == (7, 5)
    assert np.allclose(proj(null_space(scale * A)), proj(null_space(A)), atol=1e-12)


def test_null_space_float32_uses_float32_eps():
    """A rank-1 float32 matrix: rounding leaves sigma_2 ~ 1e-7 sigma_1, far above float64's eps, yet the null space is 2-D."""
    rng = np.random.default_rng(3)
    A = np.outer(rng.standard_normal(4), rng.standard_normal(3)).astype(np.float32)
    A = (A * np.float32(1.1)) / np.float32(1.1)  # some float32 rounding
    s = np.linalg.svd(A, compute_uv=False)
    N = null_space(A)
    assert N.dtype == np.float32 and N.shape == (3, 2)
    assert s[1] <= 4 * np.finfo(np.float32).eps * s[0]


def test_null_space_rtol_matches_scipy_rcond():
    """An explicit rtol cuts like SciPy's rcond: on singular values 1, 1e-2, 1e-5, 1e-9 rtol=1e-4 leaves a 2-D null space."""
    case = by_name("near-dependent-10x4")
    A = case.A
    assert null_space(A).shape == (4, 0)
    for rtol, dim in [(1e-4, 2), (1e-6, 1), (1e-10, 0), (0.5, 3), (1.0, 4)]:
        N = null_space(A, rtol=rtol)
        assert N.shape == (4, dim)
        assert np.allclose(proj(N), proj(scipy.linalg.null_space(A, rcond=rtol)), atol=1e-8)


def test_null_space_rtol_zero_counts_rounding_as_rank():
    """rtol=0 is the exact-zero test: [[1,2,3],[4,5,6],[7,8,9]] then looks invertible (sigma_3 ~ 1e-16 > 0)."""
    A = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])
    assert 0 < np.linalg.svd(A, compute_uv=False)[-1] < 1e-14
    assert null_space(A).shape == (3, 1)
    assert null_space(A, rtol=0).shape == (3, 0)


def test_null_space_signs_reproducible():
    """Each null-space column's largest entry (in size) is positive."""
    A = by_name("wide-rank2-4x7").A
    N = null_space(A)
    i = np.argmax(np.abs(N), axis=0)
    assert np.all(N[i, np.arange(N.shape[1])] > 0)


# ------------------------------------------------------------------ fundamental_subspaces


@pytest.mark.parametrize("case", NONEMPTY, ids=zoo.ids)
def test_fundamental_subspaces_on_zoo(case):
    """Dimensions r, n-r, r, m-r; orthonormal bases; complements: [col | left null] and [row | null] are orthogonal."""
    A = case.A
    m, n = A.shape
    S = fundamental_subspaces(A)
    r = S.rank
    assert isinstance(S, FundamentalSubspaces) and isinstance(r, int)
    assert r == numerical_rank(A) == np.linalg.matrix_rank(A)
    assert S.dimensions == (r, n - r, r, m - r)
    assert S.column_space.shape == (m, r) and S.null_space.shape == (n, n - r)
    assert S.row_space.shape == (n, r) and S.left_null_space.shape == (m, m - r)
    tol = 20 * max(m, n) * eps_of(A)
    W = np.hstack([S.column_space, S.left_null_space]).astype(np.float64)  # (m, m)
    V = np.hstack([S.row_space, S.null_space]).astype(np.float64)  # (n, n)
    assert np.allclose(W.T @ W, np.eye(m), atol=tol) and np.allclose(V.T @ V, np.eye(n), atol=tol)
    assert all(B.dtype == A.dtype for B in S[:4])


@pytest.mark.parametrize("case", NONEMPTY, ids=zoo.ids)
def test_fundamental_subspaces_match_scipy(case):
    """Column space = scipy.linalg.orth(A), row space = orth(A.T), null spaces = scipy.linalg.null_space of A and A.T."""
    A = case.A
    S = fundamental_subspaces(A)
    assert close_projectors(proj(S.column_space), proj(scipy.linalg.orth(A)), A)
    assert close_projectors(proj(S.row_space), proj(scipy.linalg.orth(A.T)), A)
    assert close_projectors(proj(S.null_space), proj(scipy.linalg.null_space(A)), A)
    assert close_projectors(proj(S.left_null_space), proj(scipy.linalg.null_space(A.T)), A)


@pytest.mark.parametrize("case", NONEMPTY, ids=zoo.ids)
def test_pairs_of_singular_vectors(case):
    """A @ row_space = column_space * sigma and A^T @ left_null_space = 0, relative to ||A||."""
    A = case.A.astype(np.float64)
    S = fundamental_subspaces(case.A)
    s = np.linalg.svd(A, compute_uv=False)[: S.rank]
    assert np.allclose(A @ S.row_space, S.column_space * s, atol=10 * rounding(case.A))
    assert np.allclose(A.T @ S.left_null_space, 0, atol=10 * rounding(case.A))
    assert np.allclose(A @ S.null_space, 0, atol=10 * rounding(case.A))


def test_four_subspaces_by_hand():
    """The 3 x 4 rank-2 example: column space spanned by (1,0,1), (0,1,1); left null space by (1, 1, -1)."""
    A = np.array([[1.0, 2.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 2.0, 1.0, 2.0]])
    S = fundamental_subspaces(A)
    assert S.rank == 2 and S.dimensions == (2, 2, 2, 1)
    col, _ = np.linalg.qr(np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]]).T)
    row, _ = np.linalg.qr(A[:2].T)
    y = np.array([1.0, 1.0, -1.0]) / np.sqrt(3)
    assert np.allclose(proj(S.column_space), proj(col), atol=1e-14)
    assert np.allclose(proj(S.row_space), proj(row), atol=1e-14)
    assert np.allclose(proj(S.left_null_space), np.outer(y, y), atol=1e-14)


def test_non_square_keeps_the_two_null_spaces_apart():
    """For a 2 x 5 rank-1 matrix the null space lives in R^5 (dim 4), the left null space in R^2 (dim 1)."""
    A = np.outer([1.0, 2.0], [1.0, 0.0, -1.0, 2.0, 3.0])
    S = fundamental_subspaces(A)
    assert S.null_space.shape == (5, 4) and S.left_null_space.shape == (2, 1)
    assert np.allclose(proj(S.left_null_space), np.outer([2.0, -1.0], [2.0, -1.0]) / 5, atol=1e-14)


def test_zero_matrix():
    """Rank 0: the column and row spaces are {0} (no columns), the null spaces are the whole of R^n and R^m."""
    S = fundamental_subspaces(np.zeros((3, 2)))
    assert S.rank == 0 and S.dimensions == (0, 2, 0, 3)
    assert np.allclose(proj(S.null_space), np.eye(2)) and np.allclose(proj(S.left_null_space), np.eye(3))


def test_one_by_one():
    """[[5]] has rank 1; [[0]] has rank 0 (its null space is the whole line)."""
    assert fundamental_subspaces([[5.0]]).dimensions == (1, 0, 1, 0)
    assert fundamental_subspaces([[0.0]]).dimensions == (0, 1, 0, 1)


def test_column_space_sign_convention_is_shared_with_orthonormal_basis():
    """Each column-space vector's largest entry is positive, as in orthonormal_basis; the row-space partner flips with it."""
    from la4ml.spaces import orthonormal_basis

    A = by_name("tall-rank2-6x4").A
    S = fundamental_subspaces(A)
    assert np.allclose(S.column_space, orthonormal_basis(A))
    i = np.argmax(np.abs(S.column_space), axis=0)
    assert np.all(S.column_space[i, np.arange(S.rank)] > 0)


def test_rtol_is_passed_through():
    """fundamental_subspaces(A, rtol) splits at the same rank as null_space(A, rtol)."""
    case = by_name("near-dependent-10x4")
    S = fundamental_subspaces(case.A, rtol=1e-4)
    assert S.dimensions == (2, 2, 2, 8)


@SETTINGS
@given(rank_r_matrices())
@example((np.zeros((1, 1)), 0))
@example((with_rank(1, 8, 1, 0), 1))
def test_property_dimensions_and_orthogonality(Ar):
    """On random rank-r matrices: the rank is r, dims add up (r + (n-r) = n, r + (m-r) = m), complements are orthogonal."""
    A, r = Ar
    m, n = A.shape
    S = fundamental_subspaces(A)
    assert S.rank == r and S.dimensions == (r, n - r, r, m - r)
    assert np.allclose(S.null_space.T @ S.row_space, 0, atol=1e-13)
    assert np.allclose(S.left_null_space.T @ S.column_space, 0, atol=1e-13)
    assert np.allclose(proj(S.row_space) + proj(S.null_space), np.eye(n), atol=1e-13)
    assert np.allclose(proj(S.column_space) + proj(S.left_null_space), np.eye(m), atol=1e-13)


def test_does_not_modify_input():
    """The caller's matrix is left untouched."""
    A = by_name("wide-rank2-4x7").A.copy()
    before = A.copy()
    fundamental_subspaces(A), null_space(A), pinv(A)
    assert np.array_equal(A, before)


# ------------------------------------------------------------------ pinv


@pytest.mark.parametrize("case", NONEMPTY, ids=zoo.ids)
def test_pinv_matches_numpy_and_scipy_on_zoo(case):
    """pinv(A) == np.linalg.pinv(A, rtol=None) == scipy.linalg.pinv(A), relative to ||A^+||."""
    A = case.A
    P = pinv(A)
    assert P.shape == A.shape[::-1] and P.dtype == A.dtype
    scale = max(float(np.abs(P).max()), 1.0)
    tol = 1e3 * max(A.shape) * eps_of(A) * cond_of_cut(A) * scale
    assert np.allclose(P, np.linalg.pinv(A, rtol=None), rtol=0, atol=tol)
    assert np.allclose(P, scipy.linalg.pinv(A), rtol=0, atol=tol)


def check_penrose(A, P, tol):
    AP, PA = A @ P, P @ A
    assert np.allclose(A @ P @ A, A, atol=tol * np.abs(A).max())
    assert np.allclose(P @ A @ P, P, atol=tol * max(np.abs(P).max(), 1e-300))
    assert np.allclose(AP, AP.T, atol=tol) and np.allclose(PA, PA.T, atol=tol)


@SETTINGS
@given(rank_r_matrices(), st.sampled_from([1e-6, 1.0, 1e6]))
@example((with_rank(3, 5, 2, 0), 2), 1e6)
@example((np.zeros((2, 4)), 0), 1.0)
def test_property_penrose_conditions(Ar, scale):
    """The four Penrose conditions hold on random rank-deficient matrices, at scales 1e-6, 1 and 1e6."""
    A, r = Ar
    A = scale * A
    P = pinv(A)
    check_penrose(A, P, 1e-9)  # sigma ratios are at most 1e3 here, so 1e3 * 1e3 * n eps < 1e-9
    assert np.allclose(P, np.linalg.pinv(A, rtol=None), atol=1e-9 * max(np.abs(P).max(), 1e-300))


@pytest.mark.parametrize("case", NONEMPTY, ids=zoo.ids)
def test_pinv_projectors(case):
    """A A^+ projects onto the column space, A^+ A onto the row space."""
    A = case.A.astype(np.float64)
    S = fundamental_subspaces(A)
    P = pinv(A)
    tol = 1e3 * max(A.shape) * eps_of(A) * cond_of_cut(A)
    assert np.allclose(A @ P, proj(S.column_space), atol=tol)
    assert np.allclose(P @ A, proj(S.row_space), atol=tol)


def test_pinv_of_invertible_is_inverse():
    """For an invertible A, A^+ = A^-1."""
    A = by_name("nonsymmetric-4").A
    assert np.allclose(pinv(A), np.linalg.inv(A), rtol=1e-12, atol=1e-13)


def test_pinv_minimum_norm_solution():
    """A^+ b solves x1 + x2 = 2 with the smallest norm, (1, 1); np.linalg.lstsq returns the same x."""
    A, b = np.array([[1.0, 1.0]]), np.array([2.0])
    x = pinv(A) @ b
    assert np.allclose(x, [1.0, 1.0])
    assert np.allclose(x, np.linalg.lstsq(A, b, rcond=None)[0])
    # any other solution (2, 0) + t (1, -1) is longer
    assert np.linalg.norm([2.0, 0.0]) > np.linalg.norm(x)


@SETTINGS
@given(rank_r_matrices(), st.integers(0, 2**31))
def test_property_minimum_norm_least_squares(Ar, seed):
    """A^+ b equals lstsq's minimum-norm least-squares solution, has no null-space part, and its residual is in N(A^T)."""
    A, r = Ar
    m, n = A.shape
    b = np.random.default_rng(seed).standard_normal(m)
    x = pinv(A) @ b
    assert np.allclose(x, np.linalg.lstsq(A, b, rcond=None)[0], atol=1e-10)
    S = fundamental_subspaces(A)
    assert np.allclose(S.null_space.T @ x, 0, atol=1e-10)
    assert np.allclose(A.T @ (b - A @ x), 0, atol=1e-12)


def test_pinv_default_is_numpy2_rtol_none_not_the_bare_call():
    """A singular value of 1.2e-15 sigma_max (6 x 3) lies between NumPy's bare 1e-15 and max(m, n) eps = 1.3e-15:
    pinv and np.linalg.pinv(A, rtol=None) cut it, np.linalg.pinv(A) inverts it."""
    m, n = 6, 3
    eps = np.finfo(np.float64).eps
    sigma = 0.9 * max(m, n) * eps  # 1.2e-15 > 1e-15
    assert 1e-15 < sigma < max(m, n) * eps
    U, _ = np.linalg.qr(np.random.default_rng(0).standard_normal((m, n)))
    V, _ = np.linalg.qr(np.random.default_rng(1).standard_normal((n, n)))
    A = U @ np.diag([1.0, 0.5, sigma]) @ V.T
    s = np.linalg.svd(A, compute_uv=False)
    if not (1e-15 < s[-1] <= max(m, n) * eps):  # the computed sigma_3 must land in the gap for the test to mean anything
        pytest.skip(f"computed sigma_3 = {s[-1]:.3g} left the gap")
    assert np.abs(pinv(A)).max() < 10
    assert np.allclose(pinv(A), np.linalg.pinv(A, rtol=None))
    assert np.abs(np.linalg.pinv(A)).max() > 1e14


def test_pinv_does_not_invert_rounding_noise():
    """[[1,2,3],[4,5,6],[7,8,9]]: with the cut-off, ||A^+|| stays ~ 1/sigma_2; with rtol=0 it explodes to ~1/sigma_3 ~ 1e15."""
    A = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])
    s = np.linalg.svd(A, compute_uv=False)
    assert np.isclose(np.linalg.norm(pinv(A), 2), 1 / s[1])
    assert np.linalg.norm(pinv(A, rtol=0), 2) > 1e14


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_pinv_scales_inversely(scale):
    """pinv(c A) = pinv(A) / c for c = 1e-6 and 1e6 (the same singular values are cut at every scale)."""
    A = by_name("tall-rank2-6x4").A
    assert np.allclose(pinv(scale * A), pinv(A) / scale, rtol=1e-12, atol=1e-12 * np.abs(pinv(A)).max() / scale)


def test_pinv_rtol_matches_numpy():
    """pinv(A, rtol) == np.linalg.pinv(A, rtol=rtol) for a cut between the singular values 1e-2 and 1e-5."""
    case = by_name("near-dependent-10x4")
    for rtol in (1e-4, 1e-7, 0.0):
        assert np.allclose(pinv(case.A, rtol=rtol), np.linalg.pinv(case.A, rtol=rtol), rtol=1e-7, atol=1e-6)


def test_pinv_zero_matrix():
    """The pseudo-inverse of the m x n zero matrix is the n x m zero matrix."""
    P = pinv(np.zeros((2, 3)))
    assert P.shape == (3, 2) and np.array_equal(P, np.zeros((3, 2)))


def test_pinv_float32():
    """float32 in, float32 out, with float32's eps in the cut-off (as NumPy with rtol=None)."""
    case = by_name("float32-spd-3")
    P = pinv(case.A)
    assert P.dtype == np.float32
    assert np.allclose(P, np.linalg.pinv(case.A, rtol=None), rtol=1e-5, atol=1e-6)


# ------------------------------------------------------------------ bad input


FUNCTIONS = [null_space, fundamental_subspaces, pinv]


@pytest.mark.parametrize("case", zoo.BAD_INPUTS, ids=zoo.ids)
@pytest.mark.parametrize("f", FUNCTIONS, ids=lambda f: f.__name__)
def test_rejects_bad_inputs(case, f):
    """Every zoo bad input raises its expected type, naming A."""
    _, bad, exc = case
    with pytest.raises(exc, match=r"\bA\b"):
        f(bad)


@pytest.mark.parametrize("rtol, exc", [(-1e-3, OutOfRangeError), ("small", DTypeError), (np.nan, DTypeError),
                                       (np.inf, DTypeError), (True, DTypeError), ([1e-3], DTypeError)])
@pytest.mark.parametrize("f", FUNCTIONS, ids=lambda f: f.__name__)
def test_rejects_bad_rtol(rtol, exc, f):
    """rtol must be None or a finite real >= 0; the message names rtol and says what it means."""
    with pytest.raises(exc, match=r"^rtol must be .*largest singular value"):
        f(np.eye(2), rtol=rtol)


def test_errors_are_standard_exceptions():
    """The errors subclass ValueError / TypeError, so existing except clauses keep working."""
    with pytest.raises(ValueError):
        pinv(np.eye(2), rtol=-1.0)
    with pytest.raises(TypeError):
        pinv(np.eye(2), rtol="1e-3")


def test_accepts_lists_and_integers():
    """Nested lists of ints are accepted and computed in float64."""
    N = null_space([[1, 1], [2, 2]])
    assert N.dtype == np.float64 and N.shape == (2, 1)
    assert np.allclose(np.abs(N.ravel()), [np.sqrt(0.5)] * 2)
