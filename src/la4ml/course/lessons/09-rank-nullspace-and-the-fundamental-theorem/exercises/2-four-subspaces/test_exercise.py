"""Hidden tests of exercise 9.2 — four_subspaces(A, rtol=None): orthonormal bases of the four subspaces from the SVD."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show

EPS = np.finfo(float).eps
WORKED = np.array([[1.0, 2.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 2.0, 1.0, 2.0]])  # rank 2, 3 x 4
SQUARE_RANK2 = np.array([[1.0, 2.0, 0.0], [0.0, 1.0, 1.0], [1.0, 3.0, 1.0]])  # the lesson's figure matrix B
SINGULAR_3 = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])
NAMES = ("column_space", "null_space", "row_space", "left_null_space")


def _with_singular_values(m, n, s, seed=0):
    rng = np.random.default_rng(seed)
    U, _ = np.linalg.qr(rng.standard_normal((m, len(s))))
    V, _ = np.linalg.qr(rng.standard_normal((n, len(s))))
    return U @ np.diag(s) @ V.T


def _reference(A, rtol=None):
    m, n = A.shape
    U, s, Vh = np.linalg.svd(A, full_matrices=True)
    cut = (max(m, n) * EPS if rtol is None else rtol) * s.max()
    r = int(np.count_nonzero(s > cut))
    return (U[:, :r], Vh[r:].T, Vh[:r].T, U[:, r:]), r, s, cut


def _proj(Q):
    return Q @ Q.T


def _as_bases(got):
    if isinstance(got, list):
        got = tuple(got)
    if not isinstance(got, tuple) or len(got) != 4:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple of four arrays "
             "(column_space, null_space, row_space, left_null_space).")
    out = []
    for name, B in zip(NAMES, got):
        try:
            B = np.asarray(B, dtype=float)
        except (TypeError, ValueError):
            fail(f"Called {last_call()}; {name} is {show(B)}, which is not an array of numbers.")
        if B.ndim != 2:
            fail(f"Called {last_call()}; {name} has shape {B.shape}; expected a 2-D array whose COLUMNS are the basis "
                 "vectors (an empty basis is an array of shape (length, 0), e.g. U[:, r:] when r = m).")
        out.append(B)
    return out


def _shape_mistake(A, bases, r, s, cut, default_rtol=True):
    m, n = A.shape
    col, null, row, left = bases
    want = [(m, r), (n, n - r), (n, r), (m, m - r)]
    if [B.shape for B in bases] == want:
        return None
    if col.shape[0] == m and row.shape[0] == n and col.shape[1] == row.shape[1] != r:
        r_got = col.shape[1]
        svals = np.array2string(s, formatter={"float_kind": "{:.3g}".format}, max_line_width=10_000)
        why = ""
        if r_got == int(np.count_nonzero(s >= cut)):
            why = (" A singular value equal to the cut-off must not count (s > cutoff, not s >= cutoff): the zero "
                   "matrix has cut-off 0 and rank 0.")
        elif r_got == int(np.count_nonzero(s > 0)) and r_got == int(np.count_nonzero(s > cut / s.max())):
            why = (" Either you counted every singular value > 0 (rounding leaves the 'zero' ones at ~1e-16 · σ_max), "
                   "or your cut-off does not scale with σ_max (use rtol · s.max(), not rtol).")
        elif r_got == int(np.count_nonzero(s > 0)):
            why = " You counted every singular value > 0: rounding leaves the 'zero' ones at ~1e-16 · σ_max."
        elif r_got == int(np.count_nonzero(s > cut / s.max())):
            why = " Your cut-off does not scale with σ_max: use rtol · s.max(), not rtol."
        elif r_got > r:
            why = " Your cut-off is too small or does not scale with σ_max."
        else:
            why = " Your cut-off is too large, or does not scale with σ_max."
        return (f"your bases have rank {r_got}; expected r = {r}: the singular values are {svals} and the cut-off "
                f"rtol · σ_max = {cut:.3g}" + (" (default rtol = max(m, n) · eps)" if default_rtol else "") + f".{why}")
    if (null.shape, left.shape) == ((m, m - r), (n, n - r)) and m != n:
        return (f"null_space has shape {null.shape} and left_null_space {left.shape}: they are swapped. A is {m} × {n}: "
                f"the null space {{x : Ax = 0}} lives in the input space R^{n} (last rows of Vh), the left null space "
                f"{{y : Aᵀy = 0}} in R^{m} (last columns of U)")
    if null.shape == (m, m - r) and m != n:
        return (f"null_space has shape {null.shape}: vectors of length {m} cannot satisfy Ax = 0 for a {m} × {n} A. You "
                f"took them from U (those are the left null space); the null space is the last n - r ROWS of Vh, "
                f"transposed: shape ({n}, {n - r})")
    for name, B, w in zip(NAMES, bases, want):
        if B.shape == w[::-1] and w[0] != w[1]:
            return (f"{name} has shape {B.shape}; expected {w}: the basis vectors must be the COLUMNS. The rows of "
                    "Vh are the right singular vectors, so the row space is Vh[:r].T and the null space Vh[r:].T")
    k = min(m, n)
    if n > m and null.shape == (n, k - r):
        return (f"null_space has {null.shape[1]} columns; expected n - r = {n - r}. With full_matrices=False, Vh of a "
                f"wide {m} × {n} matrix has only {k} rows, and the null space loses {n - k} of its directions: use "
                "np.linalg.svd(A, full_matrices=True)")
    if m > n and left.shape == (m, k - r):
        return (f"left_null_space has {left.shape[1]} columns; expected m - r = {m - r}. With full_matrices=False, U "
                f"of a tall {m} × {n} matrix has only {k} columns and the left null space loses {m - k} of its "
                "directions: use np.linalg.svd(A, full_matrices=True)")
    bad = [f"{name} {B.shape} (expected {w})" for name, B, w in zip(NAMES, bases, want) if B.shape != w]
    return f"wrong shapes: {', '.join(bad)}; r = {r} for this {m} × {n} matrix"


def _check(submission, A, because, rtol="default"):
    A = np.array(A, dtype=float)
    f = function(submission, "four_subspaces")
    got = call(f, A) if rtol == "default" else call(f, A, rtol=rtol)
    desc = last_call()
    ref, r, s, cut = _reference(A, None if rtol == "default" else rtol)
    # Two correct SVDs may differ by rounding divided by the gap at the split (Wedin's theorem): the subspaces
    # are compared to that accuracy, never tighter than 1e-8.
    if 0 < r:
        gap = (s[r - 1] - (s[r] if r < len(s) else 0.0)) / s[0]
        tol = max(1e-8, 100 * max(A.shape) * EPS / gap)
    else:
        tol = 1e-8
    bases = _as_bases(got)
    mistake = _shape_mistake(A, bases, r, s, cut, default_rtol=rtol in ("default", None))
    if mistake:
        fail(f"Called {desc}; {mistake.rstrip('.')}. ({because}.)")
    norm_A = max(np.linalg.norm(A, 2), np.finfo(float).tiny)
    for name, B in zip(NAMES, bases):
        k = B.shape[1]
        if k and not np.allclose(B.T @ B, np.eye(k), atol=tol):
            fail(f"Called {desc}; the columns of {name} are not orthonormal: {name}.T @ {name} differs from the identity "
                 f"by {np.abs(B.T @ B - np.eye(k)).max():.2e}. Take the columns of U and the rows of Vh as they are (the "
                 "SVD's singular vectors have length 1 and are perpendicular).")
    col, null, row, left = bases
    checks = [
        ("null_space", null, lambda: np.linalg.norm(null - _proj(ref[1]) @ null, 2),
         f"A @ null_space must be 0 (up to the cut-off), but it has norm {np.linalg.norm(A @ null, 2):.2e} (‖A‖ = "
         f"{norm_A:.3g}): the null space is the last n - r ROWS of Vh, transposed (Vh[r:].T); Vh[:, r:] is a block of "
         "columns of Vᵀ, which mixes the coordinates of every singular vector"),
        ("left_null_space", left, lambda: np.linalg.norm(left - _proj(ref[3]) @ left, 2),
         f"Aᵀ @ left_null_space must be 0 (up to the cut-off), but it has norm {np.linalg.norm(A.T @ left, 2):.2e}: "
         "the left null space is the last m - r columns of U"),
        ("column_space", col, lambda: np.linalg.norm(col - _proj(ref[0]) @ col, 2),
         "the column space is spanned by the first r columns of U (the left singular vectors)"),
        ("row_space", row, lambda: np.linalg.norm(row - _proj(ref[2]) @ row, 2),
         "the row space is spanned by the first r ROWS of Vh, transposed (Vh[:r].T)"),
    ]
    for name, B, residual, hint in checks:
        if B.shape[1] and residual() > tol:
            extra = ""
            if name == "null_space" and m_eq_n(A) and np.linalg.norm(A.T @ null, 2) / norm_A <= tol:
                extra = (" Your null_space satisfies Aᵀy = 0 instead: that is the LEFT null space, from U. The null "
                         "space comes from Vh.")
            if name == "row_space" and m_eq_n(A) and np.allclose(_proj(row), _proj(ref[0]), atol=tol):
                extra = " Your row_space is the column space (from U); the row space comes from Vh."
            if name == "column_space" and m_eq_n(A) and np.allclose(_proj(col), _proj(ref[2]), atol=tol):
                extra = " Your column_space is the row space (from Vh); the column space comes from U."
            fail(f"Called {desc}; {name} spans the wrong subspace (off by {residual():.2e}): {hint}.{extra}")


def m_eq_n(A):
    return A.shape[0] == A.shape[1]


def test_worked_example(submission):
    """the lesson's 3 × 4 matrix: bases of shapes (3, 2), (4, 2), (4, 2), (3, 1) spanning the right subspaces"""
    _check(submission, WORKED, "A is 3 × 4 of rank 2")


def test_wide_rank_one(submission):
    """a 2 × 5 matrix of rank 1: its null space has dimension 4 (the thin SVD would keep only 1)"""
    A = np.outer([1.0, -2.0], [1.0, 0.0, 3.0, -1.0, 2.0])
    _check(submission, A, "a rank-1 2 × 5 matrix has a 4-dimensional null space in R^5 and a 1-dimensional left null "
           "space in R^2")


def test_tall_rank_two(submission):
    """a 6 × 3 matrix of rank 2: its left null space has dimension 4 (the thin SVD would keep only 1)"""
    A = _with_singular_values(6, 3, [3.0, 1.0], seed=2)
    _check(submission, A, "a rank-2 6 × 3 matrix has a 1-dimensional null space in R^3 and a 4-dimensional left null "
           "space in R^6")


def test_square_nonsymmetric(submission):
    """the lesson's 3 × 3 matrix B = [[1, 2, 0], [0, 1, 1], [1, 3, 1]]: N(B) is the line through (-2, 1, -1), N(Bᵀ) through (1, 1, -1)"""
    _check(submission, SQUARE_RANK2, "B has rank 2 and is not symmetric, so its null space and left null space are "
           "different lines")


def test_full_rank_square(submission):
    """an invertible 3 × 3 matrix: column and row spaces are all of R^3, both null spaces are empty (shape (3, 0))"""
    A = np.array([[2.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 4.0]]) + np.array([[0.0, 0.5, 0.0]] * 3)
    _check(submission, A, "A is invertible (rank 3)")


def test_zero_matrix(submission):
    """the 2 × 3 zero matrix: column and row spaces are empty (r = 0), the null spaces are all of R^3 and R^2"""
    _check(submission, np.zeros((2, 3)), "the zero matrix has rank 0: its cut-off is 0 and no singular value exceeds it")


def test_not_exact_zero(submission):
    """[[1, 2, 3], [4, 5, 6], [7, 8, 9]] has a 1-dimensional null space although σ_3 is not exactly 0"""
    _check(submission, SINGULAR_3, "σ_3 ≈ 1e-16 is rounding noise below the cut-off: r = 2")


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_scale(submission, scale):
    """the lesson's 3 × 4 matrix times 1e-6 and times 1e6 has the same four subspaces"""
    _check(submission, scale * WORKED, f"multiplying A by {scale:g} does not change any of its subspaces")


def test_rtol(submission):
    """rtol=1e-4 on a 6 × 4 matrix with singular values 1, 1e-2, 1e-5, 1e-9 splits at rank 2 (at scale 1e3 too)"""
    A = _with_singular_values(6, 4, [1.0, 1e-2, 1e-5, 1e-9], seed=4)
    _check(submission, A, "two singular values are above 1e-4 · σ_max", rtol=1e-4)
    _check(submission, 1e3 * A, "two singular values are above 1e-4 · σ_max", rtol=1e-4)


@pytest.mark.parametrize("shape", [(2, 50), (50, 2)], ids=["wide-2x50", "tall-50x2"])
def test_default_cutoff_uses_max_of_m_and_n(submission, shape):
    """default cut-off max(m, n)·eps·σ_max on 2 × 50 and 50 × 2: σ_2 = 10·eps·σ_max is below it, 150·eps·σ_max above"""
    for sigma, r in [(10 * EPS, 1), (150 * EPS, 2)]:
        A = _with_singular_values(2, 50, [1.0, sigma], seed=5)
        A = A if shape == (2, 50) else A.T
        assert _reference(A)[1] == r
        _check(submission, A, f"σ_2 = {sigma:.2g} is {'below' if r == 1 else 'above'} the default cut-off "
               f"max(2, 50) · eps · σ_max = {50 * EPS:.2g}, so r = {r}")


def test_rtol_zero_is_honoured(submission):
    """rtol=0 (an unwise but legal choice) counts every positive singular value: [[1,2,3],[4,5,6],[7,8,9]] then has rank 3"""
    if not np.linalg.svd(SINGULAR_3, compute_uv=False)[-1] > 0:
        pytest.skip("σ_3 came out exactly 0 here")
    _check(submission, SINGULAR_3, "with rtol=0 the cut-off is 0 and σ_3 ≈ 1e-16 counts (test `rtol is None`, not "
           "`not rtol`: 0 is falsy)", rtol=0.0)


def test_from_scratch(submission):
    """builds the bases from the SVD itself: still works when scipy.linalg.null_space and orth are unavailable"""
    f = function(submission, "four_subspaces")
    with blocked("scipy.linalg.null_space", "scipy.linalg.orth", "la4ml.spaces.null_space",
                 "la4ml.spaces.fundamental_subspaces", "la4ml.spaces.orthonormal_basis",
                 reason="slice the bases out of U and Vh yourself"):
        try:
            got = call(f, WORKED.copy())
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks you to build the four bases from np.linalg.svd yourself; use "
                     "scipy.linalg.null_space only afterwards, to compare.")
            raise
    _as_bases(got)


@st.composite
def rank_r(draw):
    m, n = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    r = draw(st.integers(0, min(m, n)))
    s = np.geomspace(1.0, 1e-2, r)
    A = _with_singular_values(m, n, s, seed=draw(st.integers(0, 2**20))) if r else np.zeros((m, n))
    return A


@settings(max_examples=30, deadline=None)
@given(A=rank_r())
@example(A=np.zeros((1, 1)))
@example(A=np.ones((1, 4)))
def test_property_random(submission, A):
    """random m × n matrices of every rank (m, n from 1 to 6): right shapes, orthonormal, right subspaces"""
    _check(submission, A, f"A is {A.shape[0]} × {A.shape[1]} of rank {np.linalg.matrix_rank(A)}")
