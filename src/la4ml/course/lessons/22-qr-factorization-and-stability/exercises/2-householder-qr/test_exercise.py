"""Hidden tests of exercise 22.2 — householder_qr(A, mode="reduced"), from scratch, R's diagonal non-negative."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, expect_close, fail, function, last_call, show

EPS = np.finfo(float).eps
BLOCKED = ("numpy.linalg.qr", "la4ml.factorizations._qr._qr_householder", "la4ml.factorizations._qr._householder_reflectors",
           "la4ml.factorizations._qr._apply_q", "la4ml.factorizations._qr._apply_qt", "la4ml.factorizations._qr._qr_givens",
           "la4ml.factorizations._qr._qr_gram_schmidt", "scipy.linalg.qr", "scipy.linalg.qr_multiply", "scipy.linalg.rq",
           "la4ml.factorizations.qr", "la4ml.factorizations._qr.qr", "la4ml.factorizations.gram_schmidt",
           "la4ml.factorizations._gram_schmidt.gram_schmidt", "torch.linalg.qr", "numpy.linalg.lstsq")


def _with_condition(m, n, kappa, seed):
    rng = np.random.default_rng(seed)
    U, _ = np.linalg.qr(rng.standard_normal((m, n)))
    V, _ = np.linalg.qr(rng.standard_normal((n, n)))
    return U @ np.diag(np.logspace(0, -np.log10(kappa), n)) @ V.T


def _numpy_positive(A, mode):
    Q, R = np.linalg.qr(A, mode=mode)
    n = A.shape[1]
    d = np.where(np.diag(R)[:n] < 0, -1.0, 1.0)
    Q, R = Q.copy(), R.copy()
    Q[:, :n] *= d
    R[:n] *= d[:, None]
    return Q, R


def _run(submission, A, **kwargs):
    f = function(submission, "householder_qr")
    A = np.array(A, dtype=float)
    try:
        with blocked(*BLOCKED, reason="apply the Householder reflectors yourself"):
            got = call(f, A, **kwargs)
    except Feedback as fb:
        if "blocked" in str(fb):
            fail(f"{fb}\nBuild Q and R yourself from reflectors (householder_vector is allowed); a library QR or "
                 "Gram–Schmidt is not Householder QR from scratch.")
        raise
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (Q, R).")
    try:
        Q, R = (np.asarray(g, dtype=float) for g in got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected two arrays (Q, R).")
    return A, Q, R


def _check(submission, A, mode=None, because=""):
    kwargs = {} if mode is None else {"mode": mode}
    A, Q, R = _run(submission, A, **kwargs)
    mode = mode or "reduced"
    m, n = A.shape
    want_q, want_r = ((m, n), (n, n)) if mode == "reduced" else ((m, m), (m, n))
    if Q.shape != want_q or R.shape != want_r:
        other = "complete" if mode == "reduced" else "reduced"
        other_q, other_r = ((m, m), (m, n)) if other == "complete" else ((m, n), (n, n))
        hint = (f" Those are the {other} shapes: reduced/complete mixed up." if (Q.shape, R.shape) == (other_q, other_r)
                else "")
        fail(f"Called {last_call()}; Q has shape {Q.shape} and R {R.shape}; expected Q {want_q} and R {want_r} "
             f"for mode={mode!r} on a {m} × {n} A.{hint} Reduced: Q[:, :n], R[:n]; complete: Q (m, m), R (m, n).")
    if not np.all(np.isfinite(Q)) or not np.all(np.isfinite(R)):
        fail(f"Called {last_call()}; the result contains NaN or infinity (Q = {show(Q)}). Householder QR never divides "
             "by a pivot, so it works on any A, rank-deficient included: Gram–Schmidt's normalization would divide by 0.")
    scale = max(np.linalg.norm(A), np.finfo(float).tiny)
    c = 10 * max(m, n)
    if np.any(np.abs(np.tril(R, -1)) > c * EPS * scale):
        i, j = np.argwhere(np.abs(np.tril(R, -1)) > c * EPS * scale)[0]
        fail(f"Called {last_call()}; R[{i}, {j}] = {R[i, j]:.3g} below the diagonal; expected R upper triangular.")
    loss = np.linalg.norm(Q.T @ Q - np.eye(Q.shape[1]), 2)
    if loss > c * EPS:
        kappa = np.linalg.cond(A)
        gs = (f" A has κ = {kappa:.1e}: a loss of orthogonality growing with κ (Gram–Schmidt's is about κ·eps = "
              f"{kappa * EPS:.1e} for the modified and κ²·eps for the classical variant) means this is Gram–Schmidt, "
              "not Householder: reflections keep ‖QᵀQ - I‖ at rounding level whatever κ.") if kappa > 1e4 else ""
        fail(f"Called {last_call()}; ‖QᵀQ - I‖ = {loss:.2e}; expected at most {c * EPS:.1e} (10·max(m, n)·eps): the "
             f"columns of Q are not orthonormal.{gs} " + because)
    rec = np.linalg.norm(A - Q[:, :R.shape[0]] @ R)
    if rec > c * EPS * scale:
        fail(f"Called {last_call()}; ‖A - QR‖ = {rec:.2e}, relative {rec / scale:.1e}; expected at most 10·max(m, n)·eps "
             "relative: Q R must reproduce A. Apply each reflector to R and the same reflector to Q (Q = Q H). " + because)
    k = min(m, n)
    diag = np.diag(R)[:k]
    if np.any(diag < -c * EPS * scale):
        fail(f"Called {last_call()}; diag(R) = {show(diag)} has negative entries; expected R's diagonal non-negative "
             "(the reflections leave -sign(x₀)‖x‖ there, LAPACK's convention). Flip the sign of row i of R and column i "
             "of Q wherever R[i, i] < 0.")
    return A, Q, R


def _compare_numpy(submission, A, mode=None):
    A, Q, R = _check(submission, A, mode)
    Qn, Rn = _numpy_positive(A, mode or "reduced")
    n = A.shape[1]
    kappa = np.linalg.cond(A)
    tol = 10 * max(A.shape) * EPS * kappa
    expect_close(R, Rn, rtol=0, atol=tol * np.linalg.norm(A, 2), what="R",
                 because="R must equal numpy.linalg.qr's R after its sign fix (the unique R with a positive diagonal)")
    expect_close(Q[:, :n], Qn[:, :n], rtol=0, atol=tol, what="Q[:, :n]",
                 because="Q's first n columns must equal numpy.linalg.qr's after the sign fix")


def test_worked_example(submission):
    """factors [[3, 1], [4, 2], [0, 0.3]] as R = [[5, 2.2], [0, 0.5]], Q[:, 0] = (0.6, 0.8, 0)"""
    A, Q, R = _check(submission, [[3.0, 1.0], [4.0, 2.0], [0.0, 0.3]])
    expect_close(R, [[5.0, 2.2], [0.0, 0.5]], rtol=0, atol=20 * EPS, what="R")
    expect_close(Q[:, 0], [0.6, 0.8, 0.0], rtol=0, atol=20 * EPS, what="Q[:, 0]")


def test_matches_numpy_tall(submission):
    """a random 7 × 4 A: Q and R equal numpy.linalg.qr's after the sign fix"""
    _compare_numpy(submission, np.random.default_rng(1).standard_normal((7, 4)))


def test_matches_numpy_square(submission):
    """a random 5 × 5 A: n - 1 reflectors, and the last diagonal entry of R non-negative too"""
    _compare_numpy(submission, np.random.default_rng(2).standard_normal((5, 5)))


def test_ill_conditioned_stays_orthogonal(submission):
    """on a 40 × 8 A with κ = 1e10 (nearly dependent columns), ‖QᵀQ - I‖ stays at rounding level"""
    _check(submission, _with_condition(40, 8, 1e10, 3))


def test_complete_mode(submission):
    """mode='complete' on a tall 6 × 3 A: Q is 6 × 6 orthogonal, R is 6 × 3 with zero rows below row 3"""
    A = np.random.default_rng(4).standard_normal((6, 3))
    A, Q, R = _check(submission, A, "complete")
    if np.any(R[3:] != 0):
        fail(f"Called {last_call()}; rows 3 and below of R are {show(R[3:])}; expected exact zeros in the complete R.")
    _compare_numpy(submission, A, "complete")


def test_reduced_mode_explicit(submission):
    """mode='reduced' on a tall 6 × 3 A gives Q 6 × 3 and R 3 × 3"""
    _compare_numpy(submission, np.random.default_rng(4).standard_normal((6, 3)), "reduced")


def test_default_mode_is_reduced(submission):
    """the default mode is 'reduced' (Q 8 × 2, R 2 × 2 for an 8 × 2 A)"""
    _compare_numpy(submission, np.random.default_rng(5).standard_normal((8, 2)))


def test_negative_diagonal_already_triangular(submission):
    """an upper-triangular A = [[-2, 1], [0, 3]] gives R = [[2, -1], [0, 3]] and Q = diag(-1, 1)"""
    A, Q, R = _check(submission, [[-2.0, 1.0], [0.0, 3.0]])
    expect_close(R, [[2.0, -1.0], [0.0, 3.0]], rtol=0, atol=20 * EPS, what="R",
                 because="R's diagonal must be non-negative: flip row 0 of R and column 0 of Q")
    expect_close(Q, [[-1.0, 0.0], [0.0, 1.0]], rtol=0, atol=20 * EPS, what="Q")


def test_one_by_one_and_one_column(submission):
    """[[-3]] gives Q = [[-1]], R = [[3]]; a single column (2, -1, 2) gives R = [[3]] and Q = a / 3"""
    A, Q, R = _check(submission, [[-3.0]])
    expect_close(R, [[3.0]], what="R")
    expect_close(Q, [[-1.0]], what="Q")
    A, Q, R = _check(submission, [[2.0], [-1.0], [2.0]])
    expect_close(R, [[3.0]], what="R")
    expect_close(Q[:, 0], [2 / 3, -1 / 3, 2 / 3], rtol=0, atol=20 * EPS, what="Q[:, 0]")


def test_rank_deficient(submission):
    """a rank-1 A = [[1, 2], [1, 2], [1, 2]]: Q orthonormal, QR = A, R[1, 1] = 0 to rounding (no NaN)"""
    A, Q, R = _check(submission, [[1.0, 2.0], [1.0, 2.0], [1.0, 2.0]])
    if abs(R[1, 1]) > 100 * EPS:
        fail(f"Called {last_call()}; R[1, 1] = {R[1, 1]:.3g}; expected 0 to rounding: the second column is twice the first.")


def test_scales(submission):
    """1e-6 · A and 1e6 · A give the same Q as A and R scaled (tolerances relative to A)"""
    A = np.random.default_rng(6).standard_normal((5, 3))
    for scale in (1e-6, 1e6):
        _compare_numpy(submission, scale * A)


def test_does_not_modify_a(submission):
    """A is left unchanged"""
    f = function(submission, "householder_qr")
    A = np.random.default_rng(7).standard_normal((4, 3))
    before = A.copy()
    call(f, A)
    if not np.array_equal(A, before):
        fail(f"Called {last_call()}; afterwards A was {show(A)}; expected it unchanged. Start from R = A.copy().")


def test_bad_input(submission):
    """a wide A (2 × 3) and mode='economic' raise ValueError"""
    f = function(submission, "householder_qr")
    for args, kwargs, what in (((np.ones((2, 3)),), {}, "A with more columns than rows"),
                               ((np.eye(3),), {"mode": "economic"}, "mode='economic'")):
        try:
            got = f(*args, **kwargs)
        except ValueError:
            continue
        except Exception as exc:  # noqa: BLE001 - any other exception is the wrong kind
            fail(f"{what} raised {type(exc).__name__}; expected ValueError with a message saying what is wrong.")
        fail(f"{what} returned {show(got)}; expected ValueError (the task asks for m >= n and mode 'reduced' or 'complete').")


@given(st.integers(1, 6), st.integers(0, 3), st.integers(0, 2**31 - 1))
@settings(max_examples=25, deadline=None)
def test_random_tall(submission, n, extra, seed):
    """random m × n A (m >= n): equal to numpy.linalg.qr's factors after the sign fix"""
    A = np.random.default_rng(seed).standard_normal((n + extra, n))
    _compare_numpy(submission, A)
