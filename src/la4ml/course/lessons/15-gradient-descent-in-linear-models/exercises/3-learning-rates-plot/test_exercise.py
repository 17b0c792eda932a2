"""Hidden tests of exercise 15.3 — max_stable_learning_rate(X), gd_losses(X, y, lr, n_iters) and
plot_learning_rates(X, y, lrs, n_iters) (graded on the data plotted, the scale and the labels)."""

import numpy as np
import pytest

from la4ml.course.grading import call, close_figures, counting, expect_figure, fail, function, last_call, show

LRS = (0.01, 0.1, 0.5)


@pytest.fixture(autouse=True)
def _close(request):
    yield
    close_figures()


def _starter_data():
    rng = np.random.default_rng(0)
    X = 2 * rng.random((40, 1))
    return X, 4 + 3 * X[:, 0] + rng.standard_normal(40)


def _two_features():
    rng = np.random.default_rng(5)
    X = rng.uniform(-1, 3, (17, 2))
    return X, -2 + X @ np.array([0.5, 1.5]) + 0.3 * rng.standard_normal(17)


def _design(X):
    return np.column_stack([np.ones(X.shape[0]), X])


def ref_losses(X, y, lr, n_iters, *, factor=2.0, mean=True, log_after=False):
    A = _design(X)
    theta = np.zeros(A.shape[1])
    out = []
    with np.errstate(all="ignore"):
        for it in range(n_iters + 1):
            r = A @ theta - y
            if not log_after:
                out.append(np.mean(r**2))
            if it < n_iters:
                theta = theta - lr * (factor / (A.shape[0] if mean else 1)) * (A.T @ r)
                if log_after:
                    out.append(np.mean((A @ theta - y) ** 2))
    return np.array(out)


# ---------------------------------------------------------------------------- max_stable_learning_rate


def _bound(submission, X):
    X = np.array(X, dtype=float)
    got = call(function(submission, "max_stable_learning_rate"), X)
    A = _design(X)
    n = X.shape[0]
    lam = np.linalg.eigvalsh(2 / n * A.T @ A)
    expected = 2 / lam[-1]
    if np.ndim(got) != 0:
        fail(f"Called {last_call()}; returned {show(got)}; expected one number, 2/L = {expected:.10g}.")
    got = float(got)
    if np.isclose(got, expected, rtol=1e-10):
        return got
    lam_noones = np.linalg.eigvalsh(2 / n * X.T @ X)
    mistakes = {
        "1/L (the always-safe step), not the bound 2/L": 1 / lam[-1],
        "2/λ_min: eigvalsh returns eigenvalues in ASCENDING order, the largest is the LAST": 2 / lam[0],
        "L itself, not 2/L": lam[-1],
        "the bound for a Hessian without its factor 2 (H = AᵀA/n): the Hessian of mean((Aθ - y)²) is (2/n) AᵀA":
            4 / lam[-1],
        "the bound for a Hessian not divided by n (the Hessian of the SUM of squares)": 2 / (lam[-1] * n),
        "the bound without the bias column (A must be [1 X])": 2 / lam_noones[-1],
    }
    for what, value in mistakes.items():
        if np.isclose(got, value, rtol=1e-10):
            fail(f"Called {last_call()}; returned {got:.10g}; expected {expected:.10g}: yours is {what}.")
    fail(f"Called {last_call()}; returned {got:.10g}; expected 2/L = {expected:.10g}, L the largest eigenvalue of "
         "H = (2/n) AᵀA with A = [1 X].")


def test_bound_by_hand(submission):
    """X = [[-1], [1]]: H = 2 I, so L = 2 and the bound is exactly 1"""
    got = _bound(submission, [[-1.0], [1.0]])
    if got != pytest.approx(1.0, rel=1e-12):
        fail(f"Called {last_call()}; returned {got}; expected 1.0.")


def test_bound_starter_data(submission):
    """the 40 samples of 15.1: 2/L of (2/n) AᵀA, A = [1 X] (about 0.4236)"""
    _bound(submission, _starter_data()[0])


def test_bound_two_features(submission):
    """two features on 17 samples (a non-square, 17 × 3 design)"""
    _bound(submission, _two_features()[0])


@pytest.mark.parametrize("scale", [1e-3, 1e3])
def test_bound_scale(submission, scale):
    """X scaled by 1e-3 (the ones column dominates) and by 1e3 (the bound shrinks like 1e-6)"""
    _bound(submission, scale * _two_features()[0])


def test_bound_uses_symmetric_solver(submission):
    """max_stable_learning_rate uses a symmetric eigensolver (eigvalsh or eigh), not eig/eigvals"""
    general = ("numpy.linalg.eig", "numpy.linalg.eigvals", "scipy.linalg.eig", "scipy.linalg.eigvals")
    with counting(*general) as c:
        _bound(submission, _starter_data()[0])
    if c.n:
        fail("max_stable_learning_rate called a general eigensolver: H = (2/n) AᵀA is symmetric, so use "
             "np.linalg.eigvalsh — real eigenvalues in ascending order, the largest last.")


# ------------------------------------------------------------------------------------------- gd_losses


def _losses(submission, X, y, lr, n_iters=None):
    X, y = np.array(X, dtype=float), np.array(y, dtype=float)
    f = function(submission, "gd_losses")
    got = call(f, X, y, lr) if n_iters is None else call(f, X, y, lr, n_iters)
    steps = 100 if n_iters is None else n_iters
    expected = ref_losses(X, y, lr, steps)
    got = np.asarray(got, dtype=float)
    if got.shape != (steps + 1,):
        fail(f"Called {last_call()}; returned shape {got.shape}; expected ({steps + 1},): the loss before each of the "
             f"{steps} steps and after the last" + (" (n_iters defaults to 100)." if n_iters is None else "."))
    if np.allclose(got, expected, rtol=1e-9, atol=0):
        return got
    for what, kw in (("a gradient without the factor 2", dict(factor=1.0)),
                     ("a gradient not divided by n", dict(mean=False)),
                     ("losses recorded after each step instead of before it", dict(log_after=True))):
        with np.errstate(all="ignore"):
            if np.allclose(got, ref_losses(X, y, lr, steps, **kw), rtol=1e-9, equal_nan=True):
                fail(f"Called {last_call()}; the losses match {what}; expected {show(expected)}.")
    k = int(np.argmax(~np.isclose(got, expected, rtol=1e-9, atol=0)))
    fail(f"Called {last_call()}; losses[{k}] = {got[k]:.10g}; expected {expected[k]:.10g} (batch gradient descent "
         "from θ = 0 with A = [1 X], the loss recorded before each step).")


def test_losses_defaults(submission):
    """gd_losses on the starter data at lr = 0.1 with the default n_iters = 100: all 101 losses"""
    _losses(submission, *_starter_data(), 0.1)


def test_losses_two_features(submission):
    """two features, lr = 0.05, n_iters = 23"""
    _losses(submission, *_two_features(), 0.05, 23)


def test_long_run_above_bound_diverges(submission):
    """at 1.001 × 2/L a short run looks harmless, but over 3000 iterations the loss grows more than 1000-fold"""
    X, y = _starter_data()
    bound = _bound(submission, X)
    long = _losses(submission, X, y, 1.001 * bound, 3000)
    if not long[-1] > 1000 * long[0]:
        fail(f"at 1.001 × 2/L the loss went from {long[0]:.4g} to {long[-1]:.4g} in 3000 iterations; above 2/L the "
             "error along the top eigenvector is multiplied by |1 - lr·L| > 1 at every step, so it must blow up.")


def test_long_run_below_bound_converges(submission):
    """at 0.99 × 2/L the loss oscillates but converges: after 3000 iterations it is within 1e-6 of the least-squares loss"""
    X, y = _starter_data()
    bound = _bound(submission, X)
    long = _losses(submission, X, y, 0.99 * bound, 3000)
    A = _design(X)
    best = np.mean((A @ np.linalg.lstsq(A, y, rcond=None)[0] - y) ** 2)
    if not abs(long[-1] - best) <= 1e-6 * best:
        fail(f"at 0.99 × 2/L the loss ends at {long[-1]:.10g}; the least-squares loss is {best:.10g}.")


# ------------------------------------------------------------------------------------------- the figure


def _plot(submission, X, y, **kwargs):
    got = call(function(submission, "plot_learning_rates"), np.array(X, dtype=float), np.array(y, dtype=float),
               **kwargs)
    fig = expect_figure(got, hint="fig, ax = plt.subplots(); ...; return fig")
    if len(fig.axes) != 1:
        fail(f"Called {last_call()}; the figure has {len(fig.axes)} axes; expected one, holding every curve.")
    return fig.axes[0]


def _check_curves(ax, X, y, lrs, n_iters):
    lines = list(ax.lines)
    if len(lines) != len(lrs):
        fail(f"Called {last_call()}; the axes holds {len(lines)} line(s); expected {len(lrs)}, one per learning rate.")
    labels = [ln.get_label() for ln in lines]
    for lr in lrs:
        mine = [ln for ln in lines if str(lr) in ln.get_label()]
        if not mine:
            fail(f"Called {last_call()}; no line's label contains the learning rate {lr} (labels: {labels}).")
        xy = np.asarray(mine[0].get_xydata(), dtype=float)
        expected = ref_losses(X, y, lr, n_iters)
        if xy.shape[0] != n_iters + 1:
            fail(f"Called {last_call()}; the line for lr = {lr} has {xy.shape[0]} points; expected {n_iters + 1}.")
        if not np.array_equal(xy[:, 0], np.arange(n_iters + 1)):
            fail(f"Called {last_call()}; the line for lr = {lr} has x values {show(xy[:, 0])}; expected 0, 1, …, "
                 f"{n_iters}: ax.plot(np.arange(n_iters + 1), losses).")
        if not np.allclose(xy[:, 1], expected, rtol=1e-9):
            fail(f"Called {last_call()}; the line for lr = {lr} does not hold the losses of gd_losses(X, y, {lr}, "
                 f"{n_iters}) (expected {show(expected)}).")


def test_plot_defaults(submission):
    """plot_learning_rates with its defaults: three lines (lr = 0.01, 0.1, 0.5), each the 101 losses"""
    X, y = _starter_data()
    _check_curves(_plot(submission, X, y), X, y, LRS, 100)


@pytest.mark.parametrize("n_iters", [30, 150])
def test_plot_other_rates(submission, n_iters):
    """plot_learning_rates(X, y, lrs=(0.02, 0.3), n_iters=30 and 150) on two features: two lines"""
    X, y = _two_features()
    _check_curves(_plot(submission, X, y, lrs=(0.02, 0.3), n_iters=n_iters), X, y, (0.02, 0.3), n_iters)


def test_plot_log_scale_labels_legend(submission):
    """the y axis is log-scale, both axes are labelled, and there is a legend"""
    ax = _plot(submission, *_starter_data())
    if ax.get_yscale() != "log":
        fail(f"Called {last_call()}; the y axis is {ax.get_yscale()!r}; expected 'log': the three losses span "
             "about 30 orders of magnitude.")
    missing = [k for k, v in {"x": ax.get_xlabel(), "y": ax.get_ylabel()}.items() if not v.strip()]
    if missing:
        fail(f"Called {last_call()}; the {' and '.join(missing)} axis label(s) are empty.")
    if ax.get_legend() is None:
        fail(f"Called {last_call()}; the axes has no legend; call ax.legend().")
