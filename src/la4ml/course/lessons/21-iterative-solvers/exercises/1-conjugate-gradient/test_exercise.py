"""Hidden tests of exercise 21.1 — conjugate_gradient(A, b, x0=None, rtol=1e-5, atol=0.0, maxiter=None)."""

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show
from la4ml.krylov import poisson2d

A2 = np.array([[4.0, 1.0], [1.0, 3.0]])
b2 = np.array([1.0, 2.0])


def _spd(n, seed, scale=1.0):
    rng = np.random.default_rng(seed)
    B = rng.standard_normal((n, n))
    return (B @ B.T + n * np.eye(n)) * scale, rng.standard_normal(n) * scale


def _reference(A, b, x0=None, rtol=1e-5, atol=0.0, maxiter=None, variant=""):
    """The task's CG, and known wrong variants of it (for naming the mistake)."""
    n = len(b)
    x = np.zeros(n) if x0 is None else np.array(x0, dtype=float)
    maxiter = 10 * n if maxiter is None else maxiter
    b_norm = np.linalg.norm(b)
    if b_norm == 0:
        return np.zeros(n), 0
    tol = rtol if variant == "absolute" else max(atol, rtol * b_norm)
    r = b - A @ x
    p = r.copy()
    rr = r @ r
    rr0 = rr
    for _ in range(maxiter):
        if np.sqrt(rr) < tol:
            return x, 0
        Ap = A @ p
        pAp = p @ Ap
        if pAp <= 0 and variant != "no-check":
            return x, -1
        alpha = (rr0 if variant == "stale" else rr) / pAp
        x = x + alpha * p
        r = r - alpha * Ap
        rr_new = r @ r
        p = r + (rr_new / (rr0 if variant == "stale" else rr)) * p
        rr = rr_new
    return x, maxiter


def _run(submission, A, b, **kw):
    f = function(submission, "conjugate_gradient")
    got = call(f, np.array(A, dtype=float), np.array(b, dtype=float), **kw)
    if not (isinstance(got, tuple) and len(got) == 2):
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (x, info), as scipy.sparse.linalg.cg returns.")
    x, info = got
    try:
        x = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; x is {show(x)}; expected an array of shape {np.shape(b)}.")
    if x.shape != np.shape(b):
        fail(f"Called {last_call()}; x has shape {x.shape}; expected {np.shape(b)}, the shape of b.")
    if not isinstance(info, (int, np.integer)) or isinstance(info, bool):
        fail(f"Called {last_call()}; info is {info!r} of type {type(info).__name__}; expected an int (0, maxiter or -1).")
    return x, int(info)


def _close(x, y, rel=1e-9):
    return np.linalg.norm(x - y) <= rel * max(np.linalg.norm(y), 1e-300)


def _diagnose(A, b, x, **kw):
    """Name the mistake when x equals a known wrong variant's result."""
    for variant, text in (
        ("stale", "Your iterates match CG with a stale r·r (computed once before the loop and never updated): "
                  "alpha = rᵀr / pᵀAp and beta = r_newᵀr_new / rᵀr must use the CURRENT residual, so update rr = r_new @ r_new "
                  "at the end of every iteration"),
        ("absolute", "Your iterates match a stopping test ‖r‖ < rtol on the absolute residual; the test is "
                     "‖r‖ < max(rtol·‖b‖, atol), relative to ‖b‖"),
    ):
        xv, _ = _reference(A, b, variant=variant, **kw)
        if _close(x, xv, 1e-12) and not _close(xv, _reference(A, b, **kw)[0], 1e-9):
            return " " + text + "."
    return ""


def test_hand_example(submission):
    """solves the 2 × 2 example [[4, 1], [1, 3]] x = (1, 2): x = (1/11, 7/11), info 0"""
    x, info = _run(submission, A2, b2)
    if info != 0 or not _close(x, np.array([1 / 11, 7 / 11]), 1e-12):
        fail(f"Called {last_call()}; returned x = {show(x)}, info = {info}; expected x = {show(np.array([1 / 11, 7 / 11]))} "
             "and info 0: CG solves a 2 × 2 SPD system in two steps (α₀ = 0.25, x₁ = (0.25, 0.5), then x₂ exact)."
             + _diagnose(A2, b2, x))


def test_iterates_step_by_step(submission):
    """with rtol=0, maxiter=k returns CG's k-th iterate and info k, for k = 1..6 on a 2D Poisson matrix"""
    A = poisson2d(5).toarray()
    b = np.cos(np.arange(25.0))
    for k in range(1, 7):
        x, info = _run(submission, A, b, rtol=0.0, maxiter=k)
        x_ref, _ = _reference(A, b, rtol=0.0, maxiter=k)
        if not _close(x, x_ref, 1e-9):
            fail(f"Called {last_call()}; after {k} iteration(s) x differs from CG's iterate x_{k} "
                 f"(relative difference {np.linalg.norm(x - x_ref) / np.linalg.norm(x_ref):.2e})."
                 + (_diagnose(A, b, x, rtol=0.0, maxiter=k) or
                    " Check the step alpha = rᵀr / pᵀAp, the update r = r − alpha·A p, and the new direction p = r_new + beta·p "
                    "with beta = r_newᵀr_new / rᵀr; one iteration per loop pass."))
        if info != k:
            fail(f"Called {last_call()}; info is {info}; expected {k} = maxiter, because with rtol = 0 and atol = 0 "
                 "the test ‖r‖ < 0 never succeeds and the loop runs out.")


def test_relative_stopping_rule_at_every_scale(submission):
    """the stopping rule is relative: A, b scaled by 1e-6 and 1e6 give the same x (scaled) as at scale 1"""
    A = poisson2d(6).toarray()
    b = np.sin(np.arange(36.0) + 1)
    x1, info1 = _run(submission, A, b)
    ref1, _ = _reference(A, b)
    if info1 != 0 or not _close(x1, ref1, 1e-9):
        fail(f"Called {last_call()}; returned info {info1} and an x that is not CG's answer at the default rtol = 1e-5 "
             f"(relative difference {np.linalg.norm(x1 - ref1) / np.linalg.norm(ref1):.2e})." + _diagnose(A, b, x1))
    for s in (1e-6, 1e6):
        x, info = _run(submission, A * s, b * s)
        ref, _ = _reference(A * s, b * s)
        if info != 0 or not _close(x, ref, 1e-9):
            msg = (f"Called {last_call()} (A and b multiplied by {s:g}); returned info {info}, x with relative difference "
                   f"{np.linalg.norm(x - ref) / np.linalg.norm(ref):.2e} from the expected; the same system in other units "
                   "must take the same steps.")
            if np.linalg.norm(x) == 0:
                msg += f" You returned x = 0 at once: ‖b‖ = {np.linalg.norm(b * s):.3g} is already below 1e-5 — an absolute test."
            fail(msg + (_diagnose(A * s, b * s, x) or " Use tol = max(atol, rtol * np.linalg.norm(b))."))


def test_atol_floor(submission):
    """rtol=0 and atol=1e-3 stops at the first iterate with ‖r‖ < 1e-3 (atol is a floor on the tolerance)"""
    A = poisson2d(6).toarray()
    b = np.ones(36)
    x, info = _run(submission, A, b, rtol=0.0, atol=1e-3)
    ref, _ = _reference(A, b, rtol=0.0, atol=1e-3)
    if info != 0 or not _close(x, ref, 1e-9):
        fail(f"Called {last_call()}; returned info {info} and an x {np.linalg.norm(x - ref) / np.linalg.norm(ref):.2e} "
             "(relative) away from CG's first iterate with ‖r‖ < atol = 1e-3; the tolerance is max(rtol·‖b‖, atol).")


def test_default_maxiter_is_10n(submission):
    """maxiter defaults to 10·n: with rtol=0, a 5 × 5 system runs 50 iterations and returns info 50"""
    A, b = _spd(5, 3)
    x, info = _run(submission, A, b, rtol=0.0)
    _, info_ref = _reference(A, b, rtol=0.0)
    if info != info_ref:
        fail(f"Called {last_call()}; info is {info}; expected {info_ref}: with rtol = atol = 0 the loop never stops early, "
             "so it runs the default maxiter = 10·n = 50 iterations (and p·Ap stays positive at rounding level).")


def test_x0_is_used_and_not_modified(submission):
    """starts from x0 (the iterates from x0 match CG's) and never modifies the caller's x0"""
    A = poisson2d(4).toarray()
    b = np.arange(16.0)
    x0 = np.linspace(1, 2, 16)
    keep = x0.copy()
    f = function(submission, "conjugate_gradient")
    got = call(f, A, b, x0=x0, rtol=0.0, maxiter=2)
    if not np.array_equal(x0, keep):
        fail(f"Called {last_call()}; your function changed the caller's x0 (now {show(x0)}). Start from a copy: "
             "x = np.array(x0, dtype=float), not x = x0 followed by x += ...")
    x = np.asarray(got[0], dtype=float)
    ref, _ = _reference(A, b, x0=keep, rtol=0.0, maxiter=2)
    if not _close(x, ref, 1e-9):
        fail(f"Called {last_call()}; the 2nd iterate from x0 differs from CG's; start with x = x0 and r = b − A x0, "
             "not from zeros.")
    x_star = np.linalg.solve(A, b)
    x, info = _run(submission, A, b, x0=x_star)
    if info != 0 or not _close(x, x_star, 1e-12):
        fail(f"Called {last_call()} with x0 the exact solution; returned info {info}; expected x0 back and info 0 at once "
             "(‖b − A x0‖ is at rounding level, below the tolerance).")


def test_indefinite_detected(submission):
    """returns info = -1 on the indefinite diag(1, -1, 2): the curvature pᵀAp is not positive"""
    A = np.diag([1.0, -1.0, 2.0])
    b = np.ones(3)
    x, info = _run(submission, A, b)
    if info != -1:
        fail(f"Called {last_call()}; returned info = {info}, x = {show(x)}; expected info = -1: the first direction "
             "p = b = (1, 1, 1) has pᵀAp = 2 > 0, but the second has pᵀAp < 0, so A is not positive definite. Test "
             "`if p @ A @ p <= 0: return x, -1` before dividing by it (CG steps uphill on an indefinite matrix).")
    x, info = _run(submission, np.diag([1.0, 0.0, 2.0]), np.array([1.0, 1.0, 0.0]))
    if info != -1:
        fail(f"Called {last_call()}; returned info = {info}; expected -1: on the singular diag(1, 0, 2) the second "
             "direction has pᵀAp = 0 exactly (compare with <= 0, not < 0).")


def test_zero_rhs(submission):
    """b = 0 returns x = 0 and info 0 at once, even from a nonzero x0"""
    A = poisson2d(3).toarray()
    x, info = _run(submission, A, np.zeros(9), x0=np.ones(9))
    if info != 0 or np.any(x != 0):
        fail(f"Called {last_call()}; returned x = {show(x)}, info = {info}; expected zeros and info 0: the solution of "
             "A x = 0 is 0 (SciPy returns it at once, whatever x0).")


def test_maxiter_reports_maxiter_even_if_last_step_converged(submission):
    """maxiter=1 on a 1 × 1 system returns the exact x and info 1 (SciPy tests ‖r‖ only at the start of an iteration)"""
    x, info = _run(submission, np.array([[2.0]]), np.array([4.0]), maxiter=1)
    if not _close(x, np.array([2.0]), 1e-15) or info != 1:
        fail(f"Called {last_call()}; returned x = {show(x)}, info = {info}; expected x = [2.] and info = 1: one step "
             "solves it, but the loop ran out before the next start-of-iteration test, and SciPy's cg reports maxiter then.")


def test_from_scratch(submission):
    """does not call a library solver (scipy.sparse.linalg.cg, np.linalg.solve, inv, la4ml.krylov.cg)"""
    A, b = _spd(6, 1)
    try:
        with blocked("scipy.sparse.linalg.cg", "numpy.linalg.solve", "numpy.linalg.inv", "scipy.linalg.solve",
                     "la4ml.krylov.cg", "scipy.sparse.linalg.spsolve", reason="write the CG iteration yourself"):
            _run(submission, A, b)
    except Feedback as e:
        if "blocked" in str(e):
            fail("conjugate_gradient called a library solver; the exercise is to write the iteration yourself "
                 "(products A @ p and dot products only).")
        raise


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 8), seed=st.integers(0, 10**6), scale=st.sampled_from([1e-6, 1.0, 1e6]))
@example(n=1, seed=0, scale=1e6)
def test_random_spd_systems(submission, n, seed, scale):
    """on random SPD systems at scales 1e-6, 1 and 1e6, converges with ‖b − A x‖ < 1e-9·‖b‖ (rtol=1e-9)"""
    A, b = _spd(n, seed, scale)
    x, info = _run(submission, A, b, rtol=1e-9)
    ref, info_ref = _reference(A, b, rtol=1e-9)
    res = np.linalg.norm(b - A @ x)
    if info != info_ref or not _close(x, ref, 1e-7):
        fail(f"Called {last_call()}; returned info {info} and residual ‖b − A x‖ = {res:.3g} (‖b‖ = {np.linalg.norm(b):.3g}); "
             f"expected info {info_ref} and CG's answer." + _diagnose(A, b, x, rtol=1e-9))


def test_strict_comparison_at_the_tolerance(submission):
    """with ‖b‖ = 5 exactly and atol = 5, rtol = 0, CG still takes a step (the test is ‖r‖ < tol, strict)"""
    x, info = _run(submission, np.eye(2), np.array([3.0, 4.0]), rtol=0.0, atol=5.0)
    if info != 0 or not np.array_equal(x, np.array([3.0, 4.0])):
        fail(f"Called {last_call()}; returned x = {show(x)}, info = {info}; expected x = [3., 4.] and info 0: "
             "‖r₀‖ = ‖b‖ = 5 is not < atol = 5, so one step is taken (and solves A = I exactly). SciPy's test is strict: "
             "np.linalg.norm(r) < tol, not <=.")
