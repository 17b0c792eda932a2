"""Hidden tests of exercise 21.2 — jacobi_pcg(A, b, x0=None, rtol=1e-8, maxiter=None)."""

import warnings

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show
from la4ml.krylov import cg, jacobi, poisson2d


def _scaled(m, lo, hi):
    A = poisson2d(m).toarray()
    s = np.logspace(lo, hi, m * m)
    return s[:, None] * A * s[None, :]


def _reference(A, b, x0=None, rtol=1e-8, maxiter=None, variant=""):
    """Jacobi-PCG, and wrong variants: 'multiply' (z = d r), 'plain' (no preconditioner), 'stale' (old rᵀz)."""
    n = len(b)
    d = np.diag(A)
    apply = {"multiply": lambda r: r * d, "plain": lambda r: r}.get(variant, lambda r: r / d)
    x = np.zeros(n) if x0 is None else np.array(x0, dtype=float)
    maxiter = 10 * n if maxiter is None else maxiter
    if np.linalg.norm(b) == 0:
        return np.zeros(n), 0
    tol = rtol * np.linalg.norm(b)
    r = b - A @ x
    z = apply(r)
    p = z.copy()
    rz = r @ z
    rz0 = rz
    with np.errstate(all="ignore"):
        for _ in range(maxiter):
            if np.linalg.norm(r) < tol:
                return x, 0
            Ap = A @ p
            pAp = p @ Ap
            if not pAp > 0:
                return x, -1
            alpha = (rz0 if variant == "stale" else rz) / pAp
            x = x + alpha * p
            r = r - alpha * Ap
            z = apply(r)
            rz_new = r @ z
            p = z + (rz_new / (rz0 if variant == "stale" else rz)) * p
            rz = rz_new
    return x, maxiter


def _run(submission, A, b, **kw):
    f = function(submission, "jacobi_pcg")
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
    for variant, text in (
        ("multiply", "Your iterates match z = d * r: the Jacobi preconditioner M = D⁻¹ DIVIDES the residual by the "
                     "diagonal, z = r / d (multiplying squares the bad scaling instead of removing it)."),
        ("plain", "Your iterates match plain, unpreconditioned CG: use z = r / d in rᵀz, in beta, and in the new "
                  "direction p = z + beta * p."),
        ("stale", "Your iterates match a stale rᵀz (computed once, never updated): update rz = r_new @ z_new every iteration."),
    ):
        xv, _ = _reference(A, b, variant=variant, **kw)
        if np.all(np.isfinite(xv)) and _rel(x, xv) < 1e-10 and _rel(xv, _reference(A, b, **kw)[0]) > 1e-8:
            return " " + text
    return ""


def test_iterates_match_preconditioned_cg(submission):
    """with rtol=0, maxiter=k gives the k-th iterate of la4ml.krylov.cg(A, b, M=jacobi(A)), k = 1..5"""
    A = _scaled(5, -1, 1)
    b = np.cos(np.arange(25.0))
    for k in range(1, 6):
        x, info = _run(submission, A, b, rtol=0.0, maxiter=k)
        ref, _ = cg(A, b, rtol=0.0, maxiter=k, M=jacobi(A))
        if _rel(x, ref) > 1e-9:
            fail(f"Called {last_call()}; after {k} iteration(s) x is {_rel(x, ref):.2e} (relative) away from "
                 f"Jacobi-PCG's iterate." + (_diagnose(A, b, x, rtol=0.0, maxiter=k) or
                 " Check alpha = rᵀz / pᵀAp, z = r / d, beta = r_newᵀz_new / rᵀz and p = z_new + beta * p."))
        if info != k:
            fail(f"Called {last_call()}; info is {info}; expected {k}: with rtol = 0 the loop runs out.")


def test_badly_scaled_system_converges(submission):
    """on S A S with scales spanning 1e-2..1e2 (n = 256), converges to rtol = 1e-8 with the default maxiter"""
    A = _scaled(16, -2, 2)
    b = np.ones(256)
    x, info = _run(submission, A, b)
    res = np.linalg.norm(b - A @ x) / np.linalg.norm(b)
    if info != 0 or res > 1e-8 * 1.0001:
        _, info_plain = _reference(A, b, variant="plain")
        fail(f"Called {last_call()}; returned info {info}, relative residual {res:.2e}; expected info 0 and ≤ 1e-8: "
             f"Jacobi-PCG converges here (plain CG returns info {info_plain})." + _diagnose(A, b, x))
    ref, _ = _reference(A, b)
    if _rel(x, ref) > 1e-6:
        fail(f"Called {last_call()}; x differs from Jacobi-PCG's answer by {_rel(x, ref):.2e} (relative).")


def test_stopping_rule_relative_and_on_plain_residual(submission):
    """the test is ‖r‖ < rtol·‖b‖ on the plain residual: same iterates at scales 1e-6 and 1e6"""
    A = _scaled(6, -1, 1)
    b = np.sin(np.arange(36.0) + 1)
    for s in (1e-6, 1.0, 1e6):
        x, info = _run(submission, A * s, b * s, rtol=1e-6)
        ref, info_ref = _reference(A * s, b * s, rtol=1e-6)
        if info != info_ref or _rel(x, ref) > 1e-9:
            msg = (f"Called {last_call()} (A, b scaled by {s:g}); returned info {info}, x {_rel(x, ref):.2e} (relative) "
                   "away from the expected. Stop when np.linalg.norm(r) < rtol * np.linalg.norm(b), with the plain "
                   "residual r (not z, not an absolute threshold).")
            fail(msg + _diagnose(A * s, b * s, x, rtol=1e-6))


def test_default_maxiter(submission):
    """maxiter defaults to 10·n: rtol=0 on a scaled random 4 × 4 SPD system runs 40 iterations, info 40"""
    rng = np.random.default_rng(0)
    B = rng.standard_normal((4, 4))
    s = 10 ** rng.uniform(-1, 1, 4)
    A = s[:, None] * (B @ B.T + 4 * np.eye(4)) * s[None, :]
    b = np.arange(1.0, 5.0)
    x, info = _run(submission, A, b, rtol=0.0)
    if info != 40:
        fail(f"Called {last_call()}; info is {info}; expected 40: with rtol = 0 the test ‖r‖ < 0 never succeeds "
             "(and pᵀAp stays positive at rounding level here), so the loop runs the default maxiter = 10·n = 40.")


def test_zero_diagonal_raises(submission):
    """a zero diagonal entry raises ValueError naming its index"""
    f = function(submission, "jacobi_pcg")
    A = np.array([[2.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 2.0]])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            got = f(A, np.ones(3))
    except ValueError as e:
        if "1" not in str(e):
            fail(f"jacobi_pcg raised ValueError({str(e)!r}) for A[1, 1] = 0; name the index (1) in the message.")
        return
    except Exception as e:  # noqa: BLE001
        fail(f"jacobi_pcg raised {type(e).__name__}: {e}; expected ValueError naming A[1, 1] = 0.")
    fail(f"jacobi_pcg returned {show(got)} for a matrix with A[1, 1] = 0; expected ValueError: D⁻¹ does not exist.")


def test_x0_used_not_modified_and_zero_rhs(submission):
    """starts from x0 without modifying it; b = 0 returns zeros and info 0"""
    A = _scaled(3, -1, 1)
    b = np.arange(9.0)
    x0 = np.ones(9)
    f = function(submission, "jacobi_pcg")
    got = call(f, A, b, x0=x0, rtol=0.0, maxiter=2)
    if not np.array_equal(x0, np.ones(9)):
        fail(f"Called {last_call()}; your function changed the caller's x0 to {show(x0)}; start from a copy.")
    ref, _ = _reference(A, b, x0=np.ones(9), rtol=0.0, maxiter=2)
    if _rel(np.asarray(got[0], dtype=float), ref) > 1e-9:
        fail(f"Called {last_call()}; the 2nd iterate from x0 differs from Jacobi-PCG's; start with r = b − A x0.")
    x, info = _run(submission, A, np.zeros(9), x0=np.ones(9))
    if info != 0 or np.any(x != 0):
        fail(f"Called {last_call()}; returned x = {show(x)}, info {info}; expected zeros and 0 for b = 0.")


def test_indefinite_detected(submission):
    """returns info -1 on the indefinite [[1, 2], [2, 1]] with b = (1, -1): the first direction has pᵀAp = -2"""
    x, info = _run(submission, np.array([[1.0, 2.0], [2.0, 1.0]]), np.array([1.0, -1.0]))
    if info != -1:
        fail(f"Called {last_call()}; returned info {info}; expected -1: the first direction p = z = (1, -1) has "
             "pᵀAp = -2 <= 0, which proves A is not positive definite; return x, -1 before dividing by it.")


def test_from_scratch(submission):
    """does not call a library solver"""
    A = _scaled(3, -1, 1)
    try:
        with blocked("scipy.sparse.linalg.cg", "numpy.linalg.solve", "numpy.linalg.inv", "scipy.linalg.solve",
                     "la4ml.krylov.cg", reason="write the preconditioned iteration yourself"):
            _run(submission, A, np.ones(9))
    except Feedback as e:
        if "blocked" in str(e):
            fail("jacobi_pcg called a library solver; write the preconditioned CG iteration yourself.")
        raise


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 8), seed=st.integers(0, 10**6), spread=st.sampled_from([0.0, 2.0, 4.0]))
@example(n=1, seed=0, spread=4.0)
def test_random_scaled_spd(submission, n, seed, spread):
    """on random SPD matrices with diagonal scalings up to 1e4, matches Jacobi-PCG and meets rtol"""
    rng = np.random.default_rng(seed)
    B = rng.standard_normal((n, n))
    s = 10 ** rng.uniform(-spread / 2, spread / 2, n)
    A = s[:, None] * (B @ B.T + n * np.eye(n)) * s[None, :]
    b = rng.standard_normal(n)
    x, info = _run(submission, A, b)
    ref, info_ref = _reference(A, b)
    if info != info_ref or _rel(x, ref) > 1e-6:
        fail(f"Called {last_call()}; returned info {info}, x {_rel(x, ref):.2e} (relative) from Jacobi-PCG's answer "
             f"(info {info_ref})." + _diagnose(A, b, x))


def test_zero_curvature_and_strict_tolerance(submission):
    """pᵀAp = 0 exactly (PSD singular [[1, 1], [1, 1]]) gives info -1; ‖r₀‖ equal to rtol·‖b‖ still takes a step"""
    x, info = _run(submission, np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([1.0, 0.0]))
    if info != -1:
        fail(f"Called {last_call()}; returned info {info}, x = {show(x)}; expected -1: the second direction p = (1, -1) "
             "has pᵀAp = 0 exactly (A is singular), so the test must be pᵀAp <= 0, not < 0 (dividing by 0 gives inf/NaN).")
    x, info = _run(submission, 2 * np.eye(2), np.array([3.0, 4.0]), rtol=1.0)
    if info != 0 or not np.allclose(x, [1.5, 2.0], rtol=1e-15):
        fail(f"Called {last_call()}; returned x = {show(x)}, info {info}; expected x = [1.5, 2.] and info 0: "
             "‖r₀‖ = 5 is not < rtol·‖b‖ = 5, so one (exact) step is taken. The test is strict: ‖r‖ < tol.")


def test_default_rtol_is_1e8(submission):
    """rtol defaults to 1e-8: with maxiter = the number of iterations ‖r‖ < 1e-8·‖b‖ takes, info is 0"""
    A = _scaled(8, -2, 2)
    b = np.sin(np.arange(64.0) + 1)
    k = next(k for k in range(1, 400) if _reference(A, b, maxiter=k)[1] == 0)
    assert _reference(A, b, rtol=1e-9, maxiter=k)[1] == k  # the test's premise: 1e-9 needs more
    x, info = _run(submission, A, b, maxiter=k)
    if info != 0:
        fail(f"Called {last_call()} without rtol; returned info {info}; expected 0: Jacobi-PCG meets the default "
             f"rtol = 1e-8 in {k} iterations here, so maxiter={k} is enough.")
