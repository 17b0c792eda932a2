"""Hidden tests of exercise 10.2 — power_iteration(A, x0, tol, maxiter) and eigvec_distance(u, v)."""

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show

LIBRARY = ("numpy.linalg.eig", "numpy.linalg.eigh", "numpy.linalg.eigvals", "numpy.linalg.eigvalsh",
           "scipy.linalg.eig", "scipy.linalg.eigh", "scipy.linalg.eigvals", "scipy.linalg.eigvalsh",
           "scipy.sparse.linalg.eigs", "scipy.sparse.linalg.eigsh", "torch.linalg.eig", "torch.linalg.eigh",
           "la4ml.eigen.power_iteration", "networkx.eigenvector_centrality_numpy")


def reference(A, x0, tol=1e-10, maxiter=1000):
    """The task's algorithm. Returns (λ, x, k, margins) where margins[j] = residual / bound at step j + 1."""
    A = np.asarray(A, dtype=float)
    x = np.asarray(x0, dtype=float) / np.linalg.norm(x0)
    bound = tol * np.linalg.norm(A)
    margins = []
    for k in range(1, maxiter + 1):
        y = A @ x
        lam = x @ y
        r = np.linalg.norm(y - lam * x)
        margins.append(r / bound if bound > 0 else (0.0 if r == 0 else np.inf))
        if r <= bound or k == maxiter:
            return lam, x, k, margins
        x = y / np.linalg.norm(y)


def _stop_step(A, x0, tol, maxiter, rule):
    """The step at which a (possibly wrong) stopping rule stops the task's iteration: for naming a learner's rule."""
    A = np.asarray(A, dtype=float)
    x = np.asarray(x0, dtype=float) / np.linalg.norm(x0)
    lam_old = None
    for k in range(1, maxiter + 1):
        y = A @ x
        lam = x @ y
        r = np.linalg.norm(y - lam * x)
        stop = {"absolute": r <= tol, "two-norm": r <= tol * np.linalg.norm(A, 2), "lambda": r <= tol * abs(lam),
                "strict": r < tol * np.linalg.norm(A),
                "eigenvalue": lam_old is not None and abs(lam - lam_old) <= tol * abs(lam)}[rule]
        if stop or k == maxiter:
            return k
        lam_old = lam
        x = y / np.linalg.norm(y)


RULES = {
    "absolute": "Your tolerance looks ABSOLUTE (residual <= tol): it must be relative to the size of A, "
                "np.linalg.norm(y - lam * x) <= tol * np.linalg.norm(A).",
    "two-norm": "Your bound looks like tol·‖A‖₂ (the 2-norm): the task's is tol·‖A‖_F, np.linalg.norm(A) with no "
                "second argument (the Frobenius norm).",
    "lambda": "Your bound looks like tol·|λ|: the task's is tol·‖A‖_F, np.linalg.norm(A).",
    "strict": "Your test looks strict (<): the task's is <=, which matters when the residual is exactly 0.",
    "eigenvalue": "You stop when λ stops changing, but the eigenvalue settles long before the vector does: judge "
                  "convergence on the residual ‖Ax - λx‖.",
}


def _dist(u, v):
    u, v = u / np.linalg.norm(u), v / np.linalg.norm(v)
    return min(np.linalg.norm(u - v), np.linalg.norm(u + v))


def _run(submission, A, x0, **kwargs):
    """Call power_iteration and check the shape of what comes back; returns (λ, x, k) as float, array, int."""
    A, x0 = np.array(A, dtype=float), np.array(x0, dtype=float)
    got = call(function(submission, "power_iteration"), A, x0, **kwargs)
    if not isinstance(got, tuple) or len(got) != 3:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (eigenvalue, eigenvector, n_iter).")
    lam, x, k = got
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        fail(f"Called {last_call()}; n_iter is {show(k)} ({type(k).__name__}); expected an int, the step at which the "
             "test passed.")
    try:
        lam = float(lam)
        x = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned ({show(lam)}, {show(x)}, {k}); expected a real number and a vector.")
    if x.shape != (len(A),):
        fail(f"Called {last_call()}; the eigenvector has shape {x.shape}; expected ({len(A)},).")
    if not (np.isfinite(lam) and np.all(np.isfinite(x))):
        fail(f"Called {last_call()}; returned λ = {lam} and x = {show(x)}, with NaN or infinity. Without normalizing "
             "x at every step, ‖Aᵏx0‖ grows like |λ₁|ᵏ and overflows (1000^103 > 1.8e308): set x = y / ‖y‖ each step.")
    if not np.isclose(np.linalg.norm(x), 1.0, rtol=1e-9):
        fail(f"Called {last_call()}; the eigenvector has length {np.linalg.norm(x):.6g}; return x of unit length "
             "(x = y / np.linalg.norm(y) at every step, and x0 / ‖x0‖ at the start).")
    return lam, x, int(k)


def _check(submission, A, x0, *, because="", **kwargs):
    """Compare with the task's algorithm: the eigenpair, the residual rule and the step count."""
    A, x0 = np.array(A, dtype=float), np.array(x0, dtype=float)
    lam, x, k = _run(submission, A, x0, **kwargs)
    tol, maxiter = kwargs.get("tol", 1e-10), kwargs.get("maxiter", 1000)
    lam_r, x_r, k_r, margins = reference(A, x0, tol, maxiter)
    bound = tol * np.linalg.norm(A)
    scale = max(np.linalg.norm(A), 1e-300)
    because = f" {because}" if because else ""
    if abs(lam - x @ A @ x) > 1e-9 * scale:
        if np.isclose(abs(lam), np.linalg.norm(A @ x), rtol=1e-6) and lam_r < 0:
            fail(f"Called {last_call()}; returned λ = {lam:.10g}, but the dominant eigenvalue is {lam_r:.10g}: ‖Ax‖ "
                 "loses the sign. Use the Rayleigh quotient λ = x @ (A @ x) of the unit vector x.")
        fail(f"Called {last_call()}; returned λ = {lam:.10g}, but the Rayleigh quotient of the returned x is "
             f"x·Ax = {x @ A @ x:.10g}: return λ and x from the same step (λ = x @ A @ x).")
    if k == k_r and _dist(x, x_r) <= 1e-7 and abs(lam - lam_r) <= 1e-9 * scale:
        return lam, x, k
    near_boundary = (k_r > 1 and margins[k_r - 2] < 1.0001) or (margins[k_r - 1] > 0.9999 and k_r < maxiter)
    if abs(k - k_r) == 1 and near_boundary and _dist(x, x_r) <= 1e-6:
        return lam, x, k                                # rounding decided the step at the edge of the bound
    residual = np.linalg.norm(A @ x - lam * x)
    matching = [advice for rule, advice in RULES.items() if k != k_r and _stop_step(A, x0, tol, maxiter, rule) == k]
    if matching:
        fail(f"Called {last_call()}; returned n_iter = {k} (residual ‖Ax - λx‖ = {residual:.3g}); the task's rule "
             f"stops at step {k_r}, the first with ‖Ax - λx‖ <= tol·‖A‖_F = {bound:.3g}. "
             + (" Or: ".join(matching)) + because)
    if k < k_r and residual > bound * (1 + 1e-6):
        if residual <= tol * (1 + 1e-6) and bound < tol:
            fail(f"Called {last_call()}; stopped at step {k} with ‖Ax - λx‖ = {residual:.3g}; the task's rule stops at "
                 f"step {k_r}, when the residual is <= tol·‖A‖_F = {bound:.3g}. Your tolerance looks ABSOLUTE "
                 f"(residual <= tol); for a matrix of size ‖A‖_F = {np.linalg.norm(A):.3g} it must be relative: "
                 f"np.linalg.norm(y - lam * x) <= tol * np.linalg.norm(A).{because}")
        fail(f"Called {last_call()}; stopped at step {k} with ‖Ax - λx‖ = {residual:.3g}, above tol·‖A‖_F = {bound:.3g}"
             f", so x is not yet an eigenvector (the task's rule stops at step {k_r}). Stop only when the residual of "
             "the VECTOR passes (not when λ settles)"
             + (", and check that maxiter defaults to 1000" if "maxiter" not in kwargs else "") + f".{because}")
    if k != k_r:
        if k == k_r + 1:
            detail = (" One step too many: count from k = 1 (the first step tests x0 / ‖x0‖ itself) and return as soon "
                      "as the residual is <= the bound.")
        elif k == k_r - 1:
            detail = (" One step too few: the first step (k = 1) tests x0 / ‖x0‖ itself; return the k whose residual "
                      "passed.")
        elif k > k_r:
            detail = (" Your bound is stricter than the task's: it is tol times the FROBENIUS norm, np.linalg.norm(A) "
                      "(not the 2-norm nor |λ|), and the test is <=.")
        else:
            detail = ""
        fail(f"Called {last_call()}; returned n_iter = {k}; the task's rule stops at step {k_r}, the first step with "
             f"‖Ax - λx‖ <= tol·‖A‖_F = {bound:.3g}.{detail}{because}")
    fail(f"Called {last_call()}; returned λ = {lam:.12g} and x = {show(x)}; expected λ = {lam_r:.12g} and x = "
         f"{show(x_r)} up to sign (distance {_dist(x, x_r):.2g}).{because}")


def test_hand_example(submission):
    """[[2, 1], [1, 2]] from x0 = (1, 0): λ = 3, x = ±(1, 1)/√2, after 22 steps"""
    lam, x, k = _check(submission, [[2.0, 1.0], [1.0, 2.0]], [1.0, 0.0])
    if not (abs(lam - 3) < 1e-12 and _dist(x, np.array([1.0, 1.0])) < 1e-9 and k == 22):
        fail(f"Called {last_call()}; returned ({lam}, {show(x)}, {k}); expected (3.0, ±[0.707107, 0.707107], 22).")


def test_any_sign_accepted(submission):
    """the eigenvector may come back as x or -x (both are right): -x0 gives the same eigenvalue and step count"""
    A = np.array([[2.0, 1.0], [1.0, 2.0]])
    _check(submission, A, [-1.0, 0.0])
    _check(submission, [[-5.0, 1.0], [1.0, 2.0]], [0.3, -1.0])


def test_eigenvector_start_stops_at_step_1(submission):
    """x0 already an eigenvector stops at step 1; with tol=0 too (the test is <=, not <)"""
    for A, x0, kw in (([[2.0, 1.0], [1.0, 2.0]], [5.0, 5.0], {}), (np.diag([3.0, 1.0, 0.5]), [2.0, 0.0, 0.0], {"tol": 0.0})):
        _check(submission, A, x0, because="An exact eigenvector has residual 0 at step 1.", **kw)


def test_zero_matrix(submission):
    """the zero matrix: λ = 0 at step 1 (Ax = 0 = 0·x), no division by zero"""
    _check(submission, np.zeros((3, 3)), [1.0, 2.0, 2.0],
           because="For A = 0 the residual is 0 and the bound tol·‖A‖_F is 0: 0 <= 0 stops at step 1.")


def test_negative_dominant_eigenvalue(submission):
    """the dominant eigenvalue of [[-5, 1], [1, 2]] is negative (about -5.14): λ keeps its sign"""
    _check(submission, [[-5.0, 1.0], [1.0, 2.0]], [1.0, 1.0])


def test_no_overflow_large_eigenvalue(submission):
    """λ_max = 1000 over 200 steps (maxiter=200) returns finite numbers: x is normalized at every step"""
    _check(submission, np.diag([1000.0, 999.0, 1.0]), [1.0, 1.0, 1.0], maxiter=200)


def test_residual_not_eigenvalue_change(submission):
    """[[0, 1], [1, 0]] from (1, 0): λ = x·Ax stays 0 but x flips between axes; no convergence, n_iter = maxiter"""
    because = ("For this matrix λ = x·Ax is 0 at every step, so 'λ stopped changing' is true at once, yet x = (1, 0) "
               "and Ax = (0, 1) are perpendicular.")
    _check(submission, [[0.0, 1.0], [1.0, 0.0]], [1.0, 0.0], maxiter=50, because=because)


def test_vector_accuracy(submission):
    """a slowly converging symmetric matrix (|λ₂/λ₁| = 0.95): the vector is accurate when it stops, not only λ"""
    rng = np.random.default_rng(7)
    Q, _ = np.linalg.qr(rng.standard_normal((6, 6)))
    A = Q @ np.diag([2.0, 1.9, 1.0, 0.5, -0.3, -1.2]) @ Q.T
    A = (A + A.T) / 2
    _check(submission, A, np.ones(6), because="The Rayleigh quotient's error is the square of the vector's: stop on "
           "the residual.")


def test_relative_tolerance_at_scale(submission):
    """the same matrix times 1e-6 and times 1e6 stops at the same step (a tolerance relative to ‖A‖_F)"""
    rng = np.random.default_rng(3)
    Q, _ = np.linalg.qr(rng.standard_normal((5, 5)))
    A = Q @ np.diag([3.0, 2.4, 1.0, -1.5, 0.2]) @ Q.T
    A = (A + A.T) / 2
    for s in (1e-6, 1e6, 1.0):
        _check(submission, s * A, np.arange(1.0, 6.0),
               because=f"(A scaled by {s:g}: an absolute tolerance stops too early at 1e-6 and never at 1e6.)")


def test_frobenius_norm_in_the_bound(submission):
    """the bound uses the Frobenius norm ‖A‖_F = np.linalg.norm(A), not the largest eigenvalue or the 2-norm"""
    A = np.diag([1.0, 0.97, 0.97, 0.97, 0.97, 0.97, 0.97, 0.97, 0.97])
    _check(submission, A, np.ones(9), because="Here ‖A‖_F = 2.9 while ‖A‖₂ = 1.")


def test_defaults(submission):
    """the defaults tol=1e-10 and maxiter=1000: a fast case stops as the task says; a slow one returns n_iter = 1000"""
    _check(submission, [[4.0, 1.0], [2.0, 3.0]], [1.0, 0.0])
    lam, x, k = _check(submission, np.diag([1.0, 0.9995, 0.2]), [1.0, 1.0, 1.0])
    if k != 1000:
        fail(f"Called {last_call()}; returned n_iter = {k}; expected 1000 (the default maxiter): |λ₂/λ₁| = 0.9995 needs "
             "far more steps than that.")


def test_maxiter(submission):
    """maxiter=5 stops after 5 steps and returns the fifth step's λ and x"""
    _check(submission, np.diag([2.0, 1.8, 0.5]), [1.0, 1.0, 1.0], maxiter=5)
    _check(submission, np.diag([2.0, 1.8, 0.5]), [1.0, 1.0, 1.0], maxiter=1)


def test_nonsymmetric(submission):
    """the nonsymmetric [[4, 1], [2, 3]] gives λ = 5 with x = ±(1, 1)/√2"""
    _check(submission, [[4.0, 1.0], [2.0, 3.0]], [0.0, 1.0])
    rng = np.random.default_rng(11)
    V = np.eye(4) + 0.3 * rng.standard_normal((4, 4))
    _check(submission, V @ np.diag([-4.0, 2.0, 1.0, 0.5]) @ np.linalg.inv(V), np.ones(4))


def test_from_scratch(submission):
    """iterates itself: still works when np.linalg.eig/eigh, SciPy's and PyTorch's eigensolvers are unavailable"""
    f = function(submission, "power_iteration")
    with blocked(*LIBRARY, reason="multiply and normalize yourself"):
        try:
            got = call(f, np.array([[2.0, 1.0], [1.0, 2.0]]), np.array([1.0, 0.0]))
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks for power iteration by hand; use np.linalg.eigh only outside "
                     "power_iteration, to compare.")
            raise
    if not (isinstance(got, tuple) and len(got) == 3 and abs(float(got[0]) - 3) < 1e-12):
        fail(f"Called {last_call()}; returned {show(got)}; expected λ = 3.")


@st.composite
def symmetric_cases(draw):
    n = draw(st.integers(2, 7))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    rest = rng.uniform(-1, 1, n - 1)
    top = draw(st.sampled_from([-1.0, 1.0])) * draw(st.floats(1.3, 4.0))
    Q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    A = Q @ np.diag(np.concatenate([[top], rest])) @ Q.T
    return (A + A.T) / 2 * 10.0 ** draw(st.integers(-6, 6)), rng.standard_normal(n)


@settings(max_examples=30, deadline=None)
@given(case=symmetric_cases())
@example(case=(np.array([[1e-6, 2e-7], [2e-7, -5e-7]]), np.array([1.0, 1.0])))
def test_property_random(submission, case):
    """random symmetric matrices at scales 1e-6…1e6 with |λ₁|/|λ₂| >= 1.3: the task's eigenpair and step count"""
    A, x0 = case
    _check(submission, A, x0)


# ----------------------------------------------------------------------------------------------- eigvec_distance


def _distance(submission, u, v):
    got = call(function(submission, "eigvec_distance"), np.array(u, dtype=float), np.array(v, dtype=float))
    try:
        return float(got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected a single number.")


def test_distance_ignores_sign_and_length(submission):
    """eigvec_distance: v and -3v are the same direction (0); so are v and 1e6·v"""
    for u, v in (([1.0, 2.0, -1.0], [-3.0, -6.0, 3.0]), ([1.0, 2.0, -1.0], [1e6, 2e6, -1e6]), ([0.6, 0.8], [-0.6, -0.8])):
        got = _distance(submission, u, v)
        if abs(got) > 1e-12:
            hint = ""
            if abs(got - 2) < 1e-9:
                hint = " ‖û - v̂‖ = 2 for opposite signs: take the smaller of ‖û - v̂‖ and ‖û + v̂‖."
            elif abs(got) > 1e-3:
                hint = " Normalize both vectors first (û = u / ‖u‖) so that their lengths do not count."
            fail(f"Called {last_call()}; returned {got:.6g}; expected 0: the two vectors are parallel, and an "
                 f"eigenvector's sign and length mean nothing.{hint}")


def test_distance_values(submission):
    """eigvec_distance: √2 for perpendicular vectors, 0.765367 at 45°, symmetric in its arguments"""
    cases = [([1.0, 0.0], [0.0, 5.0], np.sqrt(2)), ([1.0, 0.0], [1.0, 1.0], np.sqrt(2 - np.sqrt(2))),
             ([2.0, 0.0], [-1.0, 1.0], np.sqrt(2 - np.sqrt(2))), ([1.0, 1.0, 0.0], [1.0, 0.0, 0.0], np.sqrt(2 - np.sqrt(2)))]
    for u, v, expected in cases:
        for a, b in ((u, v), (v, u)):
            got = _distance(submission, a, b)
            if not np.isclose(got, expected, rtol=1e-12):
                fail(f"Called {last_call()}; returned {got:.10g}; expected min(‖û - v̂‖, ‖û + v̂‖) = {expected:.10g}.")


def test_distance_zero_vector_raises(submission):
    """eigvec_distance raises ValueError when either vector is zero (it has no direction)"""
    f = function(submission, "eigvec_distance")
    for u, v in (([0.0, 0.0], [1.0, 0.0]), ([1.0, 2.0], [0.0, 0.0])):
        try:
            got = f(np.array(u), np.array(v))
        except ValueError:
            continue
        except Exception as exc:  # noqa: BLE001 - the learner's exception, reported
            fail(f"Called eigvec_distance({u}, {v}); it raised {type(exc).__name__}: {exc}; expected ValueError (a zero "
                 "vector has no direction): check the norms first and raise ValueError.")
        fail(f"Called eigvec_distance({u}, {v}); returned {show(got)}; expected it to raise ValueError: a zero vector "
             "has no direction, so the distance is undefined (dividing by its norm gives NaN).")
