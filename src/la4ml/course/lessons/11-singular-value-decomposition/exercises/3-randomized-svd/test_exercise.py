"""Hidden tests of exercise 11.3 — randomized_svd(A, k, n_oversamples=10, n_iter=2, seed=0), from scratch."""

import numpy as np

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show

EPS = np.finfo(float).eps
LIBRARY = ("sklearn.utils.extmath.randomized_svd", "sklearn.utils.extmath.randomized_range_finder",
           "torch.svd_lowrank", "la4ml.svd.randomized_svd", "la4ml.svd._randomized.randomized_svd",
           "scipy.sparse.linalg.svds")


def _with_singular_values(m, n, s, seed):
    rng = np.random.default_rng(seed)
    Uq, _ = np.linalg.qr(rng.standard_normal((m, len(s))))
    Vq, _ = np.linalg.qr(rng.standard_normal((n, len(s))))
    return (Uq * np.asarray(s, dtype=float)) @ Vq.T


def _reference(A, k, p=10, q=2, seed=0, *, orthonormalize=True, transposed_draw=False):
    """The task's algorithm (and, with the keywords, two wrong variants of it)."""
    m, n = A.shape
    l = k + p
    rng = np.random.default_rng(seed)
    Omega = rng.standard_normal((l, n)).T if transposed_draw else rng.standard_normal((n, l))
    Y = A @ Omega
    if orthonormalize:
        Y = np.linalg.qr(Y)[0]
    for _ in range(q):
        Y = A.T @ Y
        if orthonormalize:
            Y = np.linalg.qr(Y)[0]
        Y = A @ Y
        if orthonormalize:
            Y = np.linalg.qr(Y)[0]
    Q = np.linalg.qr(Y)[0]
    U_hat, s, Vt = np.linalg.svd(Q.T @ A, full_matrices=False)
    return (Q @ U_hat)[:, :k], s[:k], Vt[:k]


def _diagnose(A, k, p, q, seed, s, tol):
    """Name the variant of the algorithm that gives these singular values, if one does."""
    close = lambda t: t.shape == s.shape and np.allclose(s, t, rtol=tol, atol=0)  # noqa: E731
    variants = [
        (lambda: _reference(A, k, p, q + 1, seed)[1], f"you ran n_iter + 1 = {q + 1} power iterations instead of {q}"),
        (lambda: _reference(A, k, p, q - 1, seed)[1] if q > 0 else None,
         f"you ran n_iter - 1 = {q - 1} power iterations instead of {q}"),
        (lambda: _reference(A, k, 0, q, seed)[1] if p else None,
         "your sketch has k columns: it must have k + n_oversamples (the oversamples are what make it reliable)"),
        (lambda: _reference(A, k, p, q, seed, transposed_draw=True)[1],
         f"you drew Ω as standard_normal((l, n)).T; draw it as np.random.default_rng(seed).standard_normal((n, l)) "
         "so that it is the same random matrix as the checks'"),
        (lambda: _reference(A, k, p, q, 0)[1] if seed != 0 else None,
         f"your Ω does not depend on seed (the call used seed={seed}): use np.random.default_rng(seed)"),
        (lambda: _reference(A, k, p, q, seed, orthonormalize=False)[1],
         "you did not re-orthonormalize between the products of the power iterations (Q = qr(Aᵀ Q), Q = qr(A Q))"),
        (lambda: np.linalg.svd(A, compute_uv=False)[:k],
         "these are the exact singular values of A: the task is the randomized algorithm, with its sketch A Ω"),
    ]
    for make, message in variants:
        with np.errstate(all="ignore"):
            t = make()
        if t is not None and close(t):
            return " It looks like " + message + "."
    return ""


def _check(submission, A, k, **kwargs):
    """Call randomized_svd(A, k, **kwargs) and compare with the task's algorithm on the same Ω."""
    A = np.array(A, dtype=float)
    m, n = A.shape
    p, q, seed = kwargs.get("n_oversamples", 10), kwargs.get("n_iter", 2), kwargs.get("seed", 0)
    U0, s0, Vt0 = _reference(A, k, p, q, seed)
    scale = np.linalg.svd(A, compute_uv=False)[0]
    tol = 1e-9
    got = call(function(submission, "randomized_svd"), A, k, **kwargs)
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (U, s, Vt).")
    try:
        U, s, Vt = (np.asarray(x, dtype=float) for x in got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected three arrays of numbers.")
    l = min(k + p, m, n)
    if s.shape != (k,):
        extra = (f" That is all l = {s.shape[0]} singular values of B = Qᵀ A; return only the first k: s[:k], "
                 "U[:, :k], Vt[:k].") if s.shape and s.shape[0] in (l, k + p) else ""
        fail(f"Called {last_call()}; s has shape {s.shape}; expected ({k},).{extra}")
    if U.shape != (m, k) or Vt.shape != (k, n):
        fail(f"Called {last_call()}; U has shape {U.shape} and Vt {Vt.shape}; expected ({m}, {k}) and ({k}, {n}).")
    if not np.allclose(s, s0, rtol=tol, atol=tol * scale):
        fail(f"Called {last_call()}; s = {show(s)}; the algorithm of the task, with the same Ω, gives {show(s0)}."
             + _diagnose(A, k, p, q, seed, s, 1e-7))
    if not np.allclose(U.T @ U, np.eye(k), atol=1e-8) or not np.allclose(Vt @ Vt.T, np.eye(k), atol=1e-8):
        fail(f"Called {last_call()}; the columns of U (or the rows of Vt) are not orthonormal: U = Q @ U_hat with Q "
             "from np.linalg.qr and U_hat from the SVD of B = Q.T @ A.")
    if not np.allclose((U * s) @ Vt, (U0 * s0) @ Vt0, atol=1e-7 * scale):
        fail(f"Called {last_call()}; U @ diag(s) @ Vt is not the rank-{k} approximation the algorithm gives: the "
             "singular values are right, so check that U = Q @ U_hat (not U_hat, not Q) and that each u_i is paired "
             "with the row Vt[i] the SVD of B gave with it.")
    return U, s, Vt


# ------------------------------------------------------------------------------------------------ checks

def test_exact_on_low_rank(submission):
    """a 40 × 30 matrix of rank 6: with k = 4 and 10 oversamples the sketch spans everything — NumPy's σ, even with n_iter = 0"""
    A = _with_singular_values(40, 30, [6.0, 5.0, 4.0, 3.0, 2.0, 1.0], 1)
    U, s, Vt = _check(submission, A, 4, n_iter=0)
    U0, s0, Vt0 = np.linalg.svd(A, full_matrices=False)
    if not np.allclose(s, s0[:4], rtol=1e-10):
        fail(f"Called {last_call()}; s = {show(s)}; expected NumPy's {show(s0[:4])} (rank 6 <= k + p = 14: exact).")
    for i in range(4):  # each singular vector equal to NumPy's up to sign
        if abs(U[:, i] @ U0[:, i]) < 1 - 1e-8 or abs(Vt[i] @ Vt0[i]) < 1 - 1e-8:
            fail(f"Called {last_call()}; the singular pair {i + 1} is not NumPy's (up to sign).")


def test_defaults(submission):
    """called with only (A, k): the defaults n_oversamples=10, n_iter=2, seed=0, on a slowly decaying spectrum"""
    A = _with_singular_values(80, 50, 0.97 ** np.arange(50), 2)
    _check(submission, A, 5)


def test_power_iterations_counted(submission):
    """n_iter = 0, 1 and 3 on a slowly decaying spectrum: exactly n_iter power iterations (each changes the result)"""
    A = _with_singular_values(80, 50, 0.97 ** np.arange(50), 2)
    for q in (0, 1, 3):
        _check(submission, A, 5, n_iter=q)


def test_oversamples_and_seed(submission):
    """n_oversamples = 3 and 0, seed = 7: the sketch has k + n_oversamples columns drawn from default_rng(seed)"""
    A = _with_singular_values(60, 45, 0.95 ** np.arange(45), 3)
    _check(submission, A, 6, n_oversamples=3, seed=7)
    _check(submission, A, 6, n_oversamples=0, n_iter=1, seed=7)


def test_reorthonormalization(submission):
    """σᵢ = 2⁻ⁱ and n_iter = 10: with a QR after every product the 5 top σ are exact; without it they are lost"""
    A = _with_singular_values(60, 40, 0.5 ** np.arange(40), 1)
    U, s, Vt = _check(submission, A, 5, n_iter=10)
    if not np.allclose(s, 0.5 ** np.arange(5), rtol=1e-10):
        fail(f"Called {last_call()}; s = {show(s)}; expected (1, 0.5, 0.25, 0.125, 0.0625).")


def test_tall_and_wide(submission):
    """a tall 70 × 12 and a wide 12 × 70 matrix, k = 1 and 3, and k = min(m, n) = 12 (the sketch is then the whole range)"""
    T = _with_singular_values(70, 12, np.linspace(3, 0.5, 12), 4)
    _check(submission, T, 1)
    _check(submission, T, 3)
    _check(submission, T.T, 3)
    _check(submission, T, 12, n_iter=1)


def test_scale(submission):
    """the same matrix times 1e-6 and 1e6: singular values scale with it (relative tolerances everywhere)"""
    A = _with_singular_values(50, 30, 0.9 ** np.arange(30), 5)
    for c in (1e-6, 1e6):
        _check(submission, A * c, 4, n_iter=1)


def test_bad_k_raises(submission):
    """k = 0 and k = min(m, n) + 1 raise ValueError"""
    f = function(submission, "randomized_svd")
    A = _with_singular_values(20, 8, np.linspace(2, 1, 8), 6)
    for k, why in ((0, "a rank-0 SVD has nothing to return"), (9, "a 20 × 8 matrix has only min(m, n) = 8 singular values")):
        try:
            got = call(f, A, k)
        except Feedback as fb:
            if "raised ValueError" in str(fb):
                continue
            if "NotImplementedError" in str(fb):
                raise
            fail(f"{fb}\nExpected a ValueError, because {why}.")
        fail(f"Called {last_call()}; returned {show(got)}; expected it to raise ValueError, because {why}.")


def test_from_scratch(submission):
    """builds the sketch itself: works when scikit-learn's, PyTorch's and la4ml's randomized SVDs are blocked"""
    f = function(submission, "randomized_svd")
    A = _with_singular_values(30, 20, 0.8 ** np.arange(20), 7)
    with blocked(*LIBRARY, reason="randomized SVD is the exercise"):
        try:
            got = call(f, A, 3)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nWrite the sketch, the power iterations and the small SVD yourself (np.linalg.qr and "
                     "np.linalg.svd on B are fine).")
            raise
    s0 = _reference(A, 3)[1]
    if not isinstance(got, (tuple, list)) or len(got) != 3 or not np.allclose(np.asarray(got[1], dtype=float), s0,
                                                                              rtol=1e-9):
        fail(f"Called {last_call()}; returned {show(got)}; expected singular values {show(s0)}.")
