"""Hidden tests of exercise 21.3 — gmres_restarted(A, b, restart=20, rtol=1e-8, maxiter=None)."""

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show

EPS = np.finfo(float).eps


def _matrix(n, seed, shift=3.0):
    rng = np.random.default_rng(seed)
    return np.eye(n) * shift + rng.standard_normal((n, n)) / np.sqrt(n)


def _reference(A, b, restart=20, rtol=1e-8, maxiter=None, variant=""):
    """The task's GMRES(m); variants: 'norestart' (one cycle of restart·maxiter steps), 'stuck' (x never updated
    between cycles), 'abs' (absolute tolerance)."""
    n = len(b)
    maxiter = 10 * n if maxiter is None else maxiter
    b_norm = np.linalg.norm(b)
    x = np.zeros(n)
    if b_norm == 0:
        return x, 0
    tol = rtol if variant == "abs" else rtol * b_norm
    if variant == "norestart":
        restart, maxiter = restart * maxiter, 1
    k = min(restart, n)
    x_prev = x
    for _ in range(maxiter):
        r = b - A @ (x_prev if variant == "stuck" else x)
        beta = np.linalg.norm(r)
        if beta < tol or beta == 0:  # converged (or solved exactly: no direction to build on)
            return x, 0
        V = np.zeros((n, k + 1))
        H = np.zeros((k + 1, k))
        V[:, 0] = r / beta
        steps = k
        for j in range(k):
            w = A @ V[:, j]
            w0 = np.linalg.norm(w)
            for i in range(j + 1):
                H[i, j] = V[:, i] @ w
                w = w - H[i, j] * V[:, i]
            H[j + 1, j] = np.linalg.norm(w)
            if H[j + 1, j] <= n * EPS * w0:
                steps = j + 1
                break
            V[:, j + 1] = w / H[j + 1, j]
        e1 = np.zeros(steps + 1)
        e1[0] = beta
        y = np.linalg.lstsq(H[: steps + 1, :steps], e1, rcond=None)[0]
        x = (x_prev if variant == "stuck" else x) + V[:, :steps] @ y
    return x, (0 if np.linalg.norm(b - A @ x) < tol else maxiter)


def _run(submission, A, b, **kw):
    f = function(submission, "gmres_restarted")
    got = call(f, np.array(A, dtype=float), np.array(b, dtype=float), **kw)
    if not (isinstance(got, tuple) and len(got) == 2):
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (x, info).")
    x = np.asarray(got[0], dtype=float)
    if x.shape != np.shape(b):
        fail(f"Called {last_call()}; x has shape {x.shape}; expected {np.shape(b)}.")
    if not isinstance(got[1], (int, np.integer)) or isinstance(got[1], bool):
        fail(f"Called {last_call()}; info is {got[1]!r}; expected an int.")
    return x, int(got[1])


def _rel(x, y):
    return np.linalg.norm(x - y) / max(np.linalg.norm(y), 1e-300)


def _diagnose(A, b, x, **kw):
    expected = _reference(A, b, **kw)[0]
    for variant, text in (
        ("norestart", "Your x matches GMRES WITHOUT restarts (one basis growing to restart × maxiter vectors): after "
                      "each cycle of `restart` steps, update x, discard V and H, and start a new cycle from r = b − A x, "
                      "so that memory stays at restart + 1 vectors."),
        ("stuck", "Your x matches cycles that all restart from the same x: set x = x + V y at the end of each cycle and "
                  "compute the next residual from that new x."),
        ("abs", "Your x matches an absolute stopping test ‖r‖ < rtol; the test is ‖r‖ < rtol·‖b‖."),
    ):
        xv, _ = _reference(A, b, variant=variant, **kw)
        if _rel(x, xv) < 1e-8 and _rel(xv, expected) > 1e-6:
            return " " + text
    return ""


def test_one_cycle_is_the_minimal_residual_iterate(submission):
    """restart=5, maxiter=1, rtol=0: x minimizes ‖b − A x‖ over the Krylov space K₅(A, b), info 1"""
    A = _matrix(30, 1)
    b = np.cos(np.arange(30.0))
    x, info = _run(submission, A, b, restart=5, maxiter=1, rtol=0.0)
    ref, _ = _reference(A, b, restart=5, maxiter=1, rtol=0.0)
    if _rel(x, ref) > 1e-8:
        fail(f"Called {last_call()}; x is {_rel(x, ref):.2e} (relative) away from the minimal-residual vector of "
             "K₅(A, b) = span{b, Ab, ..., A⁴b}. Check Arnoldi (A V[:, j] orthogonalized against V[:, :j+1]) and the "
             "least-squares problem min ‖β e₁ − H y‖ with H of shape (6, 5), then x = V[:, :5] @ y.")
    if info != 1:
        fail(f"Called {last_call()}; info is {info}; expected 1 = maxiter: one cycle cannot reach rtol = 0.")


def test_restarts_keep_memory_bounded(submission):
    """restart=5, maxiter=3, rtol=0 gives GMRES(5) after 3 cycles (restarted), not 15 steps of full GMRES"""
    A = _matrix(40, 2, shift=1.5)
    b = np.sin(np.arange(40.0))
    x, info = _run(submission, A, b, restart=5, maxiter=3, rtol=0.0)
    ref, _ = _reference(A, b, restart=5, maxiter=3, rtol=0.0)
    if _rel(x, ref) > 1e-8:
        fail(f"Called {last_call()}; after 3 cycles of 5 steps x is {_rel(x, ref):.2e} (relative) away from GMRES(5)'s."
             + (_diagnose(A, b, x, restart=5, maxiter=3, rtol=0.0) or
                " Each cycle: r = b − A x, a fresh basis from r/‖r‖, at most 5 Arnoldi steps, x = x + V y."))


def test_default_restart_is_20(submission):
    """restart defaults to 20: maxiter=1, rtol=0 on a 60 × 60 system gives the 20-step GMRES iterate"""
    A = _matrix(60, 3, shift=1.0)
    b = np.ones(60)
    x, _ = _run(submission, A, b, maxiter=1, rtol=0.0)
    ref, _ = _reference(A, b, restart=20, maxiter=1, rtol=0.0)
    if _rel(x, ref) > 1e-8:
        for m in (10, 30, 60):
            if _rel(x, _reference(A, b, restart=m, maxiter=1, rtol=0.0)[0]) < 1e-8:
                fail(f"Called {last_call()}; x is the {m}-step GMRES iterate; the default restart is 20.")
        fail(f"Called {last_call()}; x is not the 20-step GMRES iterate (relative difference {_rel(x, ref):.2e}).")


def test_converges_on_nonsymmetric_and_relative_tolerance(submission):
    """converges to ‖b − A x‖ < 1e-8·‖b‖ on a nonsymmetric 50 × 50 system at scales 1e-6, 1 and 1e6, info 0"""
    A0 = _matrix(50, 4)
    b0 = np.arange(50.0) - 20
    for s in (1e-6, 1.0, 1e6):
        A, b = A0 * s, b0 * s
        x, info = _run(submission, A, b)
        res = np.linalg.norm(b - A @ x) / np.linalg.norm(b)
        ref, _ = _reference(A, b)
        if info != 0 or res >= 1e-8 or _rel(x, ref) > 1e-6:
            fail(f"Called {last_call()} (A, b scaled by {s:g}); returned info {info}, relative residual {res:.2e}; "
                 "expected info 0 and the same x as at scale 1 (scaled): the tolerance is rtol·‖b‖." + _diagnose(A, b, x))


def test_not_converged_returns_maxiter(submission):
    """a hard system with restart=2, maxiter=3 returns info 3 and GMRES(2)'s x"""
    A = _matrix(30, 5, shift=0.3)
    b = np.ones(30)
    x, info = _run(submission, A, b, restart=2, maxiter=3)
    ref, info_ref = _reference(A, b, restart=2, maxiter=3)
    if info != info_ref or _rel(x, ref) > 1e-8:
        fail(f"Called {last_call()}; returned info {info}; expected {info_ref} (= maxiter, cycles ran out) and GMRES(2)'s "
             "x after 3 cycles." + _diagnose(A, b, x, restart=2, maxiter=3))


def test_happy_breakdown_and_small_systems(submission):
    """restart larger than n, and an invariant Krylov space (A diagonal, b with 2 nonzeros), give the exact x"""
    A = np.diag([1.0, 2.0, 3.0, 4.0])
    b = np.array([1.0, 1.0, 0.0, 0.0])
    x, info = _run(submission, A, b, restart=10)
    if info != 0 or not np.allclose(x, [1.0, 0.5, 0.0, 0.0], rtol=1e-12, atol=1e-14):
        fail(f"Called {last_call()}; returned x = {show(x)}, info {info}; expected x = [1, 0.5, 0, 0] and info 0: the "
             "Krylov space span{b, Ab} is invariant, so H[2, 1] is rounding noise — stop the cycle there (test "
             "H[j+1, j] <= n·eps·‖A v_j‖) instead of dividing by it; and use k = min(restart, n) steps.")
    x, info = _run(submission, np.array([[3.0, 1.0], [-1.0, 2.0]]), np.array([1.0, 0.0]))
    if info != 0 or not np.allclose(x, np.linalg.solve([[3.0, 1.0], [-1.0, 2.0]], [1.0, 0.0]), rtol=1e-12):
        fail(f"Called {last_call()}; returned x = {show(x)}, info {info}; expected the exact solution [2/7, 1/7], info 0.")


def test_zero_rhs(submission):
    """b = 0 returns zeros and info 0"""
    x, info = _run(submission, _matrix(5, 6), np.zeros(5))
    if info != 0 or np.any(x != 0):
        fail(f"Called {last_call()}; returned x = {show(x)}, info {info}; expected zeros and 0.")


def test_default_maxiter_counts_cycles(submission):
    """maxiter defaults to 10·n cycles: rtol=0 with restart=1 on a 3 × 3 system returns info 30"""
    A = _matrix(3, 7, shift=0.5)  # GMRES(1) is far from converged after 30 cycles here
    b = np.array([1.0, 2.0, 3.0])
    x, info = _run(submission, A, b, restart=1, rtol=0.0)
    if info != 30:
        fail(f"Called {last_call()}; info is {info}; expected 30: maxiter counts restart cycles and defaults to 10·n.")


def test_from_scratch(submission):
    """does not call a library solver for A x = b"""
    A = _matrix(10, 8)
    try:
        with blocked("scipy.sparse.linalg.gmres", "la4ml.krylov.gmres", "numpy.linalg.solve", "numpy.linalg.inv",
                     "scipy.linalg.solve", "scipy.sparse.linalg.spsolve", reason="build the Krylov basis yourself"):
            _run(submission, A, np.ones(10))
    except Feedback as e:
        if "blocked" in str(e):
            fail("gmres_restarted called a library solver; build the Arnoldi basis and solve the small "
                 "least-squares problem with H yourself (np.linalg.lstsq on H is fine).")
        raise


@settings(max_examples=20, deadline=None)
@given(n=st.integers(2, 12), seed=st.integers(0, 10**6), restart=st.integers(1, 6))
@example(n=2, seed=0, restart=1)
def test_random_systems(submission, n, seed, restart):
    """on random nonsymmetric systems, matches GMRES(restart) after 4 cycles"""
    A = _matrix(n, seed)
    b = np.random.default_rng(seed + 1).standard_normal(n)
    x, info = _run(submission, A, b, restart=restart, maxiter=4)
    ref, info_ref = _reference(A, b, restart=restart, maxiter=4)
    if info != info_ref or _rel(x, ref) > 1e-7:
        fail(f"Called {last_call()}; returned info {info}, x {_rel(x, ref):.2e} (relative) from GMRES({restart})'s "
             f"after 4 cycles (info {info_ref})." + _diagnose(A, b, x, restart=restart, maxiter=4))


def test_one_cycle_can_finish(submission):
    """maxiter=1: an invariant Krylov space (span{b, Ab}) or restart = n solves in the one cycle, info 0"""
    A = np.diag([1.0, 2.0, 3.0, 4.0])
    b = np.array([1.0, 1.0, 0.0, 0.0])
    x, info = _run(submission, A, b, restart=10, maxiter=1)
    if info != 0 or not np.allclose(x, [1.0, 0.5, 0.0, 0.0], rtol=1e-12, atol=1e-14):
        fail(f"Called {last_call()}; returned x = {show(x)}, info {info}; expected [1, 0.5, 0, 0] and info 0 after ONE "
             "cycle: at the breakdown H[2, 1] ≈ 0 keep the columns built so far (j + 1 of them, including this one) "
             "and solve with them; after the last cycle, report 0 if ‖b − A x‖ < rtol·‖b‖.")
    A = _matrix(6, 9)
    b = np.arange(1.0, 7.0)
    x, info = _run(submission, A, b, restart=6, maxiter=1)
    if info != 0 or np.linalg.norm(b - A @ x) >= 1e-8 * np.linalg.norm(b):
        fail(f"Called {last_call()}; returned info {info}, relative residual "
             f"{np.linalg.norm(b - A @ x) / np.linalg.norm(b):.1e}; expected 0: 6 Arnoldi steps span all of R⁶, so one "
             "cycle solves the system, and the final test must then return info 0, not maxiter.")


def test_tolerance_relative_mid_convergence(submission):
    """restart=3, rtol=1e-4: the same cycles, hence the same x, at scales 1e-6, 1 and 1e6"""
    A0 = _matrix(40, 10, shift=1.2)
    b0 = np.cos(np.arange(40.0))
    for s in (1e-6, 1.0, 1e6):
        A, b = A0 * s, b0 * s
        x, info = _run(submission, A, b, restart=3, rtol=1e-4)
        ref, info_ref = _reference(A, b, restart=3, rtol=1e-4)
        if info != info_ref or _rel(x, ref) > 1e-9:
            fail(f"Called {last_call()} (A, b scaled by {s:g}); returned info {info}, x {_rel(x, ref):.2e} (relative) from "
                 "GMRES(3)'s answer at rtol = 1e-4: the stopping test must be ‖r‖ < rtol·‖b‖, which does not depend on "
                 "the units." + _diagnose(A, b, x, restart=3, rtol=1e-4))


def test_default_rtol_is_1e8(submission):
    """rtol defaults to 1e-8: GMRES(2) on a 30 × 30 system reaches ‖r‖ < 1e-8·‖b‖ (but not 1e-9) in 8 cycles,
    so maxiter=8 gives info 0"""
    rng = np.random.default_rng(3)
    A = np.eye(30) * 3 + rng.standard_normal((30, 30)) / np.sqrt(30)
    b = rng.standard_normal(30)
    _, info_ref = _reference(A, b, restart=2, maxiter=8)
    assert info_ref == 0 and _reference(A, b, restart=2, rtol=1e-9, maxiter=8)[1] == 8  # the test's premise
    x, info = _run(submission, A, b, restart=2, maxiter=8)
    if info != 0:
        res = np.linalg.norm(b - A @ x) / np.linalg.norm(b)
        fail(f"Called {last_call()} without rtol; returned info {info} with relative residual {res:.2e}; expected "
             "info 0: the default rtol is 1e-8, and after 8 cycles ‖r‖ < 1e-8·‖b‖.")


def test_exact_solution_with_rtol_zero(submission):
    """rtol=0 on A = I, b = e₁: one cycle solves it exactly, the next finds r exactly zero and returns (x, 0) —
    no division by ‖r‖ = 0"""
    for A, b in ((np.eye(3), np.array([1.0, 0.0, 0.0])), (np.diag([2.0, 4.0]), np.array([2.0, 4.0]))):
        x, info = _run(submission, A, b, rtol=0.0, maxiter=3)
        if not np.all(np.isfinite(x)) or info != 0 or _rel(x, np.linalg.solve(A, b)) > 0:
            fail(f"Called {last_call()}; returned x = {show(x)}, info {info}; expected the exact solution "
                 f"{show(np.linalg.solve(A, b))} and info 0. With rtol = 0 the test ‖r‖ < 0 never passes, so the "
                 "cycle must also return when r is exactly zero (‖r‖ == 0), before dividing r by its norm.")


def test_singular_system_without_solution(submission):
    """A = [[1, 0], [0, 0]], b = (0, 1) (b in A's null space: no solution): A v = 0 is a breakdown, not a
    division by zero; x stays finite and info = maxiter = 20"""
    A = np.array([[1.0, 0.0], [0.0, 0.0]])
    b = np.array([0.0, 1.0])
    x, info = _run(submission, A, b)
    if not np.all(np.isfinite(x)) or info != 20:
        fail(f"Called {last_call()}; returned x = {show(x)}, info {info}; expected a finite x and info 20 (10·n "
             "cycles, none converging: A x = b has no solution). Here A v₁ = 0, so ‖w‖ = 0 and H[1, 0] = 0: the "
             "breakdown test H[j+1, j] <= n·ε·‖A v_j‖ must hold with equality too (<=, not <), or you divide by 0.")
