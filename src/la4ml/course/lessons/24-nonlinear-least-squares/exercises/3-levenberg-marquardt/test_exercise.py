"""Hidden tests of exercise 24.3 — levenberg_marquardt_fit(fun, jac, x0, lam=1e-3, max_iter=100, xtol=1e-10)."""

import numpy as np
from scipy.optimize import least_squares

from la4ml.course.grading import call, expect_close, fail, function, last_call, show

RNG = np.random.default_rng(0)
T = np.linspace(0.0, 3.0, 40)
Y = 2.0 * np.exp(-1.4 * T) + 0.05 * RNG.standard_normal(T.size)


def decay(p):
    return p[0] * np.exp(-p[1] * T) - Y


def decay_jac(p):
    return np.column_stack([np.exp(-p[1] * T), -p[0] * T * np.exp(-p[1] * T)])


def rosen(x):
    return np.array([10.0 * (x[1] - x[0] ** 2), 1.0 - x[0]])


def rosen_jac(x):
    return np.array([[-20.0 * x[0], 10.0], [-1.0, 0.0]])


def _reference(fun, jac, x0, lam=1e-3, max_iter=100, xtol=1e-10):
    x = np.array(x0, dtype=float)
    r = fun(x)
    cost = 0.5 * float(r @ r)
    costs, lams = [cost], []
    for _ in range(max_iter):
        J = jac(x)
        p = np.linalg.solve(J.T @ J + lam * np.eye(x.size), -J.T @ r)
        r_new = fun(x + p)
        cost_new = 0.5 * float(r_new @ r_new)
        small = np.linalg.norm(p) <= xtol * (xtol + np.linalg.norm(x))
        if cost_new < cost:
            x, r, cost, lam = x + p, r_new, cost_new, lam / 3.0
        else:
            lam *= 2.0
        costs.append(cost)
        lams.append(lam)
        if small:
            break
    return x, costs, lams


def _fit(submission, fun, jac, x0, what, lam0=1e-3, **kwargs):
    """Run the learner's fit and check it iteration by iteration against the rules of the task."""
    x0 = np.array(x0, dtype=float)
    x0_before = x0.copy()
    got = call(function(submission, "levenberg_marquardt_fit"), fun, jac, x0, **kwargs)
    if not np.array_equal(x0, x0_before):
        fail(f"Called {last_call()}; afterwards x0 was {show(x0)}, not {show(x0_before)}: the fit modified x0 in "
             "place (x += p on the caller's array). Start from x = np.array(x0, dtype=float), a copy.")
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (x, costs, lams).")
    x, costs, lams = got
    x, costs, lams = np.asarray(x, dtype=float), np.asarray(costs, dtype=float).ravel(), np.asarray(lams, dtype=float).ravel()
    if x.shape != x0.shape:
        fail(f"Called {last_call()}; x has shape {x.shape}; expected {x0.shape}, the shape of x0.")
    if len(costs) != len(lams) + 1:
        fail(f"Called {last_call()}; returned {len(costs)} costs and {len(lams)} values of λ; expected one more cost "
             "than λ: costs[0] is the cost at x0, then one cost and one λ per iteration.")
    r0 = fun(x0_before)
    c0 = 0.5 * float(r0 @ r0)
    if c0 > 0 and np.isclose(costs[0], 2 * c0, rtol=1e-9, atol=0):
        fail(f"Called {last_call()} on {what}; costs[0] = {costs[0]:.6g} = ‖r‖² at x0; expected ½‖r‖² = {c0:.6g}. "
             "The cost carries the ½ (SciPy's convention, the function whose gradient is Jᵀr): cost = 0.5 * r @ r.")
    expect_close(costs[0], c0, rtol=1e-12, atol=0, what="costs[0]", because="costs[0] is ½‖fun(x0)‖², the cost at the start")
    rises = np.flatnonzero(costs[1:] > costs[:-1])
    if rises.size:
        i = int(rises[0])
        fail(f"Called {last_call()} on {what}; at iteration {i + 1} the recorded cost ROSE from {costs[i]:.6g} to "
             f"{costs[i + 1]:.6g}: a step that raised the cost was accepted (or the cost of the rejected trial point "
             "was recorded). Accept x + p only if cost(x + p) < cost(x); otherwise keep x, double λ, and record the "
             "cost at the x you kept.")
    prev = np.concatenate([[lam0], lams[:-1]])
    for i in range(len(lams)):
        accepted = costs[i + 1] < costs[i]
        want = prev[i] / 3.0 if accepted else 2.0 * prev[i]
        if np.isclose(lams[i], want, rtol=1e-12, atol=0):
            continue
        if accepted and lams[i] >= prev[i]:
            fail(f"Called {last_call()} on {what}; iteration {i + 1} lowered the cost ({costs[i]:.6g} → {costs[i + 1]:.6g}) "
                 f"but λ went from {prev[i]:.4g} to {lams[i]:.4g}; expected {want:.4g}. After a good step λ must "
                 "DECREASE (λ ← λ/3) — an LM that never lowers λ crawls like gradient descent with a tiny step.")
        if not accepted and lams[i] <= prev[i]:
            fail(f"Called {last_call()} on {what}; iteration {i + 1} was rejected (the cost stayed {costs[i]:.6g}) but "
                 f"λ went from {prev[i]:.4g} to {lams[i]:.4g}; expected {want:.4g} (λ ← 2λ), so that the next trial "
                 "step is shorter.")
        fail(f"Called {last_call()} on {what}; at iteration {i + 1} λ went from {prev[i]:.4g} to {lams[i]:.4g}; "
             f"expected {want:.4g}: divide by 3 after an accepted step, multiply by 2 after a rejected one.")
    x_ref, costs_ref, lams_ref = _reference(fun, jac, x0_before, **({"lam": lam0} | kwargs))
    if len(lams) != len(lams_ref):
        more = len(lams) > len(lams_ref)
        fail(f"Called {last_call()} on {what}; it ran {len(lams)} iterations; expected {len(lams_ref)}. "
             + ("It went on after the step became small: stop after the iteration in which ‖p‖ <= xtol·(xtol + ‖x‖), "
                "a test RELATIVE to ‖x‖ (with x from before the update), or after max_iter iterations (no more)."
                if more else
                "It stopped too early: stop only after max_iter iterations or after an iteration whose step has "
                "‖p‖ <= xtol·(xtol + ‖x‖)."))
    expect_close(x, x_ref, rtol=1e-8, atol=1e-12 * max(1.0, np.abs(x_ref).max()), what="x",
                 because=f"the iteration must end where the rules of the task lead on {what}")
    return x, costs, lams


def test_decay_fit(submission):
    """recovers (a, k) of the lesson's decay data from (1, 0.5) as SciPy's least_squares does"""
    x, _, _ = _fit(submission, decay, decay_jac, [1.0, 0.5], "the decay data")
    ref = least_squares(decay, [1.0, 0.5], jac=decay_jac, method="lm")
    expect_close(x, ref.x, rtol=1e-6, what="x", because="both minimize the same cost")


def test_cost_has_the_half(submission):
    """costs[0] is ½‖fun(x0)‖² (with the ½), on a problem with cost 2 at x0"""
    A = np.eye(2)
    _fit(submission, lambda x: A @ x - np.array([2.0, 0.0]), lambda x: A, [0.0, 0.0], "r(x) = x − (2, 0)")


def test_rosenbrock_rejects_bad_steps(submission):
    """on Rosenbrock from (-1.2, 1): never accepts a step that raises the cost, and reaches (1, 1)"""
    x, costs, lams = _fit(submission, rosen, rosen_jac, [-1.2, 1.0], "Rosenbrock's residuals")
    expect_close(x, [1.0, 1.0], rtol=1e-6, what="x", because="(1, 1) is Rosenbrock's minimum")


def test_lambda_decreases_after_good_steps(submission):
    """divides λ by 3 after every accepted step and doubles it after a rejected one (Rosenbrock, λ0 = 1)"""
    _fit(submission, rosen, rosen_jac, [-1.2, 1.0], "Rosenbrock's residuals with lam=1.0", lam0=1.0, lam=1.0)


def test_max_iter_is_respected(submission):
    """runs exactly max_iter = 3 iterations when the step is still large (3 values of λ, 4 costs)"""
    _, costs, lams = _fit(submission, rosen, rosen_jac, [-1.2, 1.0], "Rosenbrock with max_iter=3", max_iter=3)
    if len(lams) != 3:
        fail(f"Called {last_call()}; it ran {len(lams)} iterations; expected exactly max_iter = 3.")


def test_defaults(submission):
    """uses the defaults lam=1e-3, max_iter=100, xtol=1e-10 (decay data)"""
    _fit(submission, decay, decay_jac, [1.0, 0.5], "the decay data, all defaults")


def test_relative_stopping_rule(submission):
    """stops by the relative rule ‖p‖ <= xtol·(xtol + ‖x‖) for parameters of size 1e6"""
    A = np.array([[1.0, 0.5], [0.3, 2.0], [1.0, -1.0]])
    b = A @ np.array([1e6, -2e6])
    _fit(submission, lambda x: A @ x - b, lambda x: A, [0.0, 0.0], "a linear problem with solution (1e6, -2e6)")


def test_huge_residuals(submission):
    """follows the rules on the decay data scaled by 1e6 (cost of order 1e12)"""
    _fit(submission, lambda p: 1e6 * decay(p), lambda p: 1e6 * decay_jac(p), [1.0, 0.5], "1e6 × the decay data")


def test_tiny_residuals(submission):
    """follows the rules on the decay data scaled by 1e-6, with xtol=1e-6 and max_iter=20"""
    _fit(submission, lambda p: 1e-6 * decay(p), lambda p: 1e-6 * decay_jac(p), [1.0, 0.5],
         "1e-6 × the decay data", xtol=1e-6, max_iter=20)


def test_zero_step_is_not_accepted(submission):
    """starting at the exact minimum (p = 0, cost unchanged) the step is rejected: λ doubles to 2e-3, one iteration"""
    A = np.array([[2.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    x_star = np.array([1.0, 2.0])
    _fit(submission, lambda x: A @ x - A @ x_star, lambda x: A, x_star, "a start at the exact minimum")
    _fit(submission, lambda x: A @ x - A @ x_star, lambda x: A, x_star, "a start at the exact minimum with xtol=0",
         xtol=0.0, max_iter=5)


def test_default_max_iter(submission):
    """stops after the default max_iter = 100 iterations on r(x) = (x0⁴, x1⁴), whose steps shrink only by 3/4"""
    x, costs, lams = _fit(submission, lambda x: x ** 4, lambda x: np.diag(4 * x ** 3), [1.0, 2.0],
                          "r(x) = (x0⁴, x1⁴) from (1, 2), default max_iter")
    if len(lams) != 100:
        fail(f"Called {last_call()}; it ran {len(lams)} iterations; expected the default max_iter = 100.")


def test_default_xtol_on_slow_convergence(submission):
    """with the default xtol = 1e-10, stops at the same iteration on r(x) = (x0², x1²), which converges linearly"""
    _fit(submission, lambda x: x ** 2, lambda x: np.diag(2 * x), [1.0, 2.0], "r(x) = (x0², x1²) from (1, 2)")
