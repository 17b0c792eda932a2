"""Hidden tests of exercise 25.1 — central_jacobian(f, x), central differences with step eps^(1/3)·max(1, |x_j|)."""

import numpy as np

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show

EPS = np.finfo(float).eps
W = np.array([[1.0, -2.0, 0.5], [0.3, 0.0, -1.0]])


def _central(f, x, h):
    return np.column_stack([(f(x + h[j] * e) - f(x - h[j] * e)) / (2 * h[j]) for j, e in enumerate(np.eye(len(x)))])


def _forward(f, x, h):
    return np.column_stack([(f(x + h[j] * e) - f(x)) / h[j] for j, e in enumerate(np.eye(len(x)))])


def _jacobian(submission, f, x, exact, what, rtol=1e-9):
    """Call central_jacobian; check shape, finiteness and every column against `exact` to `rtol` (relative)."""
    x = np.array(x, dtype=float)
    x_before = x.copy()
    with blocked("la4ml.calculus.numerical_jacobian", "scipy.optimize.approx_fprime",
                 "scipy.optimize._numdiff.approx_derivative", "torch.autograd.functional.jacobian",
                 reason="write the differences yourself"):
        try:
            got = call(function(submission, "central_jacobian"), f, x)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks for the central differences from scratch: move one input at a "
                     "time by +h and -h and divide the change of f by 2h.")
            raise
    if not np.array_equal(x, x_before):
        fail(f"Called {last_call()}; afterwards x was {show(x)} instead of {show(x_before)}: central_jacobian "
             "modified its input. Perturb copies (up = x.copy(); up[j] += h[j]), never x itself.")
    try:
        J = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an ndarray of shape {exact.shape}.")
    m, n = exact.shape
    if J.shape == (n, m) and m != n:
        fail(f"Called {last_call()}; the result has shape {J.shape} = (n, m); expected {exact.shape} = (m, n): one "
             "ROW per output and one COLUMN per input. Your Jacobian is transposed (you filled row j with the "
             "differences for input j); fill column j, e.g. np.column_stack(columns).")
    if J.shape != exact.shape:
        fail(f"Called {last_call()}; the result has shape {J.shape}; expected {exact.shape} (m outputs × n inputs).")
    if not np.all(np.isfinite(J)):
        j = int(np.argwhere(~np.isfinite(J))[0][1])
        fail(f"Called {last_call()} with x[{j}] = {x[j]}; column {j} is {show(J[:, j])}, not finite: the step h_{j} "
             "must never be 0. Use h_j = eps ** (1/3) * max(1, |x_j|) — the max with 1 keeps it nonzero at x_j = 0.")
    h_good = EPS ** (1 / 3) * np.maximum(1.0, np.abs(x))
    for j in range(n):
        scale = max(np.abs(exact[:, j]).max(), 1e-300)
        err = np.abs(J[:, j] - exact[:, j]).max() / scale
        if err <= rtol:
            continue
        if not np.any(J[:, j]) and np.any(exact[:, j]):
            fail(f"Called {last_call()} on {what}; column {j} is all zeros, expected {show(exact[:, j])}: x_{j} ± h "
                 f"rounded back to x_{j} = {x[j]:.3g} because your step is below the spacing of the floats there. "
                 "The step must be relative for large inputs: h_j = eps ** (1/3) * max(1, |x_j|).")
        diagnoses = [
            (lambda h: _forward(f, x, h), h_good, "FORWARD differences (f(x + h e_j) - f(x)) / h: their error "
             "shrinks only like h, not h². The task asks for central differences (f(x + h e_j) - f(x - h e_j)) / (2h)"),
            (lambda h: _central(f, x, h) * 2, h_good, "the central difference without the factor 2: divide "
             "f(x + h e_j) - f(x - h e_j) by 2 h_j, the distance between the two points"),
            (lambda h: _central(f, x, h), np.full(n, 1e-12), "a step of 1e-12: the difference f(x + h) - f(x - h) "
             "is then mostly rounding noise (about eps·|f|/h ≈ 1e-4 relative). Use h_j = eps ** (1/3) * max(1, |x_j|)"),
            (lambda h: _central(f, x, h), np.full(n, EPS ** (1 / 3)), f"an absolute step eps^(1/3) ≈ 6e-6: at "
             f"x_{j} = {x[j]:.3g} that is far too small relative to x_j. Scale it: h_j = eps ** (1/3) * max(1, |x_j|)"),
            (lambda h: _central(f, x, h), np.sqrt(EPS) * np.maximum(1.0, np.abs(x)), "the step sqrt(eps)·max(1, |x_j|) "
             "≈ 1.5e-8, the best step for FORWARD differences; central differences need the larger eps ** (1/3)"),
        ]
        with np.errstate(all="ignore"):
            for fd, h, why in diagnoses:
                cand = fd(h)[:, j]
                if np.allclose(cand, J[:, j], rtol=1e-7, atol=1e-300) and not np.allclose(cand, exact[:, j], rtol=rtol, atol=0):
                    fail(f"Called {last_call()} on {what}; column {j} is {show(J[:, j])}, expected {show(exact[:, j])} "
                         f"(relative error {err:.1e}, allowed {rtol:g}); it matches {why}.")
        if np.allclose(J[:, j], -exact[:, j], rtol=1e-5, atol=0):
            fail(f"Called {last_call()} on {what}; column {j} is {show(J[:, j])}, the NEGATIVE of the derivative "
                 f"{show(exact[:, j])}: compute f(x + h e_j) - f(x - h e_j), in that order.")
        fail(f"Called {last_call()} on {what}; column {j} (the derivatives with respect to x[{j}] = {x[j]:.4g}) is "
             f"{show(J[:, j])}; expected {show(exact[:, j])} (relative error {err:.1e}, allowed {rtol:g}). Column j "
             "must be (f(x + h_j e_j) - f(x - h_j e_j)) / (2 h_j) with h_j = eps ** (1/3) * max(1, |x_j|).")
    return J


def test_tanh_layer(submission):
    """matches diag(1 - tanh²(Wx)) W for a tanh layer R³ -> R² to 1e-9 relative"""
    x = np.array([0.2, -0.1, 0.4])
    exact = np.diag(1 - np.tanh(W @ x) ** 2) @ W
    _jacobian(submission, lambda v: np.tanh(W @ v), x, exact, "f(x) = tanh(Wx), W of shape (2, 3)")


def test_tall_non_square(submission):
    """returns shape (m, n) = (3, 2) for 3 outputs and 2 inputs (not its transpose)"""
    f = lambda x: np.array([x[0] ** 2, x[0] * x[1], 3.0 * x[1]])  # noqa: E731
    _jacobian(submission, f, np.array([3.0, 2.0]), np.array([[6.0, 0.0], [2.0, 3.0], [0.0, 3.0]]),
              "f(x) = (x0², x0·x1, 3·x1)")


def test_one_output(submission):
    """returns shape (1, 3) for a single output of three inputs"""
    f = lambda x: np.array([x[0] + 2.0 * x[1] - x[2] ** 2])  # noqa: E731
    _jacobian(submission, f, np.array([1.0, -1.0, 2.0]), np.array([[1.0, 2.0, -4.0]]), "f(x) = (x0 + 2·x1 − x2²,)")


def test_square_not_transposed(submission):
    """a square, nonsymmetric Jacobian comes out with rows = outputs (not transposed)"""
    B = np.array([[1.0, 4.0], [-2.0, 0.5]])
    _jacobian(submission, lambda v: B @ v + v ** 3, np.array([0.5, -1.0]), B + np.diag(3 * np.array([0.5, -1.0]) ** 2),
              "f(x) = Bx + x³ with B nonsymmetric")


def test_curved_function_ten_digits(submission):
    """reaches 1e-9 relative on a strongly curved function (forward differences reach only ~1e-5)"""
    x = np.array([0.5, 2.0])
    f = lambda p: np.array([np.exp(3 * p[0]) * p[1], np.cos(p[1]) + p[0] ** 3])  # noqa: E731
    exact = np.array([[3 * np.exp(1.5) * 2.0, np.exp(1.5)], [0.75, -np.sin(2.0)]])
    _jacobian(submission, f, x, exact, "f(x) = (exp(3·x0)·x1, cos(x1) + x0³)")


def test_input_at_zero(submission):
    """works at x_j = 0 (the step must not be 0 there)"""
    f = lambda p: np.array([np.sin(p[0]) + p[1], p[0] * p[1], p[1] ** 2])  # noqa: E731
    _jacobian(submission, f, np.array([0.0, 1.5]), np.array([[1.0, 1.0], [1.5, 0.0], [0.0, 3.0]]),
              "a function at x = (0, 1.5)")


def test_large_inputs(submission):
    """uses a step relative to |x_j|: 1e-8 relative at x = (3e8, -3e8)"""
    x = np.array([3e8, -3e8])
    f = lambda p: np.array([(p[0] / 1e8) ** 2, (p[0] / 1e8) * (p[1] / 1e8), np.sin(p[1] / 1e8)])  # noqa: E731
    exact = np.array([[2 * 3.0 / 1e8, 0.0], [-3.0 / 1e8, 3.0 / 1e8], [0.0, np.cos(-3.0) / 1e8]])
    _jacobian(submission, f, x, exact, "a function of inputs of size 3e8", rtol=1e-8)


def test_tiny_and_huge_outputs(submission):
    """is accurate to 1e-9 relative when the outputs are scaled by 1e-6 and by 1e6"""
    x = np.array([0.2, -0.1, 0.4])
    exact = np.diag(1 - np.tanh(W @ x) ** 2) @ W
    for s in (1e-6, 1e6):
        _jacobian(submission, lambda v, s=s: s * np.tanh(W @ v), x, s * exact, f"{s:g} × tanh(Wx)")


def test_exactly_the_task_step(submission):
    """uses exactly h_j = eps^(1/3)·max(1, |x_j|): equal to those central differences to 1e-9 relative"""
    f = lambda p: np.array([np.exp(3 * p[0]) * p[1], np.cos(p[1]) + p[0] ** 3, np.sin(40 * p[1])])  # noqa: E731
    for x in (np.array([0.3, 0.6]), np.array([-2.5, 1.7])):  # sin(40·x1): a large third derivative shows the step
        exact = np.array([[3 * np.exp(3 * x[0]) * x[1], np.exp(3 * x[0])], [3 * x[0] ** 2, -np.sin(x[1])],
                          [0.0, 40 * np.cos(40 * x[1])]])
        J = _jacobian(submission, f, x, exact, f"f at x = {x}", rtol=1e-6)
        h = EPS ** (1 / 3) * np.maximum(1.0, np.abs(x))
        want = _central(f, x, h)
        err = np.abs(J - want).max() / np.abs(want).max()
        if err > 1e-9:
            fail(f"Called {last_call()}; returned {show(J)}; the central differences with the task's step "
                 f"h = eps^(1/3)·max(1, |x|) = {show(h)} are {show(want)} (relative difference {err:.1e}, allowed 1e-9). "
                 "Your step differs from the task's (a different floor than 1, a different power of eps, no absolute "
                 "value): use exactly h_j = eps ** (1/3) * max(1, abs(x_j)).")
