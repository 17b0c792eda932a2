"""Hidden tests of exercise 7.2 — modified_gram_schmidt(A, tol=1e-10) -> (Q, R), from scratch."""

import numpy as np
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show

EPS = np.finfo(np.float64).eps
LIBRARY = ("numpy.linalg.qr", "scipy.linalg.qr", "scipy.linalg.orth", "torch.linalg.qr",
           "la4ml.factorizations.gram_schmidt", "la4ml.spaces.orthonormal_basis")


def _lauchli(delta, n=3):
    return np.vstack([np.ones((1, n)), delta * np.eye(n)])


def _cgs(A):
    """Classical Gram–Schmidt, to recognise it in a learner's answer."""
    m, n = A.shape
    Q, R = np.zeros((m, n)), np.zeros((n, n))
    for j in range(n):
        R[:j, j] = Q[:, :j].T @ A[:, j]
        v = A[:, j] - Q[:, :j] @ R[:j, j]
        R[j, j] = np.linalg.norm(v)
        Q[:, j] = v / R[j, j]
    return Q, R


def _reference(A):
    """NumPy's Householder QR with the signs fixed so that R has a positive diagonal (then Q, R are unique)."""
    Q, R = np.linalg.qr(A)
    d = np.where(np.diag(R) < 0, -1.0, 1.0)
    return Q * d, d[:, None] * R


def _factor(submission, A, **kwargs):
    f = function(submission, "modified_gram_schmidt")
    got = call(f, np.array(A, dtype=float), **kwargs)
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (Q, R).")
    m, n = np.shape(A)
    out = []
    for x, name, shape in ((got[0], "Q", (m, n)), (got[1], "R", (n, n))):
        try:
            arr = np.asarray(x, dtype=float)
        except (TypeError, ValueError):
            fail(f"Called {last_call()}; {name} is {show(x)}, not an array of numbers.")
        if arr.shape != shape:
            hint = ""
            if name == "Q" and arr.shape == (m, m) and m != n:
                hint = " That is the full Q; return the thin one, with one column per column of A."
            elif arr.shape == shape[::-1]:
                hint = " Is it transposed?"
            fail(f"Called {last_call()}; {name} has shape {arr.shape}; expected {shape} for an {m} × {n} A.{hint}")
        if not np.all(np.isfinite(arr)):
            fail(f"Called {last_call()}; {name} = {show(arr)} contains NaN or infinity: a column of A was divided by "
                 "a zero length. These columns are independent, so every R[j, j] must be positive.")
        out.append(arr)
    return out


def _check_qr(submission, A, *, ortho_tol=None, what=""):
    """Factor A and explain the first thing wrong: shapes, triangle, sign, reconstruction, orthogonality, values."""
    A = np.array(A, dtype=float)
    m, n = A.shape
    Q, R = _factor(submission, A)
    if np.any(np.abs(np.tril(R, -1)) > 0):
        i, j = np.argwhere(np.abs(np.tril(R, -1)) > 0)[0]
        fail(f"Called {last_call()}; R[{i}, {j}] = {R[i, j]:.6g} is below the diagonal; R must be upper triangular "
             "(R[i, j] for i < j, R[j, j] on the diagonal, zeros below). Did you return R transposed?")
    if np.any(np.diag(R) <= 0):
        fail(f"Called {last_call()}; the diagonal of R is {show(np.diag(R))}; every R[j, j] is the LENGTH of what is "
             "left of column j, so it must be positive.")
    scale = np.linalg.norm(A)
    if np.linalg.norm(Q @ R - A) > 100 * max(m, n) * EPS * scale:
        fail(f"Called {last_call()}; Q @ R = {show(Q @ R)} is not A = {show(A)} "
             f"(‖QR − A‖ = {np.linalg.norm(Q @ R - A):.3g}); check that R[i, j] is the coefficient you subtracted "
             "(R[i, j] * Q[:, i]) and R[j, j] the length you divided by.")
    loss = np.linalg.norm(Q.T @ Q - np.eye(n), 2)
    kappa = np.linalg.cond(A)
    limit = ortho_tol if ortho_tol is not None else 100 * max(m, n) * kappa * EPS
    if loss > limit:
        Qc, _ = _cgs(A)
        if np.allclose(Q, Qc, rtol=1e-6, atol=1e-9) and np.linalg.norm(Qc.T @ Qc - np.eye(n), 2) > limit:
            fail(f"Called {last_call()}{what}; ‖QᵀQ − I‖ = {loss:.3g}: your Q is not orthonormal — it is exactly what "
                 "CLASSICAL Gram–Schmidt gives. You computed R[i, j] from the original column (Q[:, i] @ A[:, j]); "
                 "modified Gram–Schmidt computes it from what is left, R[i, j] = Q[:, i] @ v, and subtracts each "
                 "direction before computing the next coefficient.")
        if np.allclose(np.linalg.norm(Q, axis=0), np.linalg.norm(A, axis=0), rtol=1e-6) and n > 0:
            fail(f"Called {last_call()}; the columns of Q have lengths {show(np.linalg.norm(Q, axis=0))}; each must have "
                 "length 1: divide what is left of the column by its length, Q[:, j] = v / R[j, j].")
        fail(f"Called {last_call()}{what}; ‖QᵀQ − I‖ = {loss:.3g}, expected at most {limit:.1e} "
             f"(κ(A) = {kappa:.3g}): the columns of Q are not orthonormal. Remove from v its component along every "
             "earlier q_i (i < j), one at a time.")
    Q_ref, R_ref = _reference(A)
    tol = 100 * max(m, n) * kappa * EPS
    if np.linalg.norm(Q - Q_ref, 2) > tol or np.linalg.norm(R - R_ref, 2) > tol * np.linalg.norm(R_ref, 2):
        fail(f"Called {last_call()}; (Q, R) differ from the unique QR with a positive diagonal (np.linalg.qr with "
             f"signs fixed): got R = {show(R)}, expected {show(R_ref)}.")
    return Q, R


def _expect_raise(submission, A, column, because, **kwargs):
    f = function(submission, "modified_gram_schmidt")
    A = np.array(A, dtype=float)
    desc = f"modified_gram_schmidt(A={show(A)}{''.join(f', {k}={v!r}' for k, v in kwargs.items())})"
    try:
        with np.errstate(all="ignore"):
            got = f(A, **kwargs)
    except np.linalg.LinAlgError as err:
        if f"column {column}" not in str(err):
            fail(f"Called {desc}; it raised LinAlgError({str(err)!r}); the message must name the dependent column "
                 f"as \"column {column}\" (0-based), so the user knows which one to drop.")
        return
    except NotImplementedError:
        fail("modified_gram_schmidt raised NotImplementedError: replace the `raise NotImplementedError` line.")
    except Exception as exc:  # noqa: BLE001 - a learner's error of the wrong kind
        fail(f"Called {desc} and it raised {type(exc).__name__}: {exc}; expected np.linalg.LinAlgError naming "
             f"column {column}, because {because}.")
    fail(f"Called {desc}; returned {show(got)}; expected np.linalg.LinAlgError naming column {column}, because "
         f"{because}.")


def test_worked_example(submission):
    """[[3, 1], [4, 2]]: Q = [[0.6, -0.8], [0.8, 0.6]], R = [[5, 2.2], [0, 0.4]]"""
    Q, R = _check_qr(submission, [[3.0, 1.0], [4.0, 2.0]])
    if not np.allclose(R, [[5.0, 2.2], [0.0, 0.4]], atol=1e-12):
        fail(f"Called {last_call()}; R = {show(R)}; expected [[5, 2.2], [0, 0.4]].")


def test_tall_matrix_thin_factors(submission):
    """a random 8 × 5 matrix: Q is 8 × 5 with orthonormal columns, R is 5 × 5, QR = A, as np.linalg.qr (signs fixed)"""
    _check_qr(submission, np.random.default_rng(0).standard_normal((8, 5)))


def test_square_and_one_column(submission):
    """a random 4 × 4 matrix, and a single column (which is just normalized)"""
    _check_qr(submission, np.random.default_rng(1).standard_normal((4, 4)))
    Q, R = _check_qr(submission, [[3.0], [4.0]])
    if not np.allclose(Q.ravel(), [0.6, 0.8]):
        fail(f"Called {last_call()}; Q = {show(Q)}; expected [[0.6], [0.8]].")


def test_lauchli_modified_not_classical(submission):
    """Läuchli's matrix with δ = 1e-8 (nearly parallel columns): ‖QᵀQ − I‖ ≤ 1e-6, where classical Gram–Schmidt gives 0.5"""
    _check_qr(submission, _lauchli(1e-8), ortho_tol=1e-6, what=" (Läuchli's matrix, δ = 1e-8)")


def test_hilbert_modified_not_classical(submission):
    """the 8 × 8 Hilbert matrix (κ ≈ 1.5e10): ‖QᵀQ − I‖ ≤ 1e-4, where classical Gram–Schmidt gives about 1"""
    _check_qr(submission, scipy.linalg.hilbert(8), ortho_tol=1e-4, what=" (the 8 × 8 Hilbert matrix)")


def test_columns_of_very_different_lengths(submission):
    """columns of lengths 1e6 and 1e-5 that are already perpendicular: Q = I, R = diag(1e6, 1e-5), no error"""
    A = np.array([[1e6, 0.0], [0.0, 1e-5]])
    try:
        Q, R = _check_qr(submission, A)
    except Feedback as fb:
        if "LinAlgError" in str(fb):
            fail(f"{fb}\nThese columns are perpendicular, so neither depends on the other. Judge what is left of "
                 "column j relative to that column's own length, tol * ‖A[:, j]‖, not relative to the whole "
                 "matrix or in absolute terms.")
        raise
    if not np.allclose(Q, np.eye(2), atol=1e-12):
        fail(f"Called {last_call()}; Q = {show(Q)}; expected the identity.")


def test_dependent_column_raises(submission):
    """[[1, 2, 3], [4, 5, 6], [7, 8, 9]] raises LinAlgError naming column 2 (= 2·column 1 − column 0)"""
    _expect_raise(submission, [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]], 2,
                  "column 2 = 2·column 1 − column 0 adds no new direction")


def test_zero_and_repeated_columns_raise(submission):
    """a zero column raises naming it (column 1), and so does a repeated column (column 2 = column 0)"""
    _expect_raise(submission, [[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]], 1, "column 1 is zero: there is nothing to normalize")
    _expect_raise(submission, [[1.0, 0.0, 1.0], [2.0, 1.0, 2.0], [0.0, 5.0, 0.0]], 2, "column 2 repeats column 0")


def test_threshold_is_relative_to_the_column(submission):
    """A = s·[[1, 1], [0, δ]] at s = 1e-6, 1, 1e6: δ = 2e-10 factors and δ = 5e-11 raises (tol = 1e-10 × ‖column‖)"""
    f = function(submission, "modified_gram_schmidt")
    for s in (1e-6, 1.0, 1e6):
        A = s * np.array([[1.0, 1.0], [0.0, 2e-10]])
        try:
            Q, R = _factor(submission, A)
        except Feedback as fb:
            if "LinAlgError" in str(fb) and s < 1:
                fail(f"{fb}\nWhat is left of column 1 has length {s * 2e-10:.1e}, that is 2e-10 times the column's "
                     "length, more than tol = 1e-10 times it: the column is (barely) independent. An absolute "
                     "threshold calls it dependent only because the matrix is small.")
            raise
        if not np.allclose(R / s, [[1.0, 1.0], [0.0, 2e-10]], rtol=1e-6, atol=1e-20):
            fail(f"Called {last_call()}; R = {show(R)}; expected {show(s * np.array([[1.0, 1.0], [0.0, 2e-10]]))}.")
        A = s * np.array([[1.0, 1.0], [0.0, 5e-11]])
        try:
            with np.errstate(all="ignore"):
                got = f(A)
        except np.linalg.LinAlgError:
            continue
        except Exception:  # noqa: BLE001 - reported by _expect_raise below
            pass
        else:
            if s > 1:
                fail(f"Called modified_gram_schmidt(A={show(A)}); returned {show(got)}; expected LinAlgError naming "
                     f"column 1: what is left of it has length {s * 5e-11:.1e}, only 5e-11 times the column's length "
                     "(≤ tol = 1e-10 times it). An absolute threshold misses it only because the matrix is large: "
                     "compare with tol * np.linalg.norm(A[:, j]).")
        _expect_raise(submission, A, 1, "what is left of column 1 is only 5e-11 times its length, ≤ tol = 1e-10 times it")


def test_custom_tol(submission):
    """tol is used: [[1, 1], [0, 1e-4]] factors with the default tol and raises with tol=1e-3"""
    A = np.array([[1.0, 1.0], [0.0, 1e-4]])
    _check_qr(submission, A)
    _expect_raise(submission, A, 1, "with tol=1e-3, what is left of column 1 (1e-4 times its length) counts as nothing",
                  tol=1e-3)


def test_scale_invariance(submission):
    """scaling A by 1e-6 or 1e6 scales R and leaves Q unchanged"""
    A = np.random.default_rng(2).standard_normal((6, 3))
    Q1, R1 = _check_qr(submission, A)
    for s in (1e-6, 1e6):
        Q, R = _check_qr(submission, s * A)
        if not (np.allclose(Q, Q1, atol=1e-10) and np.allclose(R, s * R1, rtol=1e-10, atol=0)):
            fail(f"Called {last_call()}; scaling A by {s:g} changed Q; only R should scale.")


def test_from_scratch(submission):
    """builds Q itself: still works when np.linalg.qr, scipy.linalg.qr and la4ml's gram_schmidt are unavailable"""
    f = function(submission, "modified_gram_schmidt")
    with blocked(*LIBRARY, reason="build Q column by column"):
        try:
            got = call(f, np.array([[3.0, 1.0], [4.0, 2.0]]))
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks you to build Q and R yourself, column by column; use np.linalg.qr "
                     "only outside modified_gram_schmidt, to compare.")
            raise
    if not (isinstance(got, tuple) and np.allclose(np.asarray(got[1], dtype=float), [[5.0, 2.2], [0.0, 0.4]])):
        fail(f"Called {last_call()}; returned {show(got)}; expected R = [[5, 2.2], [0, 0.4]].")


@st.composite
def full_rank(draw):
    m = draw(st.integers(1, 8))
    n = draw(st.integers(1, m))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    U, _ = np.linalg.qr(rng.standard_normal((m, n)))
    V, _ = np.linalg.qr(rng.standard_normal((n, n)))
    kappa = 10.0 ** draw(st.floats(0, 6))
    return U @ np.diag(np.logspace(0, -np.log10(kappa), n)) @ V.T


@settings(max_examples=30, deadline=None)
@given(A=full_rank())
def test_property_random_matrices(submission, A):
    """on random m × n matrices (n ≤ m ≤ 8, κ up to 1e6): QR = A, R upper triangular, ‖QᵀQ − I‖ ≤ c·κ·ε"""
    _check_qr(submission, A)
