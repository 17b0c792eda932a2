"""Hidden tests of exercise 15.5 — make_data(n_samples, seed) and sgd_epochs(X, y, lr, n_epochs, seed)."""

import numpy as np
import pytest

from la4ml.course.grading import call, fail, function, last_call, show

TRUE = np.array([4.0, 2.0, -3.0, 1.5])


def ref_data(n, seed, *, noise_first=False, scale=0.1):
    rng = np.random.default_rng(seed)
    if noise_first:
        noise = rng.standard_normal(n)
        X = rng.standard_normal((n, 3))
    else:
        X = rng.standard_normal((n, 3))
        noise = rng.standard_normal(n)
    return X, TRUE[0] + X @ TRUE[1:] + scale * noise


def reference(X, y, lr, n_epochs, seed, *, mode="epoch", update_bias=True, per_n=False, factor=2.0):
    n = X.shape[0]
    A = np.column_stack([np.ones(n), X])
    theta = np.zeros(A.shape[1])
    rng = np.random.default_rng(seed)
    losses = [np.mean((A @ theta - y) ** 2)]
    fixed = rng.permutation(n) if mode == "once" else None
    with np.errstate(all="ignore"):
        for _ in range(n_epochs):
            if mode == "epoch":
                order = rng.permutation(n)
            elif mode == "replace":
                order = rng.integers(n, size=n)
            elif mode == "none":
                order = np.arange(n)
            else:
                order = fixed
            for i in order:
                g = factor * A[i] * (A[i] @ theta - y[i]) / (n if per_n else 1)
                if not update_bias:
                    g[0] = 0.0
                theta = theta - lr * g
            losses.append(np.mean((A @ theta - y) ** 2))
    return theta, np.array(losses)


# -------------------------------------------------------------------------------------------- make_data


@pytest.mark.parametrize("args", [(), (7, 3)])
def test_make_data(submission, args):
    """make_data() with its defaults (100 samples, seed 0) and make_data(7, 3): X, y and true_theta exactly"""
    got = call(function(submission, "make_data"), *args)
    n, seed = args or (100, 0)
    if not isinstance(got, tuple) or len(got) != 3:
        fail(f"Called {last_call()}; returned {show(got)}; expected a triple (X, y, true_theta).")
    X, y, tt = (np.asarray(v, dtype=float) for v in got)
    eX, ey = ref_data(n, seed)
    if X.shape != (n, 3) or y.shape != (n,):
        fail(f"Called {last_call()}; X has shape {X.shape} and y {y.shape}; expected ({n}, 3) and ({n},).")
    if tt.shape != (4,) or not np.array_equal(tt, TRUE):
        extra = " — the bias goes FIRST" if tt.shape == (4,) and np.array_equal(np.roll(tt, 1), TRUE) else ""
        fail(f"Called {last_call()}; true_theta = {show(tt)}; expected {show(TRUE)}{extra}.")
    if np.array_equal(X, eX) and np.allclose(y, ey, rtol=1e-12, atol=1e-12):
        return
    nX, ny = ref_data(n, seed, noise_first=True)
    if np.array_equal(X, nX):
        fail(f"Called {last_call()}; X matches drawing the noise BEFORE X; draw X = rng.standard_normal((n, 3)) "
             "first, then the noise.")
    if np.array_equal(X, eX):
        if np.allclose(y, ref_data(n, seed, scale=1.0)[1], rtol=1e-12):
            fail(f"Called {last_call()}; y has noise of standard deviation 1; expected 0.1 · noise.")
        fail(f"Called {last_call()}; X is right but y = {show(y)}; expected 4 + X @ [2, -3, 1.5] + 0.1 · noise = "
             f"{show(ey)}.")
    fail(f"Called {last_call()}; X = {show(X)}; expected {show(eX)} from rng = np.random.default_rng({seed}).")


# ------------------------------------------------------------------------------------------- sgd_epochs

MISTAKES = [
    ("a bias that is never updated: a_i = [1, x_i] includes the 1, so θ[0] moves by -lr·2(a_iᵀθ - y_i) too",
     dict(update_bias=False)),
    ("samples drawn with replacement (rng.integers): an epoch must use every sample once — rng.permutation(n)",
     dict(mode="replace")),
    ("one permutation reused for every epoch: draw a new rng.permutation(n) at the start of each epoch",
     dict(mode="once")),
    ("the samples in the order 0 … n-1 with no shuffling", dict(mode="none")),
    ("a one-sample gradient divided by n", dict(per_n=True)),
    ("a one-sample gradient without the factor 2", dict(factor=1.0)),
]


def _check(submission, X, y, **kwargs):
    X, y = np.array(X, dtype=float), np.array(y, dtype=float)
    X0 = X.copy()
    got = call(function(submission, "sgd_epochs"), X, y, **kwargs)
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (theta, losses).")
    if not np.array_equal(X, X0):
        fail(f"Called {last_call()}; it modified X.")
    p = dict(lr=0.01, n_epochs=30, seed=0) | kwargs
    exp_theta, exp_losses = reference(X, y, p["lr"], p["n_epochs"], p["seed"])
    theta, losses = np.asarray(got[0], dtype=float), np.asarray(got[1], dtype=float)
    d = X.shape[1]
    if theta.shape != (d + 1,):
        fail(f"Called {last_call()}; theta has shape {theta.shape}; expected ({d + 1},), the bias first.")
    n = X.shape[0]
    if losses.shape == (p["n_epochs"] * n + 1,) and p["n_epochs"] * n + 1 != p["n_epochs"] + 1:
        fail(f"Called {last_call()}; losses has one value per update ({losses.size}); expected one per EPOCH: "
             f"{p['n_epochs'] + 1} values, at θ = 0 and after each epoch.")
    if losses.shape != (p["n_epochs"] + 1,):
        fail(f"Called {last_call()}; losses has shape {losses.shape}; expected ({p['n_epochs'] + 1},): the MSE at "
             "θ = 0 and after each epoch.")
    atol = 1e-12 * max(1.0, np.abs(exp_theta).max())
    if np.allclose(theta, exp_theta, rtol=1e-9, atol=atol) and np.allclose(losses, exp_losses, rtol=1e-9):
        return theta, losses
    for what, kw in MISTAKES:
        t2, l2 = reference(X, y, p["lr"], p["n_epochs"], p["seed"], **kw)
        if np.allclose(theta, t2, rtol=1e-9, atol=atol):
            fail(f"Called {last_call()}; theta = {show(theta)} matches {what}. Expected {show(exp_theta)}.")
    if np.allclose(theta, exp_theta, rtol=1e-9, atol=atol):
        fail(f"Called {last_call()}; theta is right but losses = {show(losses)}; expected {show(exp_losses)}: the MSE "
             "on all samples at θ = 0 and after each epoch.")
    fail(f"Called {last_call()}; theta = {show(theta)}; expected {show(exp_theta)}.")


def test_defaults_recover_true_weights(submission):
    """the default data and run (lr = 0.01, 30 epochs, seed 0): θ exactly as specified, every weight within 0.05 of the truth"""
    X, y = ref_data(100, 0)
    theta, _ = _check(submission, X, y)
    err = np.abs(theta - TRUE)
    if not err.max() < 0.05:
        fail(f"learned θ = {show(theta)}; true {show(TRUE)}: an error of {err.max():.3g}.")


def test_other_seed_and_rate(submission):
    """20 samples, lr = 0.02, 4 epochs, seed 5"""
    X, y = ref_data(20, 5)
    _check(submission, X, y, lr=0.02, n_epochs=4, seed=5)


def test_one_sample(submission):
    """a single sample: every epoch is that one step; 3 epochs at lr = 0.05"""
    X, y = ref_data(1, 2)
    _check(submission, X, y, lr=0.05, n_epochs=3, seed=1)


def test_zero_epochs(submission):
    """n_epochs = 0: θ stays 0 and losses holds only mean(y²)"""
    X, y = ref_data(10, 1)
    _check(submission, X, y, n_epochs=0)


def test_one_feature(submission):
    """one feature (X of shape (15, 1)): θ has 2 entries"""
    rng = np.random.default_rng(4)
    X = rng.standard_normal((15, 1))
    _check(submission, X, 1 - 2 * X[:, 0], n_epochs=5, seed=2)


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_scaled_targets(submission, scale):
    """y scaled by 1e-6 and 1e6: θ scales with y (relative accuracy)"""
    X, y = ref_data(30, 6)
    _check(submission, X, scale * y, n_epochs=3, seed=6)
