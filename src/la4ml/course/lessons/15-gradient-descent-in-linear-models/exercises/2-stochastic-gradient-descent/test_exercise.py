"""Hidden tests of exercise 15.2 — sgd(X, y, lr, n_iters, seed): one sample per update, a new permutation every epoch."""

import numpy as np
import pytest

from la4ml.course.grading import call, fail, function, last_call, show


def _starter_data():
    rng = np.random.default_rng(0)
    X = 2 * rng.random((40, 1))
    return X, 4 + 3 * X[:, 0] + rng.standard_normal(40)


def _three_features():
    rng = np.random.default_rng(8)
    X = rng.standard_normal((13, 3))
    return X, 1.0 + X @ np.array([0.5, -1.0, 2.0]) + 0.1 * rng.standard_normal(13)


def reference(X, y, lr, n_iters, seed, *, order_mode="epoch", factor=2.0, per_n=False, update_bias=True):
    n = X.shape[0]
    A = np.column_stack([np.ones(n), X])
    theta = np.zeros(A.shape[1])
    rng = np.random.default_rng(seed)
    losses = [np.mean((A @ theta - y) ** 2)]
    order = rng.permutation(n) if order_mode == "once" else None
    with np.errstate(all="ignore"):
        for t in range(n_iters):
            if order_mode == "replace":
                i = rng.integers(n)
            elif order_mode == "replace_choice":
                i = rng.choice(n)
            elif order_mode == "none":
                i = t % n
            elif order_mode == "every":
                i = rng.permutation(n)[t % n]
            else:
                if order_mode == "epoch" and t % n == 0:
                    order = rng.permutation(n)
                i = order[t % n]
            g = factor * A[i] * (A[i] @ theta - y[i]) / (n if per_n else 1)
            if not update_bias:
                g[0] = 0.0
            theta = theta - lr * g
            losses.append(np.mean((A @ theta - y) ** 2))
    return theta, np.array(losses)


MISTAKES = [
    ("samples drawn WITH replacement (rng.integers): an epoch must use every sample exactly once, so draw "
     "order = rng.permutation(n) at t = 0, n, 2n, …", dict(order_mode="replace")),
    ("samples drawn with replacement (rng.choice): draw order = rng.permutation(n) once per epoch instead",
     dict(order_mode="replace_choice")),
    ("one permutation drawn once and reused for every epoch: draw a NEW rng.permutation(n) at the start of each "
     "epoch, so the order changes", dict(order_mode="once")),
    ("the samples visited in the order 0, 1, …, n-1 with no shuffling: draw order = rng.permutation(n) each epoch",
     dict(order_mode="none")),
    ("a new permutation drawn at EVERY iteration (then an epoch no longer visits every sample once): draw it only "
     "when t % n == 0", dict(order_mode="every")),
    ("a one-sample gradient without the factor 2 (the gradient of (a_iᵀθ - y_i)² is 2 a_i (a_iᵀθ - y_i))",
     dict(factor=1.0)),
    ("a one-sample gradient divided by n: one sample's squared error has no 1/n", dict(per_n=True)),
    ("a bias that is never updated: a_i includes the 1 of the bias column, so θ[0] moves too",
     dict(update_bias=False)),
]


def _check(submission, X, y, lr=None, n_iters=None, seed=None):
    X, y = np.array(X, dtype=float), np.array(y, dtype=float)
    X0, y0 = X.copy(), y.copy()
    kwargs = {k: v for k, v in (("lr", lr), ("n_iters", n_iters), ("seed", seed)) if v is not None}
    got = call(function(submission, "sgd"), X, y, **kwargs)
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (theta, losses).")
    if not (np.array_equal(X, X0) and np.array_equal(y, y0)):
        fail(f"Called {last_call()}; it modified X or y.")
    lr, n_iters, seed = (0.05 if lr is None else lr), (500 if n_iters is None else n_iters), (0 if seed is None else seed)
    exp_theta, exp_losses = reference(X, y, lr, n_iters, seed)
    theta, losses = np.asarray(got[0], dtype=float), np.asarray(got[1], dtype=float)
    d = X.shape[1]
    if theta.shape != (d + 1,):
        fail(f"Called {last_call()}; theta has shape {theta.shape}; expected ({d + 1},), [b, w₁, …] with the bias first.")
    if losses.shape != (n_iters + 1,):
        hint = ""
        if losses.shape == (n_iters,):
            for what, cut in (("the loss at θ = 0 (before the first update) is missing", exp_losses[1:]),
                              ("the loss after the last update is missing", exp_losses[:-1])):
                if np.allclose(losses, cut, rtol=1e-9):
                    hint = f": {what}"
        fail(f"Called {last_call()}; losses has shape {losses.shape}; expected ({n_iters + 1},), the full-data MSE "
             f"before each of the {n_iters} updates and after the last{hint}.")
    atol = 1e-12 * max(1.0, np.abs(exp_theta).max())
    if np.allclose(theta, exp_theta, rtol=1e-9, atol=atol) and np.allclose(losses, exp_losses, rtol=1e-9):
        return theta, losses
    for what, kw in MISTAKES:
        t2, l2 = reference(X, y, lr, n_iters, seed, **kw)
        if np.allclose(theta, t2, rtol=1e-9, atol=atol) and np.allclose(losses, l2, rtol=1e-9, equal_nan=True):
            fail(f"Called {last_call()}; theta = {show(theta)} matches {what}. Expected theta = {show(exp_theta)}.")
    if np.allclose(theta, exp_theta, rtol=1e-9, atol=atol):
        k = int(np.argmax(~np.isclose(losses, exp_losses, rtol=1e-9)))
        fail(f"Called {last_call()}; theta is right but losses[{k}] = {losses[k]:.10g}; expected {exp_losses[k]:.10g}: "
             "record the MSE on ALL samples, mean((Aθ - y)²), before each update (losses[0] at θ = 0) and once after "
             "the last.")
    for k, what in ((n_iters + 1, "one update too many"), (n_iters - 1, "one update too few")):
        if k >= 0 and np.allclose(theta, reference(X, y, lr, k, seed)[0], rtol=1e-9, atol=atol):
            fail(f"Called {last_call()}; theta = {show(theta)} is θ after {k} updates, {what}.")
    fail(f"Called {last_call()}; theta = {show(theta)}; expected {show(exp_theta)} (rng = np.random.default_rng(seed) "
         "created once, a new rng.permutation(n) at t = 0, n, 2n, …, sample order[t % n]).")


def test_defaults_starter_data(submission):
    """the 40 samples of 15.1 with the defaults lr = 0.05, n_iters = 500, seed = 0: θ and all 501 losses"""
    _check(submission, *_starter_data())


def test_partial_epoch_and_other_seed(submission):
    """13 samples, 3 features, n_iters = 30 (two epochs and 4 updates of a third), seed = 7"""
    _check(submission, *_three_features(), lr=0.02, n_iters=30, seed=7)


def test_one_epoch_uses_every_sample_once(submission):
    """n_iters = n: one epoch, every sample used exactly once, in the order rng.permutation(n) gives"""
    X, y = _three_features()
    _check(submission, X, y, lr=0.02, n_iters=13, seed=3)


def test_zero_iterations(submission):
    """n_iters = 0: θ stays 0 and losses holds only mean(y²)"""
    _check(submission, *_starter_data(), n_iters=0)


def test_noisy_but_near_least_squares(submission):
    """after 500 updates the SGD loss is within 25% of the least-squares loss but not equal to it (the steps keep jittering)"""
    X, y = _starter_data()
    theta, losses = _check(submission, X, y)
    A = np.column_stack([np.ones(40), X])
    best = np.mean((A @ np.linalg.lstsq(A, y, rcond=None)[0] - y) ** 2)
    if not best < losses[-1] < 1.25 * best:
        fail(f"the final SGD loss is {losses[-1]:.6g}; the least-squares loss is {best:.6g}.")


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_scaled_targets(submission, scale):
    """y scaled by 1e-6 and 1e6: θ scales with y (relative accuracy)"""
    X, y = _starter_data()
    _check(submission, X, scale * y, n_iters=90)
