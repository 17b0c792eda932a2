"""Hidden tests of exercise 24.1 — jacobian_fd(fun, x), forward differences with step sqrt(eps)·max(1, |x_j|)."""

import numpy as np

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show

EPS = np.finfo(float).eps
T = np.linspace(0.0, 3.0, 7)
Y = 2.0 * np.exp(-1.4 * T)


def decay(p):
    return p[0] * np.exp(-p[1] * T) - Y


def decay_jac(p):
    return np.column_stack([np.exp(-p[1] * T), -p[0] * T * np.exp(-p[1] * T)])


def _fd(fun, x, h):
    r0 = fun(x)
    return np.column_stack([(fun(x + h[j] * e) - r0) / h[j] for j, e in enumerate(np.eye(len(x)))])


def _jacobian(submission, fun, x, exact, what):
    """Call jacobian_fd and check shape, finiteness and values column by column against `exact`."""
    x = np.array(x, dtype=float)
    x_before = x.copy()
    with blocked("scipy.optimize.approx_fprime", "scipy.optimize._numdiff.approx_derivative",
                 "scipy.differentiate.jacobian", reason="write the differences yourself"):
        try:
            got = call(function(submission, "jacobian_fd"), fun, x)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks for the forward differences from scratch: perturb one parameter "
                     "at a time and divide the change of fun by the step.")
            raise
    if not np.array_equal(x, x_before):
        fail(f"Called {last_call()}; afterwards x was {show(x)} instead of {show(x_before)}: jacobian_fd modified "
             "its input. Perturb a copy (xj = x.copy(); xj[j] += h[j]), never x itself.")
    try:
        J = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an ndarray of shape {exact.shape}.")
    m, n = exact.shape
    if J.shape == (n, m) and m != n:
        fail(f"Called {last_call()}; the result has shape {J.shape} = (n, m); expected {exact.shape} = (m, n): one "
             "ROW per residual and one COLUMN per parameter. Your Jacobian is transposed (you filled row j "
             "with the differences for parameter j); fill column j: J[:, j] = (fun(xj) - r0) / h[j].")
    if J.shape != exact.shape:
        fail(f"Called {last_call()}; the result has shape {J.shape}; expected {exact.shape} (m residuals × n "
             "parameters).")
    if not np.all(np.isfinite(J)):
        j = int(np.argwhere(~np.isfinite(J))[0][1])
        fail(f"Called {last_call()} with x[{j}] = {x[j]}; column {j} of the result is {show(J[:, j])}, not finite: "
             f"the step h_{j} must never be 0. Use h_j = sqrt(eps) * max(1, |x_j|) — the max with 1 keeps it "
             "nonzero at x_j = 0 (a purely relative step sqrt(eps) * |x_j| divides by zero).")
    for j in range(n):
        scale = max(np.abs(exact[:, j]).max(), 1e-300)
        err = np.abs(J[:, j] - exact[:, j]).max() / scale
        if err <= 1e-6:
            continue
        if not np.any(J[:, j]):
            fail(f"Called {last_call()} on {what}; column {j} is all zeros, expected {show(exact[:, j])}: x_{j} + h rounded "
                 f"back to x_{j} = {x[j]:.3g}, because your step is below the spacing of the floats near x_{j} "
                 f"({abs(np.spacing(x[j])):.2g}). The step must be relative for large parameters: h_j = sqrt(eps) * "
                 "max(1, |x_j|) (an absolute 1.5e-8, 1e-8 or 1e-12 vanishes here).")
        h_good = np.sqrt(EPS) * np.maximum(1.0, np.abs(x))
        diagnoses = [
            (np.full(n, 1e-12), "a step of 1e-12: the difference fun(x + h) - fun(x) is then mostly rounding "
             "noise (about eps·|r|/h ≈ 1e-4 relative). Use h_j = sqrt(eps) * max(1, |x_j|) ≈ 1.5e-8 · max(1, |x_j|)"),
            (np.full(n, np.sqrt(EPS)), f"an absolute step sqrt(eps) ≈ 1.5e-8: at x_{j} = {x[j]:.3g} that is below "
             "the spacing of the floats near x_j, so x_j + h rounds and the quotient is rounding. Scale the step: "
             "h_j = sqrt(eps) * max(1, |x_j|)"),
            (np.full(n, 1e-8), f"a fixed step 1e-8: at x_{j} = {x[j]:.3g} that is below the spacing of the floats "
             "near x_j. Scale the step: h_j = sqrt(eps) * max(1, |x_j|)"),
            (np.sqrt(EPS) * np.maximum(1.0, x), f"h_j = sqrt(eps) * max(1, x_j) without the absolute value: at "
             f"x_{j} = {x[j]:.3g} < 0 that is the absolute step 1.5e-8, too small for a number this large. "
             "Use max(1, abs(x_j))"),
        ]
        with np.errstate(all="ignore"):
            for h, why in diagnoses:
                if np.allclose(_fd(fun, x, h)[:, j], J[:, j], rtol=1e-9, atol=0) and not np.allclose(h, h_good):
                    fail(f"Called {last_call()} on {what}; column {j} is {show(J[:, j])}, expected {show(exact[:, j])} "
                         f"(relative error {err:.1e}); it matches {why}.")
        if np.allclose(J[:, j], -exact[:, j], rtol=1e-5, atol=0):
            fail(f"Called {last_call()} on {what}; column {j} is {show(J[:, j])}, the NEGATIVE of the derivative "
                 f"{show(exact[:, j])}: compute (fun(x + h e_j) - fun(x)) / h, in that order.")
        fail(f"Called {last_call()} on {what}; column {j} (the derivatives with respect to x[{j}] = {x[j]:.4g}) is "
             f"{show(J[:, j])}; expected {show(exact[:, j])} (relative error {err:.1e}, allowed 1e-6). Column j must "
             "be (fun(x + h_j e_j) - fun(x)) / h_j with h_j = sqrt(eps) * max(1, |x_j|), perturbing x_j only.")
    return J


def test_decay_model_values(submission):
    """matches the analytic Jacobian of a·exp(-k t) − y (7 residuals, 2 parameters) to 1e-6 relative"""
    x = np.array([1.8, 1.2])
    _jacobian(submission, decay, x, decay_jac(x), "the decay model at (a, k) = (1.8, 1.2)")


def test_non_square_shape(submission):
    """returns shape (m, n) = (3, 2) for 3 residuals and 2 parameters (not its transpose)"""
    fun = lambda x: np.array([x[0] ** 2, x[0] * x[1], 3.0 * x[1]])  # noqa: E731
    x = np.array([3.0, 2.0])
    _jacobian(submission, fun, x, np.array([[6.0, 0.0], [2.0, 3.0], [0.0, 3.0]]), "fun(x) = (x0², x0·x1, 3·x1)")


def test_wide_shape_one_residual(submission):
    """returns shape (1, 3) for a single residual of three parameters"""
    fun = lambda x: np.array([x[0] + 2.0 * x[1] - x[2] ** 2])  # noqa: E731
    x = np.array([1.0, -1.0, 2.0])
    _jacobian(submission, fun, x, np.array([[1.0, 2.0, -4.0]]), "fun(x) = (x0 + 2·x1 − x2²,)")


def test_one_parameter(submission):
    """returns shape (m, 1) for one parameter"""
    x = np.array([0.7])
    fun = lambda p: np.exp(-p[0] * T) - Y  # noqa: E731
    _jacobian(submission, fun, x, (-T * np.exp(-0.7 * T))[:, None], "fun(k) = exp(-k t) − y")


def test_parameter_at_zero(submission):
    """works at x_j = 0 (the step must not be 0 there)"""
    x = np.array([0.0, 1.5])
    fun = lambda p: np.array([np.sin(p[0]) + p[1], p[0] * p[1], p[1] ** 2])  # noqa: E731
    _jacobian(submission, fun, x, np.array([[1.0, 1.0], [1.5, 0.0], [0.0, 3.0]]), "a function at x = (0, 1.5)")


def test_large_parameters(submission):
    """uses a step relative to |x_j|: exact to 1e-6 at x = (3e8, -3e8), where a step of 1.5e-8 vanishes"""
    x = np.array([3e8, -3e8])
    fun = lambda p: np.array([(p[0] / 1e8) ** 2, (p[0] / 1e8) * (p[1] / 1e8), np.sin(p[1] / 1e8)])  # noqa: E731
    exact = np.array([[2 * 3.0 / 1e8, 0.0], [-3.0 / 1e8, 3.0 / 1e8], [0.0, np.cos(-3.0) / 1e8]])
    _jacobian(submission, fun, x, exact, "a function of parameters of size 3e8")


def test_tiny_and_huge_residuals(submission):
    """is accurate to 1e-6 relative when the residuals are scaled by 1e-6 and by 1e6"""
    x = np.array([1.8, 1.2])
    for s in (1e-6, 1e6):
        _jacobian(submission, lambda p, s=s: s * decay(p), x, s * decay_jac(x), f"{s:g} × the decay model")


def test_step_not_noise_dominated(submission):
    """is accurate to 1e-6 on a function with curvature (a step of 1e-12 gives about 1e-4)"""
    x = np.array([0.5, 2.0])
    fun = lambda p: np.array([np.exp(3 * p[0]) * p[1], np.cos(p[1]) + p[0] ** 3])  # noqa: E731
    exact = np.array([[3 * np.exp(1.5) * 2.0, np.exp(1.5)], [0.75, -np.sin(2.0)]])
    _jacobian(submission, fun, x, exact, "fun(x) = (exp(3·x0)·x1, cos(x1) + x0³)")


def test_exactly_the_task_step(submission):
    """uses exactly h_j = sqrt(eps)·max(1, |x_j|): equal to those forward differences to 5e-9 relative"""
    fun = lambda p: np.array([np.exp(3 * p[0]) * p[1], np.cos(p[1]) + p[0] ** 3])  # noqa: E731
    for x in (np.array([0.3, 0.2]), np.array([0.5, 2.0])):
        exact = np.array([[3 * np.exp(3 * x[0]) * x[1], np.exp(3 * x[0])], [3 * x[0] ** 2, -np.sin(x[1])]])
        J = _jacobian(submission, fun, x, exact, f"fun(x) = (exp(3·x0)·x1, cos(x1) + x0³) at x = {x}")
        h = np.sqrt(EPS) * np.maximum(1.0, np.abs(x))
        want = _fd(fun, x, h)
        err = np.abs(J - want).max() / np.abs(want).max()
        if err > 5e-9:
            fail(f"Called {last_call()}; returned {show(J)}; the forward differences with the task's step "
                 f"h = sqrt(eps)·max(1, |x|) = {show(h)} are {show(want)} (relative difference {err:.1e}, allowed 5e-9). "
                 "Your step differs from the task's (a different floor than 1, a different factor than sqrt(eps), or "
                 "central instead of forward differences): use exactly h_j = sqrt(eps) * max(1, |x_j|) and "
                 "(fun(x + h_j e_j) - fun(x)) / h_j.")
