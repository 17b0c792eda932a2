"""Hidden tests of exercise 14.2 — gradient_descent(x, y, lr, n_steps), max_stable_learning_rate(x) and
plot_loss_curves(x, y, lrs, n_steps) (graded on the data plotted, the scale and the labels)."""

import numpy as np
import pytest

from la4ml.course.grading import call, close_figures, counting, expect_figure, fail, function, last_call, show

LRS = (0.001, 0.01, 0.1)


@pytest.fixture(autouse=True)
def _close(request):
    yield
    close_figures()


def _starter_data():
    rng = np.random.default_rng(0)
    x = 2 * rng.random(30)
    return x, 4 + 3 * x + rng.standard_normal(30)


def _other_data():
    rng = np.random.default_rng(5)
    x = rng.uniform(-1, 3, 17)
    return x, -2 + 0.5 * x + 0.3 * rng.standard_normal(17)


def reference(x, y, lr, n_steps, *, factor=2.0, mean=True, bias=True, log_after=False, sse=False):
    """Gradient descent as specified, with switches that reproduce the usual mistakes."""
    n = len(x)
    X = np.column_stack([np.ones(n), x]) if bias else x[:, None]
    theta = np.zeros(X.shape[1])
    losses = []
    with np.errstate(all="ignore"):
        for step in range(n_steps + 1):
            r = X @ theta - y
            if not log_after:
                losses.append(np.sum(r**2) if sse else np.mean(r**2))
            if step < n_steps:
                theta = theta - lr * (factor / (n if mean else 1)) * (X.T @ r)
                if log_after:
                    r = X @ theta - y
                    losses.append(np.mean(r**2))
    return theta, np.array(losses)


def _run(submission, x, y, lr, n_steps=None):
    f = function(submission, "gradient_descent")
    x, y = np.array(x, dtype=float), np.array(y, dtype=float)
    got = call(f, x, y, lr) if n_steps is None else call(f, x, y, lr, n_steps)
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (theta, losses).")
    return got


def _check_run(submission, x, y, lr, n_steps=None):
    theta, losses = _run(submission, x, y, lr, n_steps)
    steps = 100 if n_steps is None else n_steps
    exp_theta, exp_losses = reference(x, y, lr, steps)
    try:
        theta = np.asarray(theta, dtype=float)
        losses = np.asarray(losses, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; theta or losses is not an array of numbers ({show(theta)}, {show(losses)}).")
    if theta.shape != (2,):
        extra = (" — one weight only: the column of ones (the bias b) is missing from X." if theta.size == 1 else "")
        fail(f"Called {last_call()}; theta has shape {theta.shape}; expected (2,), [b, w]{extra}")
    if losses.shape == (steps,):
        for what, ref in (("the first loss is missing: record the loss at θ = 0 before the first step",
                           reference(x, y, lr, steps)[1][1:]),
                          ("the loss after the last step is missing", reference(x, y, lr, steps)[1][:-1])):
            if np.allclose(losses, ref, rtol=1e-9):
                fail(f"Called {last_call()}; losses has {steps} values; expected {steps + 1}: {what}.")
    if losses.shape != (steps + 1,):
        fail(f"Called {last_call()}; losses has shape {losses.shape}; expected ({steps + 1},): the loss before each of "
             f"the {steps} steps and after the last" + (" (n_steps defaults to 100)." if n_steps is None else "."))
    ok_theta = np.allclose(theta, exp_theta, rtol=1e-9, atol=1e-12 * max(1.0, np.abs(exp_theta).max()))
    ok_losses = np.allclose(losses, exp_losses, rtol=1e-9, atol=0)
    if ok_theta and ok_losses:
        return theta, losses
    mistakes = [
        ("a gradient without the factor 2: the gradient of mean((Xθ - y)²) is (2/n) Xᵀ(Xθ - y)", dict(factor=1.0)),
        ("a gradient that is not divided by n: that is the gradient of the SUM of squares, n times too large",
         dict(mean=False)),
        ("a gradient without the 2 and without the 1/n", dict(factor=1.0, mean=False)),
        ("the losses recorded after each step instead of before it (losses[0] must be the loss at θ = 0)",
         dict(log_after=True)),
        ("the sum of squared errors instead of their mean (the MSE)", dict(sse=True)),
    ]
    for what, kw in mistakes:
        t2, l2 = reference(x, y, lr, steps, **kw)
        with np.errstate(all="ignore"):
            if np.allclose(losses, l2, rtol=1e-9, equal_nan=True) and (kw.get("sse") or np.allclose(theta, t2, rtol=1e-9)):
                fail(f"Called {last_call()}; the losses match {what}; expected {show(exp_losses)}.")
    if np.allclose(theta[::-1], exp_theta, rtol=1e-9) and ok_losses:
        fail(f"Called {last_call()}; theta = {show(theta)} is [w, b]; expected [b, w] = {show(exp_theta)}, the intercept "
             "first (the column of ones is the first column of X).")
    if not ok_losses:
        k = int(np.argmax(~np.isclose(losses, exp_losses, rtol=1e-9, atol=0)))
        fail(f"Called {last_call()}; losses[{k}] = {losses[k]:.10g}; expected {exp_losses[k]:.10g} (the losses should "
             f"be {show(exp_losses)}): start from θ = [0, 0] and record mean((Xθ - y)²) before each step.")
    for k, what in ((steps + 1, "one step too many"), (steps - 1, "one step too few")):
        if k >= 0 and np.allclose(theta, reference(x, y, lr, k)[0], rtol=1e-9):
            fail(f"Called {last_call()}; theta = {show(theta)} is θ after {k} steps, {what}; expected {show(exp_theta)} "
                 f"after exactly n_steps = {steps}: step on every pass but the last.")
    fail(f"Called {last_call()}; theta = {show(theta)}; expected {show(exp_theta)} after {steps} steps.")


def test_one_step_by_hand(submission):
    """x = [0, 1], y = [1, 1], lr = 0.5, one step: θ = [1, 0.5], losses [1, 0.125]"""
    _check_run(submission, [0.0, 1.0], [1.0, 1.0], 0.5, 1)


@pytest.mark.parametrize("lr", LRS)
def test_starter_data_each_rate(submission, lr):
    """the 30 samples of 14.1 at lr = 0.001, 0.01 and 0.1: θ and all 101 losses (n_steps defaults to 100)"""
    _check_run(submission, *_starter_data(), lr)


def test_other_data_and_steps(submission):
    """other data (a negative intercept, x from -1 to 3) with n_steps = 7 and 250"""
    x, y = _other_data()
    _check_run(submission, x, y, 0.05, 7)
    _check_run(submission, x, y, 0.2, 250)


def test_zero_steps(submission):
    """n_steps = 0: θ stays [0, 0] and losses holds only the starting loss mean(y²)"""
    x, y = _starter_data()
    _check_run(submission, x, y, 0.1, 0)


def test_diverging_rate_is_followed(submission):
    """lr = 0.5 on the starter data (above 2/λ_max ≈ 0.42) for 30 steps: the losses grow, exactly as the recurrence says"""
    x, y = _starter_data()
    _, losses = _check_run(submission, x, y, 0.5, 30)
    if not losses[-1] > losses[0]:
        fail(f"Called {last_call()}; the loss went from {losses[0]:.4g} to {losses[-1]:.4g}; above 2/λ_max it must grow.")


@pytest.mark.parametrize("scale", [1e-3, 1e3])
def test_scaled_targets(submission, scale):
    """y scaled by 1e-3 and 1e3: θ scales with y and the losses with y² (the recurrence is linear in y)"""
    x, y = _starter_data()
    _check_run(submission, x, scale * y, 0.1, 20)


# --------------------------------------------------------------------------------- max_stable_learning_rate


def _lr_max(submission, x):
    x = np.array(x, dtype=float)
    got = call(function(submission, "max_stable_learning_rate"), x)
    X = np.column_stack([np.ones(len(x)), x])
    lam = np.linalg.eigvalsh(2 / len(x) * X.T @ X)
    expected = 2 / lam[-1]
    if np.ndim(got) != 0:
        fail(f"Called {last_call()}; returned {show(got)}; expected one number, 2/λ_max = {expected:.10g}.")
    got = float(got)
    if np.isclose(got, expected, rtol=1e-10):
        return got
    mistakes = {
        "1/λ_max (the safe default step), not the bound 2/λ_max": 1 / lam[-1],
        "2/λ_min: eigvalsh returns the eigenvalues in ASCENDING order, so the largest is the last one": 2 / lam[0],
        "λ_max itself, not 2/λ_max": lam[-1],
        "the bound for a Hessian without the factor 2, H = XᵀX / n (the Hessian of mean((Xθ - y)²) is (2/n) XᵀX)":
            4 / lam[-1],
        "the bound for H = 2 XᵀX, not divided by n": 2 / (lam[-1] * len(x)),
        "the bound for H = XᵀX, without the 2 and without dividing by n": 4 / (lam[-1] * len(x)),
        "the bound for the design without the column of ones (X must be [1 x])": 2 / (2 * np.mean(x**2)),
    }
    for what, value in mistakes.items():
        if np.isclose(got, value, rtol=1e-10):
            fail(f"Called {last_call()}; returned {got:.10g}; expected {expected:.10g}: yours is {what}.")
    fail(f"Called {last_call()}; returned {got:.10g}; expected 2/λ_max = {expected:.10g}, with λ_max the largest "
         "eigenvalue of H = (2/n) XᵀX, X = [1 x].")


def test_lr_max_starter_data(submission):
    """max_stable_learning_rate on the 30 samples of 14.1: 2/λ_max of (2/n) XᵀX with X = [1 x]"""
    _lr_max(submission, _starter_data()[0])


def test_lr_max_by_hand(submission):
    """x = [-1, 1]: H = 2·I, so λ_max = 2 and the bound is exactly 1"""
    got = _lr_max(submission, [-1.0, 1.0])
    if got != pytest.approx(1.0, rel=1e-12):
        fail(f"Called {last_call()}; returned {got}; expected 1.0.")


@pytest.mark.parametrize("scale", [1e-3, 1e3])
def test_lr_max_scale(submission, scale):
    """x scaled by 1e-3 (the column of ones dominates: bound near 1) and by 1e3 (the bound shrinks like 1e-6)"""
    _lr_max(submission, scale * _other_data()[0])


def test_lr_max_uses_symmetric_solver(submission):
    """max_stable_learning_rate uses a symmetric eigensolver (eigvalsh or eigh), as the task asks, not eig/eigvals"""
    general = ("numpy.linalg.eig", "numpy.linalg.eigvals", "scipy.linalg.eig", "scipy.linalg.eigvals")
    with counting(*general) as c:
        _lr_max(submission, _starter_data()[0])
    if c.n:
        used = ", ".join(k for k, v in c.per_target.items() if v)
        fail(f"max_stable_learning_rate called {used}: H = (2/n) XᵀX is symmetric, so np.linalg.eigvalsh is the "
             "routine — real eigenvalues in ascending order, the largest last. A general solver may return them "
             "unsorted or as complex numbers with tiny imaginary parts.")


def test_bound_separates_converging_from_diverging(submission):
    """gradient descent at 0.95 and 1.05 times the bound: the loss falls in the first case and grows in the second"""
    x, y = _other_data()
    lr = _lr_max(submission, x)
    _, below = _check_run(submission, x, y, 0.95 * lr, 300)
    _, above = _check_run(submission, x, y, 1.05 * lr, 300)
    if not (below[-1] < below[0] and above[-1] > above[0]):
        fail("gradient descent just below the bound should converge and just above it diverge; got losses "
             f"{below[0]:.4g} -> {below[-1]:.4g} and {above[0]:.4g} -> {above[-1]:.4g}.")


# ------------------------------------------------------------------------------------------- the figure


def _plot(submission, x, y, **kwargs):
    got = call(function(submission, "plot_loss_curves"), np.array(x, dtype=float), np.array(y, dtype=float), **kwargs)
    fig = expect_figure(got, hint="fig, ax = plt.subplots(); ...; return fig")
    if len(fig.axes) != 1:
        fail(f"Called {last_call()}; the figure has {len(fig.axes)} axes; expected one, holding every curve.")
    return fig.axes[0]


def _check_curves(ax, x, y, lrs, n_steps):
    lines = list(ax.lines)
    if len(lines) != len(lrs):
        fail(f"Called {last_call()}; the axes holds {len(lines)} line(s); expected {len(lrs)}, one per learning rate.")
    labels = [ln.get_label() for ln in lines]
    for lr in lrs:
        mine = [ln for ln in lines if str(lr) in ln.get_label()]
        if not mine:
            fail(f"Called {last_call()}; no line's label contains the learning rate {lr} (labels: {labels}); label each "
                 f"line, e.g. label=f'lr = {{lr}}'.")
        xy = np.asarray(mine[0].get_xydata(), dtype=float)
        _, expected = reference(x, y, lr, n_steps)
        if xy.shape[0] != n_steps + 1:
            fail(f"Called {last_call()}; the line for lr = {lr} has {xy.shape[0]} points; expected {n_steps + 1}, "
                 "the losses at steps 0 … n_steps.")
        if not np.allclose(xy[:, 0], np.arange(n_steps + 1)):
            fail(f"Called {last_call()}; the line for lr = {lr} has x values {show(xy[:, 0])}; expected the steps "
                 f"0, 1, …, {n_steps}: ax.plot(np.arange(n_steps + 1), losses).")
        if not np.allclose(xy[:, 1], expected, rtol=1e-9):
            fail(f"Called {last_call()}; the line for lr = {lr} does not hold the losses of gradient_descent(x, y, {lr}, "
                 f"{n_steps}) (expected {show(expected)}).")


def test_plot_default_rates(submission):
    """plot_loss_curves with its defaults: three lines (lr = 0.001, 0.01, 0.1), each the 101 losses against the step"""
    x, y = _starter_data()
    _check_curves(_plot(submission, x, y), x, y, LRS, 100)


@pytest.mark.parametrize("n_steps", [40, 150])
def test_plot_other_rates_and_steps(submission, n_steps):
    """plot_loss_curves(x, y, lrs=(0.02, 0.3), n_steps=40 and 150) on other data: two lines of n_steps + 1 losses"""
    x, y = _other_data()
    _check_curves(_plot(submission, x, y, lrs=(0.02, 0.3), n_steps=n_steps), x, y, (0.02, 0.3), n_steps)


def test_plot_log_scale_labels_legend(submission):
    """the y axis is log-scale (the losses span orders of magnitude), both axes are labelled, and there is a legend"""
    ax = _plot(submission, *_starter_data())
    if ax.get_yscale() != "log":
        fail(f"Called {last_call()}; the y axis is {ax.get_yscale()!r}; expected 'log' (ax.set_yscale('log')): the "
             "losses fall from about 60 to below 1, which a linear axis squashes.")
    missing = [k for k, v in {"x": ax.get_xlabel(), "y": ax.get_ylabel()}.items() if not v.strip()]
    if missing:
        fail(f"Called {last_call()}; the {' and '.join(missing)} axis label(s) are empty.")
    if ax.get_legend() is None:
        fail(f"Called {last_call()}; the axes has no legend; call ax.legend() after labelling the lines.")
