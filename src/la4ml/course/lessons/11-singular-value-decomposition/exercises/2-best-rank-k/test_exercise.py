"""Hidden tests of exercise 11.2 — best_rank_k(A, k): the truncated SVD and the Eckart–Young errors."""

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, call, fail, function, last_call, show
from la4ml.course.testdata import load_digits

EPS = np.finfo(float).eps


def _with_singular_values(m, n, s, seed):
    rng = np.random.default_rng(seed)
    Uq, _ = np.linalg.qr(rng.standard_normal((m, len(s))))
    Vq, _ = np.linalg.qr(rng.standard_normal((n, len(s))))
    return (Uq * np.asarray(s, dtype=float)) @ Vq.T


def _truncated(A, k):
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return (U[:, :k] * s[:k]) @ Vt[:k]


def _check(submission, A, k):
    """Call best_rank_k(A, k) and explain the first thing wrong with (A_k, spectral_error, frobenius_error)."""
    A = np.array(A, dtype=float)
    m, n = A.shape
    r = min(m, n)
    s = np.linalg.svd(A, compute_uv=False)
    tol = 20 * max(m, n) * EPS * max(s[0], np.finfo(float).tiny)     # rounding level of the SVD
    try:
        got = call(function(submission, "best_rank_k"), A, k)
    except Feedback as fb:
        if "matmul" in str(fb) or "shapes" in str(fb) or "broadcast" in str(fb):
            full = (f" And with np.linalg.svd(A) (full_matrices=True) on this {m} × {n} matrix, U is {m} × {m} and Vt "
                    f"is {n} × {n}, so np.diag(s) ({r} × {r}) does not fit between them: pass full_matrices=False."
                    ) if m != n else ""
            fail(f"{fb}\nA shape error: s from np.linalg.svd is a 1-D array, so U @ s is a matrix-vector product, not "
                 f"U Σ. Use (U[:, :k] * s[:k]) @ Vt[:k] or U[:, :k] @ np.diag(s[:k]) @ Vt[:k].{full}")
        if "raised ValueError" in str(fb) and 0 <= k <= r:
            fail(f"{fb}\nk = {k} is valid for a {m} × {n} matrix: any 0 <= k <= min(m, n) = {r} (k = 0 gives the zero "
                 "matrix, k = min(m, n) gives A itself). Raise only outside that range.")
        raise
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (A_k, spectral_error, frobenius_error).")
    A_k, spec, frob = got

    # --- the two predicted errors
    true_spec = float(s[k]) if k < r else 0.0
    true_frob = float(np.sqrt(np.sum(s[k:] ** 2)))
    for value, name in ((spec, "spectral_error"), (frob, "frobenius_error")):
        if isinstance(value, np.ndarray) or not isinstance(value, (float, int, np.floating, np.integer)) \
                or isinstance(value, bool):
            fail(f"Called {last_call()}; {name} is {show(value)} ({type(value).__name__}); expected a single float "
                 "(use float(...)).")
    spec, frob = float(spec), float(frob)
    near = lambda x, y: abs(x - y) <= 1e-9 * abs(y) + tol  # noqa: E731
    if not near(spec, true_spec):
        hint = ""
        if 0 < k <= r and near(spec, s[k - 1]):
            hint = (f" That is σ_k = s[{k - 1}], the last singular value you KEPT; the error is the first one you "
                    f"dropped, σ_(k+1) = s[{k}] (0-based indexing).")
        elif k + 1 < r and near(spec, s[k + 1]):
            hint = f" That is s[{k + 1}]; σ_(k+1) is s[{k}] with 0-based indexing."
        elif k == r:
            hint = " Nothing is dropped when k = min(m, n): the error is exactly 0.0."
        fail(f"Called {last_call()}; spectral_error = {spec:.10g}; expected σ_(k+1) = {true_spec:.10g}.{hint}")
    if not near(frob, true_frob):
        dropped = s[k:]
        hint = ""
        if near(frob, float(np.sum(dropped))):
            hint = " That is the sum of the dropped σ; the Frobenius error is the square ROOT of the sum of their SQUARES."
        elif near(frob, float(np.sum(dropped**2))):
            hint = " That is the sum of the squares; take its square root."
        elif near(frob, float(np.sqrt(np.sum(s[:k] ** 2)))):
            hint = " That comes from the KEPT singular values s[:k]; the error is made of the dropped ones, s[k:]."
        elif k > 0 and near(frob, float(np.sqrt(np.sum(s[k - 1:] ** 2)))):
            hint = " That includes σ_k = s[k-1]; the dropped values start at s[k] (0-based)."
        fail(f"Called {last_call()}; frobenius_error = {frob:.10g}; expected sqrt(σ_(k+1)² + … + σ_r²) = "
             f"{true_frob:.10g}.{hint}")

    # --- A_k: any best rank-k approximation (ties make it non-unique), checked by its rank and its errors
    try:
        A_k = np.asarray(A_k, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; A_k is {show(A_k)}, not an array of numbers.")
    if A_k.shape != A.shape:
        hint = ""
        if A_k.ndim == 1:
            hint = (" A 1-D result is what U @ s @ Vt gives when s is the 1-D array from np.linalg.svd: U @ s is a "
                    "matrix-vector product. Use (U[:, :k] * s[:k]) @ Vt[:k] or U[:, :k] @ np.diag(s[:k]) @ Vt[:k].")
        elif A_k.shape == A.T.shape:
            hint = " That is the shape of Aᵀ: check the order U @ Σ @ Vt."
        fail(f"Called {last_call()}; A_k has shape {A_k.shape}; expected {A.shape}, the shape of A.{hint}")
    if not np.all(np.isfinite(A_k)):
        fail(f"Called {last_call()}; A_k contains NaN or infinity: {show(A_k)}.")
    err2 = np.linalg.norm(A - A_k, 2)
    errF = np.linalg.norm(A - A_k)
    sk = np.linalg.svd(A_k, compute_uv=False)
    rank_ok = k >= r or sk[k] <= tol
    if not (rank_ok and near(err2, true_spec) and near(errF, true_frob)):
        hint = ""
        for other, label in ((k - 1, "k - 1"), (k + 1, "k + 1")):
            if 0 <= other <= r and np.allclose(A_k, _truncated(A, other), atol=tol):
                hint = (f" It equals the rank-{other} approximation: you kept {label} singular triplets. Keep "
                        f"U[:, :k], s[:k], Vt[:k] (exactly k).")
        if not hint and k > 0:
            U, sv, Vt = np.linalg.svd(A, full_matrices=False)
            if Vt.shape[1] >= k and np.allclose(A_k, (U[:, :k] * sv[:k]) @ Vt[:, :k].T, atol=tol):
                hint = (" It is built from the first k COLUMNS of Vt; the right singular vectors are its ROWS: "
                        "use Vt[:k].")
        if not hint and np.allclose(A_k, A, atol=tol) and k < r:
            hint = " It equals A itself: you kept every singular value."
        if not hint and not rank_ok:
            hint = f" A_k has rank {int(np.sum(sk > tol))}, more than k = {k}."
        fail(f"Called {last_call()}; A_k is not a best rank-{k} approximation: ‖A − A_k‖₂ = {err2:.6g} and "
             f"‖A − A_k‖_F = {errF:.6g}, expected σ_(k+1) = {true_spec:.6g} and {true_frob:.6g}.{hint}")
    return A_k, spec, frob


def _check_raises(submission, A, k, because):
    f = function(submission, "best_rank_k")
    try:
        got = call(f, np.array(A, dtype=float), k)
    except Feedback as fb:
        if "raised ValueError" in str(fb):
            return
        if "NotImplementedError" in str(fb):
            raise
        fail(f"{fb}\nExpected a ValueError, because {because}.")
    fail(f"Called {last_call()}; returned {show(got)}; expected it to raise ValueError, because {because}.")


# ------------------------------------------------------------------------------------------------ checks

def test_diagonal_example(submission):
    """diag(3, 2, 1), k = 1: A_1 = diag(3, 0, 0), errors σ₂ = 2 and √5"""
    A_k, spec, frob = _check(submission, np.diag([3.0, 2.0, 1.0]), 1)
    if not np.allclose(A_k, np.diag([3.0, 0.0, 0.0])):
        fail(f"Called {last_call()}; A_1 = {show(A_k)}; expected diag(3, 0, 0).")


def test_square_matrix_every_k(submission):
    """a square 4 × 4 matrix, every k from 0 to 4 (U @ s @ Vt with a 1-D s would return a vector here)"""
    A = _with_singular_values(4, 4, [5.0, 3.0, 2.0, 0.5], 3)
    for k in range(5):
        _check(submission, A, k)


def test_tall_every_k(submission):
    """a tall 7 × 3 matrix, every k from 0 to 3: the thin SVD (the full U is 7 × 7)"""
    A = _with_singular_values(7, 3, [4.0, 1.0, 0.25], 4)
    for k in range(4):
        _check(submission, A, k)


def test_wide_every_k(submission):
    """a wide 3 × 8 matrix, every k from 0 to 3"""
    A = _with_singular_values(3, 8, [6.0, 2.0, 1.0], 5)
    for k in range(4):
        _check(submission, A, k)


def test_k_zero_and_full(submission):
    """k = 0 gives the zero matrix with errors (σ₁, ‖A‖_F); k = min(m, n) gives A with errors exactly 0.0"""
    A = _with_singular_values(5, 3, [2.0, 1.5, 1.0], 6)
    A_0, spec, frob = _check(submission, A, 0)
    if np.abs(A_0).max() != 0:
        fail(f"Called {last_call()}; A_0 = {show(A_0)}; expected the zero matrix (no singular triplet kept).")
    A_3, spec, frob = _check(submission, A, 3)
    if spec != 0.0 or frob != 0.0:
        fail(f"Called {last_call()}; the errors are ({spec!r}, {frob!r}); expected exactly (0.0, 0.0): nothing is dropped.")


def test_rank_deficient(submission):
    """a 6 × 4 matrix of rank 2: k = 2 already reproduces it (errors at rounding level)"""
    A = _with_singular_values(6, 4, [3.0, 1.0], 7)
    for k in (1, 2, 3, 4):
        _check(submission, A, k)


def test_tied_singular_values(submission):
    """σ₁ = σ₂ = 3: the best rank-1 approximation is not unique — any of them is accepted, the errors are 3 and √10"""
    A = _with_singular_values(6, 3, [3.0, 3.0, 1.0], 8)
    _check(submission, A, 1)
    _check(submission, A, 2)


def test_bad_k_raises(submission):
    """k = -1 and k = min(m, n) + 1 raise ValueError (on a 5 × 3 matrix: k = 4 and on its 3 × 5 transpose)"""
    A = _with_singular_values(5, 3, [2.0, 1.0, 0.5], 9)
    _check_raises(submission, A, -1, "a rank cannot be negative (s[:-1] would silently keep all but one)")
    _check_raises(submission, A, 4, "a 5 × 3 matrix has only min(m, n) = 3 singular values (check min, not max)")
    _check_raises(submission, A.T, 4, "a 3 × 5 matrix has only min(m, n) = 3 singular values")


@settings(max_examples=25, deadline=None)
@given(m=st.integers(1, 6), n=st.integers(1, 6), seed=st.integers(0, 2**32 - 1),
       scale=st.sampled_from([1e-6, 1.0, 1e6]), data=st.data())
@example(m=2, n=2, seed=0, scale=1e6, data=None)
def test_property_random(submission, m, n, seed, scale, data):
    """random m × n matrices at scales 1e-6, 1 and 1e6 and every valid k: the errors and the approximation"""
    A = np.random.default_rng(seed).standard_normal((m, n)) * scale
    k = data.draw(st.integers(0, min(m, n))) if data is not None else 1
    _check(submission, A, k)


def test_digits(submission):
    """the 1797 × 64 digits data, k = 10: the predicted errors match the measured ‖A − A_k‖"""
    _check(submission, load_digits().data, 10)
