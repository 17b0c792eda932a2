"""Hidden tests of exercise 21.5 — ridge_cg(X, y, alpha, rtol=1e-10)."""

import numpy as np
from scipy.sparse.linalg import LinearOperator

from la4ml.course.grading import Feedback, call, fail, function, guard_whole_products, last_call, show
from la4ml.course.testdata import load_diabetes, load_digits
from la4ml.krylov import cg


def _digits():
    X, y = load_digits(return_X_y=True)
    X, y = X[:600], y[:600]
    X = (X - X.mean(axis=0)) / 16.0
    return X, (y == 3).astype(float) - np.mean(y == 3)


def _reference(X, y, alpha, rtol=1e-10):
    """Iteration counts of la4ml's and SciPy's cg on the task's operator (either is accepted)."""
    import scipy.sparse.linalg as spla

    op = LinearOperator((X.shape[1],) * 2, matvec=lambda v: X.T @ (X @ v) + alpha * v, dtype=float)
    its, its_sp = [], []
    w, info = cg(op, X.T @ y, rtol=rtol, callback=its.append)
    spla.cg(op, X.T @ y, rtol=rtol, callback=its_sp.append)
    return w, {len(its), len(its_sp)}


def _run(submission, X, y, alpha, **kw):
    f = function(submission, "ridge_cg")
    got = call(f, np.array(X, dtype=float), np.array(y, dtype=float), alpha, **kw)
    if not (isinstance(got, tuple) and len(got) == 2):
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (w, n_iter).")
    w = np.asarray(got[0], dtype=float)
    if w.shape != (np.shape(X)[1],):
        fail(f"Called {last_call()}; w has shape {w.shape}; expected ({np.shape(X)[1]},), one weight per feature.")
    if not isinstance(got[1], (int, np.integer)) or isinstance(got[1], bool):
        fail(f"Called {last_call()}; n_iter is {got[1]!r}; expected an int (the number of callback calls).")
    return w, int(got[1])


def _rel(a, b):
    return np.linalg.norm(a - b) / np.linalg.norm(b)


def _check_weights(X, y, alpha, w, rtol=1e-10):
    d = X.shape[1]
    G = X.T @ X + alpha * np.eye(d)
    w_direct = np.linalg.solve(G, X.T @ y)
    kappa = np.linalg.cond(G)
    if _rel(w, w_direct) > 10 * kappa * rtol:
        hint = ""
        if _rel(w, np.linalg.solve(X.T @ X + np.eye(d) * 1e-12, X.T @ y)) < 1e-3 * _rel(w_direct, np.linalg.solve(X.T @ X + np.eye(d) * 1e-12, X.T @ y)):
            hint = " Your w matches alpha ≈ 0: add alpha * v in the matvec."
        fail(f"Called {last_call()}; w is {_rel(w, w_direct):.2e} (relative) away from (XᵀX + αI)⁻¹Xᵀy computed by "
             f"np.linalg.solve; expected at most about κ·rtol = {kappa * rtol:.1e}. The operator is "
             f"v ↦ Xᵀ(X v) + alpha·v and the right-hand side Xᵀy.{hint}")


def test_digits_two_penalties(submission):
    """on digits (1797 × 64), matches np.linalg.solve for alpha = 0.01 and 100, and counts CG's iterations"""
    X, y = _digits()
    counts = {}
    for alpha in (0.01, 100.0):
        w, n_iter = _run(submission, X, y, alpha)
        _check_weights(X, y, alpha, w)
        _, n_ref = _reference(X, y, alpha)
        if n_iter not in n_ref:
            fail(f"Called {last_call()}; n_iter = {n_iter}; CG takes {min(n_ref)} iterations on this system at rtol = 1e-10 "
                 "(count the callback calls: callback=its.append, then len(its)).")
        counts[alpha] = n_iter
    if not counts[100.0] < counts[0.01]:
        fail(f"n_iter is {counts[0.01]} at alpha = 0.01 and {counts[100.0]} at alpha = 100; a larger alpha lowers κ and "
             "must cut the iterations.")


def test_never_forms_the_gram_matrix(submission):
    """30000 features, 20 samples: XᵀX would need 7.2 GB, the matrix-free products need none"""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((20, 30000)) / 100
    y = rng.standard_normal(20)
    try:
        (Xg,) = guard_whole_products(X, reason="apply XᵀX as Xᵀ(X v), never form it")
        w, n_iter = _run(submission, Xg, y, 1.0)
    except Feedback as e:
        if "blocked" in str(e) or "Memory" in str(e) or "memory" in str(e):
            fail("ridge_cg formed X.T @ X (30000 × 30000, 7.2 GB); apply it matrix-free instead: "
                 "v ↦ X.T @ (X @ v) + alpha * v, two matrix-vector products.")
        raise
    # w lies in the row space of X: w = Xᵀ(XXᵀ + αI)⁻¹y (the small 20 × 20 form of the same solution)
    w_direct = X.T @ np.linalg.solve(X @ X.T + np.eye(20), y)
    if _rel(w, w_direct) > 1e-6:
        fail(f"Called ridge_cg(X of shape (20, 30000), y, alpha=1.0); w is {_rel(w, w_direct):.1e} (relative) from the "
             "ridge solution Xᵀ(XXᵀ + αI)⁻¹y.")


def test_scale_invariant_iterations(submission):
    """on diabetes, y scaled by 1e-6 and 1e6 scales w by the same factor with the same iteration count (±1)"""
    X, y = load_diabetes(return_X_y=True)
    w1, n1 = _run(submission, X, y, 0.1)
    _check_weights(X, y, 0.1, w1)
    for s in (1e-6, 1e6):
        w, n = _run(submission, X, y * s, 0.1)
        if abs(n - n1) > 1 or _rel(w, w1 * s) > 1e-6:
            fail(f"Called {last_call()} (y scaled by {s:g}); n_iter = {n} vs {n1} at scale 1 and w off by "
                 f"{_rel(w, w1 * s):.1e} (relative) from {s:g}·w: use a RELATIVE tolerance (cg's rtol), not atol.")


def test_rtol_is_passed(submission):
    """the rtol argument reaches CG: rtol=1e-3 takes fewer iterations than the default 1e-10"""
    X, y = _digits()
    w, n = _run(submission, X, y, 0.01, rtol=1e-3)
    _, n_ref = _reference(X, y, 0.01, rtol=1e-3)
    if n not in n_ref:
        fail(f"Called {last_call()}; n_iter = {n}; CG at rtol = 1e-3 takes {min(n_ref)}: pass rtol=rtol to cg.")
    w, n = _run(submission, np.array([[1.0], [2.0]]), np.array([1.0, 1.0]), 1.0)
    if n != 1 or not np.isclose(w[0], 0.5, rtol=1e-12):
        fail(f"Called {last_call()}; returned w = {show(w)}, n_iter = {n}; expected w = [0.5] (= 3 / (5 + 1)) and 1: a 1 × 1 "
             "system takes exactly one CG iteration, and n_iter is the number of callback calls.")


def test_alpha_must_be_positive(submission):
    """alpha = 0 and alpha = -1 raise ValueError"""
    f = function(submission, "ridge_cg")
    X, y = _digits()
    for alpha in (0.0, -1.0):
        try:
            got = f(X, y, alpha)
        except ValueError:
            continue
        except Exception as e:  # noqa: BLE001
            fail(f"ridge_cg(X, y, alpha={alpha}) raised {type(e).__name__}: {e}; expected ValueError (alpha must be > 0).")
        fail(f"ridge_cg(X, y, alpha={alpha}) returned {show(got)}; expected ValueError: with alpha <= 0 the system may "
             "be singular or indefinite (digits has always-zero pixels, so XᵀX is singular).")


def test_wide_data(submission):
    """wide X (20 samples, 50 features): w matches the direct solve and lies in the row space of X"""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((20, 50))
    y = rng.standard_normal(20)
    w, _ = _run(submission, X, y, 0.5)
    _check_weights(X, y, 0.5, w)
