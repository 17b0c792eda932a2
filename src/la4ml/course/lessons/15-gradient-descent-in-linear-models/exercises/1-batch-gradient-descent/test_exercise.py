"""Hidden tests of exercise 15.1 — mse_gradient(A, y, theta) and batch_gradient_descent(X, y, lr, n_iters)."""

import numpy as np
import pytest

from la4ml.course.grading import call, fail, function, last_call, show

EPS = np.finfo(float).eps


def _starter_data():
    rng = np.random.default_rng(0)
    X = 2 * rng.random((40, 1))
    return X, 4 + 3 * X[:, 0] + rng.standard_normal(40)


def _two_features():
    rng = np.random.default_rng(3)
    X = rng.uniform(-1, 2, (23, 2))
    return X, -1.5 + X @ np.array([0.7, -2.0]) + 0.2 * rng.standard_normal(23)


def ref_grad(A, y, theta, *, factor=2.0, mean=True):
    r = A @ theta - y
    return (factor / (A.shape[0] if mean else 1)) * (A.T @ r)


def reference(X, y, lr, n_iters, *, factor=2.0, mean=True, bias=True, bias_last=False, log_after=False,
              update_bias=True):
    n = X.shape[0]
    A = X if not bias else (np.column_stack([X, np.ones(n)]) if bias_last else np.column_stack([np.ones(n), X]))
    theta = np.zeros(A.shape[1])
    losses = []
    with np.errstate(all="ignore"):
        for it in range(n_iters + 1):
            if not log_after:
                losses.append(np.mean((A @ theta - y) ** 2))
            if it < n_iters:
                g = ref_grad(A, y, theta, factor=factor, mean=mean)
                if not update_bias:
                    g[0] = 0.0
                theta = theta - lr * g
                if log_after:
                    losses.append(np.mean((A @ theta - y) ** 2))
    return theta, np.array(losses)


# ------------------------------------------------------------------------------------------ mse_gradient


def _check_grad(submission, A, y, theta):
    A, y, theta = (np.array(v, dtype=float) for v in (A, y, theta))
    A0, y0, t0 = A.copy(), y.copy(), theta.copy()
    try:
        got = call(function(submission, "mse_gradient"), A, y, theta)
    except AssertionError as exc:
        if A.shape[0] != A.shape[1] and any(w in str(exc).lower() for w in ("shape", "align", "mismatch", "dimension")):
            fail(f"{exc}\nOn a non-square A (shape {A.shape}) the shapes did not match: the gradient is "
                 "(2/n) A.T @ (A @ theta - y) — A.T, shape (n_weights, n_samples), times the residual.")
        raise
    expected = ref_grad(A, y, theta)
    if not (np.array_equal(A, A0) and np.array_equal(y, y0) and np.array_equal(theta, t0)):
        fail(f"Called {last_call()}; it modified its input arrays; compute the residual into a new array.")
    got_arr = np.asarray(got, dtype=float)
    if got_arr.shape != expected.shape:
        fail(f"Called {last_call()}; returned shape {got_arr.shape}; expected {expected.shape}, one entry per weight "
             "(per column of A).")
    scale = np.abs(A.T).dot(np.abs(A @ theta) + np.abs(y)) * 2 / A.shape[0]
    tol = 64 * EPS * A.shape[0] * scale
    if np.all(np.abs(got_arr - expected) <= tol):
        return got_arr
    variants = {
        "the gradient without the factor 2 (the derivative of r² is 2r)": ref_grad(A, y, theta, factor=1.0),
        "the gradient of the SUM of squares: it is not divided by n": ref_grad(A, y, theta, mean=False),
        "the gradient without the 2 and without the 1/n": ref_grad(A, y, theta, factor=1.0, mean=False),
        "the gradient with the sign flipped (A θ - y, not y - A θ)": -expected,
    }
    if A.shape[0] == A.shape[1]:
        variants["the gradient with A where Aᵀ belongs: (2/n) A (Aθ - y)"] = (2 / A.shape[0]) * (A @ (A @ theta - y))
    for what, v in variants.items():
        if np.allclose(got_arr, v, rtol=1e-9, atol=0):
            fail(f"Called {last_call()}; returned {show(got_arr)}; expected {show(expected)}: yours is {what}.")
    fail(f"Called {last_call()}; returned {show(got_arr)}; expected (2/n) Aᵀ(Aθ - y) = {show(expected)}.")


def test_gradient_by_hand(submission):
    """A = [[1, 2]], y = [1], θ = 0: the gradient is 2·1·(0 - 1)·[1, 2] = [-2, -4]"""
    _check_grad(submission, [[1.0, 2.0]], [1.0], [0.0, 0.0])


def test_gradient_non_square(submission):
    """a 7 × 3 design with θ ≠ 0: shape (3,), equal to (2/n) Aᵀ(Aθ - y)"""
    rng = np.random.default_rng(1)
    _check_grad(submission, rng.standard_normal((7, 3)), rng.standard_normal(7), rng.standard_normal(3))


def test_gradient_square(submission):
    """a 4 × 4 non-symmetric design: Aᵀ, not A (on a square A both have the right shape)"""
    rng = np.random.default_rng(2)
    _check_grad(submission, rng.standard_normal((4, 4)), rng.standard_normal(4), rng.standard_normal(4))


def test_gradient_matches_finite_differences(submission):
    """the gradient agrees with central finite differences of the MSE (an independent check of the formula)"""
    rng = np.random.default_rng(4)
    A, y, theta = rng.standard_normal((9, 3)), rng.standard_normal(9), rng.standard_normal(3)
    g = _check_grad(submission, A, y, theta)
    h = 1e-6
    fd = np.array([(np.mean((A @ (theta + h * e) - y) ** 2) - np.mean((A @ (theta - h * e) - y) ** 2)) / (2 * h)
                   for e in np.eye(3)])
    if not np.allclose(g, fd, rtol=1e-6, atol=1e-8):
        fail(f"Called {last_call()}; returned {show(g)}; central differences give {show(fd)}.")


def test_gradient_zero_at_least_squares(submission):
    """at the least-squares solution the gradient is zero (to rounding): the normal equations Aᵀ(Aθ - y) = 0"""
    rng = np.random.default_rng(5)
    A, y = rng.standard_normal((12, 3)), rng.standard_normal(12)
    _check_grad(submission, A, y, np.linalg.lstsq(A, y, rcond=None)[0])


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_gradient_scale(submission, scale):
    """y and θ scaled by 1e-6 and 1e6: the gradient scales with them (relative accuracy)"""
    rng = np.random.default_rng(6)
    _check_grad(submission, rng.standard_normal((8, 2)), scale * rng.standard_normal(8), scale * rng.standard_normal(2))


# -------------------------------------------------------------------------------- batch_gradient_descent


def _check_run(submission, X, y, lr=None, n_iters=None):
    X, y = np.array(X, dtype=float), np.array(y, dtype=float)
    X0, y0 = X.copy(), y.copy()
    kwargs = {}
    if lr is not None:
        kwargs["lr"] = lr
    if n_iters is not None:
        kwargs["n_iters"] = n_iters
    got = call(function(submission, "batch_gradient_descent"), X, y, **kwargs)
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (theta, losses).")
    if not (np.array_equal(X, X0) and np.array_equal(y, y0)):
        fail(f"Called {last_call()}; it modified X or y; build A = [1 X] as a new array.")
    lr = 0.1 if lr is None else lr
    steps = 100 if n_iters is None else n_iters
    exp_theta, exp_losses = reference(X, y, lr, steps)
    try:
        theta, losses = np.asarray(got[0], dtype=float), np.asarray(got[1], dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; theta or losses is not an array of numbers ({show(got)}).")
    d = X.shape[1]
    if theta.shape != (d + 1,):
        extra = " — the bias is missing: A = [1 X] has a column of ones." if theta.shape == (d,) else ""
        fail(f"Called {last_call()}; theta has shape {theta.shape}; expected ({d + 1},), [b, w₁, …]{extra}")
    if losses.shape == (steps,):
        for what, cut in (("the first loss is missing: record the loss at θ = 0 before the first step",
                           exp_losses[1:]), ("the loss after the last step is missing", exp_losses[:-1])):
            if np.allclose(losses, cut, rtol=1e-9):
                fail(f"Called {last_call()}; losses has {steps} values; expected {steps + 1}: {what}.")
    if losses.shape != (steps + 1,):
        fail(f"Called {last_call()}; losses has shape {losses.shape}; expected ({steps + 1},): the loss before each "
             f"of the {steps} steps and after the last" + (" (n_iters defaults to 100)." if n_iters is None else "."))
    atol = 1e-12 * max(1.0, np.abs(exp_theta).max())
    ok_theta = np.allclose(theta, exp_theta, rtol=1e-9, atol=atol)
    ok_losses = np.allclose(losses, exp_losses, rtol=1e-9, atol=0)
    if ok_theta and ok_losses:
        return theta, losses
    mistakes = [
        ("a gradient without the factor 2", dict(factor=1.0)),
        ("a gradient not divided by n (the gradient of the sum of squares)", dict(mean=False)),
        ("the losses recorded after each step instead of before it (losses[0] must be mean(y²) at θ = 0)",
         dict(log_after=True)),
        ("a bias that is never updated (it stays 0)", dict(update_bias=False)),
    ]
    for what, kw in mistakes:
        t2, l2 = reference(X, y, lr, steps, **kw)
        with np.errstate(all="ignore"):
            if np.allclose(losses, l2, rtol=1e-9, equal_nan=True) and np.allclose(theta, t2, rtol=1e-9, atol=atol):
                fail(f"Called {last_call()}; theta = {show(theta)}, losses match {what}; expected theta = "
                     f"{show(exp_theta)}.")
    if ok_losses and np.allclose(theta, np.roll(exp_theta, -1), rtol=1e-9, atol=atol):
        fail(f"Called {last_call()}; theta = {show(theta)} has the bias LAST; expected [b, w₁, …] = {show(exp_theta)} "
             "— the column of ones is the FIRST column of A.")
    if not ok_losses:
        k = int(np.argmax(~np.isclose(losses, exp_losses, rtol=1e-9, atol=0)))
        fail(f"Called {last_call()}; losses[{k}] = {losses[k]:.10g}; expected {exp_losses[k]:.10g}: start from θ = 0 "
             "and record mean((Aθ - y)²) before each step.")
    for k, what in ((steps + 1, "one step too many"), (steps - 1, "one step too few")):
        if k >= 0 and np.allclose(theta, reference(X, y, lr, k)[0], rtol=1e-9, atol=atol):
            fail(f"Called {last_call()}; theta = {show(theta)} is θ after {k} steps, {what}; expected "
                 f"{show(exp_theta)} after exactly n_iters = {steps}.")
    fail(f"Called {last_call()}; theta = {show(theta)}; expected {show(exp_theta)} after {steps} steps.")


def test_one_step_by_hand(submission):
    """X = [[0], [1]], y = [1, 1], lr = 0.5, one step: θ = [1, 0.5], losses [1, 0.125]"""
    _check_run(submission, [[0.0], [1.0]], [1.0, 1.0], 0.5, 1)


def test_starter_data_defaults(submission):
    """the 40 samples of the starter with the defaults lr = 0.1, n_iters = 100: θ and all 101 losses"""
    _check_run(submission, *_starter_data())


def test_two_features_other_rate(submission):
    """two features, 23 samples, lr = 0.05 and n_iters = 37: θ has 3 entries, the bias first"""
    _check_run(submission, *_two_features(), 0.05, 37)


def test_zero_iterations(submission):
    """n_iters = 0: θ stays 0 and losses holds only mean(y²)"""
    _check_run(submission, *_starter_data(), 0.1, 0)


def test_converges_to_least_squares(submission):
    """2000 iterations at lr = 0.1: θ reaches the least-squares solution (lstsq) to 1e-8 relative"""
    X, y = _starter_data()
    theta, losses = _check_run(submission, X, y, 0.1, 2000)
    ls = np.linalg.lstsq(np.column_stack([np.ones(40), X]), y, rcond=None)[0]
    if not np.allclose(theta, ls, rtol=1e-8):
        fail(f"after 2000 steps θ = {show(theta)}; least squares gives {show(ls)}.")


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_scaled_targets(submission, scale):
    """y scaled by 1e-6 and 1e6: θ scales with y and the losses with y² (the recurrence is linear in y)"""
    X, y = _starter_data()
    _check_run(submission, X, scale * y, 0.1, 15)
