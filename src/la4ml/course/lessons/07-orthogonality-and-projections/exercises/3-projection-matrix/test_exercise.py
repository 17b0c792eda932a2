"""Hidden tests of exercise 7.3 — projection_matrix(A, tol=1e-10): P = Q Qᵀ onto the column space, any rank."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show

EPS = np.finfo(np.float64).eps
PLANE = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 1.0, 2.0]])  # column 2 = column 0 + column 1


def _reference(A, tol=1e-10):
    U, s, _ = np.linalg.svd(A, full_matrices=False)
    Q = U[:, s > tol * s[0]] if s.size and s[0] > 0 else U[:, :0]
    return Q @ Q.T


def _diagnose(A, P, tol):
    """Name the mistake a wrong P matches, or None."""
    m, n = A.shape
    same = lambda X: X.shape == P.shape and np.allclose(P, X, atol=1e-8)  # noqa: E731
    with np.errstate(all="ignore"):
        if same(A @ A.T):
            return ("P = A Aᵀ projects only when the columns of A are orthonormal; these are not. Build an "
                    "orthonormal basis Q of the column space first (from the SVD) and return Q Qᵀ")
        U, s, Vt = np.linalg.svd(A, full_matrices=False)
        if s.size and s[0] > 0:
            Vr = Vt[s > tol * s[0]]
            if m == n and same(Vr.T @ Vr):
                return ("this is the projection onto the ROW space of A (built from Vᵀ); the column space is spanned "
                        "by the columns of U")
            if same(U @ U.T):
                return ("you kept every column of U, including those whose singular values are zero (up to rounding); "
                        f"keep only s > tol * s[0] = {tol * s[0]:.3g}")
            if same(U[:, s > tol] @ U[:, s > tol].T):
                return (f"you compared the singular values with tol itself; compare with tol * s[0] = {tol * s[0]:.3g}, "
                        "relative to the largest, so that the answer does not depend on the scale of A")
    return None


def _projector(submission, A, tol=None, *, name="A"):
    f = function(submission, "projection_matrix")
    A = np.array(A, dtype=float)
    m, n = A.shape
    try:
        got = call(f, A) if tol is None else call(f, A, tol=tol)
    except Feedback as fb:
        if "LinAlgError" in str(fb) or "Singular matrix" in str(fb):
            fail(f"{fb}\nThe columns of this A are dependent (rank {np.linalg.matrix_rank(A)} < {n} columns), so AᵀA "
                 "is singular and A (AᵀA)⁻¹ Aᵀ cannot be computed, although the column space and its projector are "
                 "perfectly well defined. Build P = Q Qᵀ from an orthonormal basis Q instead.")
        raise
    try:
        P = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an {m} × {m} array.")
    if P.shape != (m, m):
        hint = ""
        if P.shape == (n, n):
            hint = (f" An {n} × {n} matrix acts on the rows' space: you projected onto the ROW space (from Vᵀ or AᵀA). "
                    f"The column space lives in R^{m}, so P is {m} × {m}, built from the columns of U.")
        fail(f"Called {last_call()}; P has shape {P.shape}; expected ({m}, {m}) for an {m} × {n} {name}.{hint}")
    if not np.all(np.isfinite(P)):
        fail(f"Called {last_call()}; P = {show(P)} contains NaN or infinity.")
    return P


def _check(submission, A, tol=None, *, why="", name="A"):
    A = np.array(A, dtype=float)
    P = _projector(submission, A, tol, name=name)
    P_true = _reference(A, 1e-10 if tol is None else tol)
    if np.allclose(P, P_true, atol=1e-8):
        return P
    mistake = _diagnose(A, P, 1e-10 if tol is None else tol)
    rank_true = int(round(np.trace(P_true)))
    detail = f"trace(P) = {np.trace(P):.6g} but the column space has dimension {rank_true}"
    if mistake is None:
        if not np.allclose(P, P.T, atol=1e-8):
            mistake = "a projection matrix is symmetric, and yours is not"
        elif not np.allclose(P @ P, P, atol=1e-8):
            mistake = "a projection matrix satisfies P @ P == P (projecting twice changes nothing), and yours does not"
        elif not np.isclose(np.trace(P), rank_true, atol=1e-6):
            mistake = f"{detail}: the basis has the wrong number of directions"
        else:
            mistake = "P must be Q Qᵀ for an orthonormal basis Q of the column space"
    fail(f"Called {last_call()}; returned P = {show(P)}; expected {show(P_true)}{why}, because {mistake}.")


def test_plane_with_dependent_column(submission):
    """the plane of (1, 0, 1) and (0, 1, 1), given with a dependent third column: P = [[2, -1, 1], [-1, 2, 1], [1, 1, 2]] / 3"""
    P = _check(submission, PLANE)
    b = np.array([1.0, 1.0, 0.0])
    if np.linalg.norm(PLANE.T @ (b - P @ b)) > 1e-12:
        fail(f"Called {last_call()}; the residual b - P b for b = (1, 1, 0) is not perpendicular to the columns.")


def test_independent_columns_match_textbook(submission):
    """a 5 × 3 matrix with independent columns: P = A (AᵀA)⁻¹ Aᵀ, symmetric, P² = P, trace 3"""
    A = np.random.default_rng(3).standard_normal((5, 3))
    _check(submission, A)


def test_projects_onto_columns_not_rows(submission):
    """projects onto the COLUMN space: [[1, 1], [0, 0]] gives diag(1, 0) (its row space would give [[.5, .5], [.5, .5]])"""
    _check(submission, [[1.0, 1.0], [0.0, 0.0]], why=" (the columns of A both lie along the x-axis)")


def test_tall_and_wide(submission):
    """a tall 6 × 2 matrix gives a 6 × 6 P of trace 2; a wide 2 × 5 matrix of rank 2 gives the 2 × 2 identity"""
    rng = np.random.default_rng(4)
    _check(submission, rng.standard_normal((6, 2)))
    _check(submission, rng.standard_normal((2, 5)), why=" (five columns in R^2 span all of R^2)")


def test_not_a_a_transpose(submission):
    """a matrix whose columns are not orthonormal ([[2, 0], [0, 3], [0, 0]]): P = diag(1, 1, 0), not A Aᵀ"""
    _check(submission, [[2.0, 0.0], [0.0, 3.0], [0.0, 0.0]])


def test_square_invertible_gives_identity(submission):
    """an invertible 3 × 3 matrix spans R^3: P is the identity"""
    _check(submission, [[2.0, 1.0, 0.0], [0.0, 1.0, 4.0], [1.0, 0.0, 1.0]])


def test_zero_matrix(submission):
    """A = 0 spans only {0}: P is the 3 × 3 zero matrix (no error, no NaN)"""
    P = _projector(submission, np.zeros((3, 2)))
    if not np.allclose(P, 0):
        fail(f"Called {last_call()}; returned {show(P)}; expected the zero matrix: the columns of A = 0 span only "
             "the zero vector. With s[0] = 0, no singular value is > tol * s[0].")


def test_repeated_column_rank_one(submission):
    """columns (1, 2, 2), (2, 4, 4), (0, 0, 0) span one line: P = a aᵀ / aᵀa for a = (1, 2, 2)"""
    A = np.array([[1.0, 2.0, 0.0], [2.0, 4.0, 0.0], [2.0, 4.0, 0.0]])
    _check(submission, A)


def test_relative_tolerance_at_every_scale(submission):
    """singular values (1, 1e-12)·s are rank 1 and (1, 1e-8)·s rank 2, for s = 1e-8, 1 and 1e8"""
    U = np.linalg.qr(np.random.default_rng(5).standard_normal((4, 2)))[0]
    V = np.linalg.qr(np.random.default_rng(6).standard_normal((2, 2)))[0]
    for scale in (1e-8, 1.0, 1e8):
        for small, rank in ((1e-12, 1), (1e-8, 2)):
            A = scale * U @ np.diag([1.0, small]) @ V.T
            _check(submission, A, why=f" (A has singular values {scale:g} and {scale * small:.0e}, so its rank counts "
                                      f"as {rank} with tol = 1e-10 relative to the largest)")


def test_default_tol_boundaries(submission):
    """the default tol is 1e-10: a singular value 3e-11 times the largest is dropped, one 3e-10 times it is kept"""
    U = np.linalg.qr(np.random.default_rng(7).standard_normal((3, 2)))[0]
    for small in (3e-11, 3e-10):
        _check(submission, U @ np.diag([1.0, small]),
               why=f" (singular values 1 and {small:g}; the default tol is 1e-10)")


def test_custom_tol(submission):
    """tol is used: singular values (1, 1e-6) count as rank 1 with tol=1e-4 and rank 2 with tol=1e-8"""
    U = np.linalg.qr(np.random.default_rng(8).standard_normal((4, 2)))[0]
    A = U @ np.diag([1.0, 1e-6])
    _check(submission, A, tol=1e-4)
    _check(submission, A, tol=1e-8)


def test_is_a_projector_and_residual_orthogonal(submission):
    """on a 7 × 4 matrix of rank 2: P symmetric, P @ P == P, P @ A == A and Aᵀ(b − P b) = 0"""
    rng = np.random.default_rng(9)
    A = rng.standard_normal((7, 2)) @ rng.standard_normal((2, 4))
    P = _check(submission, A)
    b = rng.standard_normal(7)
    checks = [(np.allclose(P, P.T, atol=1e-12), "P is not symmetric"),
              (np.allclose(P @ P, P, atol=1e-12), "P @ P is not P"),
              (np.allclose(P @ A, A, atol=1e-12 * np.abs(A).max()), "P @ A is not A: the columns are not kept"),
              (np.linalg.norm(A.T @ (b - P @ b)) < 1e-10 * np.linalg.norm(A) * np.linalg.norm(b),
               "the residual b − P b is not perpendicular to the columns")]
    for ok, what in checks:
        if not ok:
            fail(f"Called {last_call()}; {what}.")


def test_not_the_textbook_inverse(submission):
    """builds P from an orthonormal basis: works with np.linalg.inv, solve and pinv unavailable"""
    f = function(submission, "projection_matrix")
    with blocked("numpy.linalg.inv", "numpy.linalg.solve", "scipy.linalg.inv", "scipy.linalg.solve",
                 "numpy.linalg.pinv", "scipy.linalg.pinv", "la4ml.spaces.projection_matrix",
                 reason="build P = Q Qᵀ from an orthonormal basis"):
        try:
            got = call(f, PLANE)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks for P = Q Qᵀ with Q from the SVD, which needs no inverse and works "
                     "for dependent columns.")
            raise
    if not np.allclose(np.asarray(got, dtype=float), _reference(PLANE), atol=1e-8):
        fail(f"Called {last_call()}; returned {show(got)}; expected {show(_reference(PLANE))}.")


@st.composite
def rank_r(draw):
    m, n = draw(st.integers(1, 7)), draw(st.integers(1, 7))
    r = draw(st.integers(0, min(m, n)))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    scale = 10.0 ** draw(st.integers(-6, 6))
    return scale * rng.standard_normal((m, r)) @ rng.standard_normal((r, n))


@settings(max_examples=30, deadline=None)
@given(A=rank_r())
def test_property_random_rank(submission, A):
    """on random m × n matrices of every rank r (including 0) at scales 1e-6 … 1e6: P equals the SVD projector"""
    _check(submission, A)
