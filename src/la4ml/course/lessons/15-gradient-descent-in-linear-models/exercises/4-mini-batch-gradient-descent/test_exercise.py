"""Hidden tests of exercise 15.4 — epoch_batches(n_samples, batch_size, rng) and
minibatch_gd(X, y, lr, n_iters, batch_size, seed)."""

import numpy as np
import pytest

from la4ml.course.grading import call, fail, function, last_call, show


def _starter_data():
    rng = np.random.default_rng(0)
    X = 2 * rng.random((40, 1))
    return X, 4 + 3 * X[:, 0] + rng.standard_normal(40)


def _two_features(n=23):
    rng = np.random.default_rng(3)
    X = rng.uniform(-1, 2, (n, 2))
    return X, -1.5 + X @ np.array([0.7, -2.0]) + 0.2 * rng.standard_normal(n)


def ref_batches(n, bs, rng, mode="shuffle"):
    if mode == "sorted":
        order = np.arange(n)
    elif mode == "replace":
        order = rng.integers(n, size=n)
    else:
        order = rng.permutation(n)
    out = [order[i:i + bs] for i in range(0, n, bs)]
    if mode == "droplast" and len(out[-1]) < bs and len(out) > 1:
        out = out[:-1]
    return out


def reference(X, y, lr, n_iters, bs, seed, *, mode="shuffle", reshuffle=True, per_n=False, factor=2.0,
              update_bias=True, log_after=False):
    n = X.shape[0]
    A = np.column_stack([np.ones(n), X])
    theta = np.zeros(A.shape[1])
    rng = np.random.default_rng(seed)
    first = None
    pending, losses = [], []
    with np.errstate(all="ignore"):
        for _ in range(n_iters):
            if not log_after:
                losses.append(np.mean((A @ theta - y) ** 2))
            if not pending:
                if reshuffle or first is None:
                    first = ref_batches(n, bs, rng, mode)
                pending = list(first)
            b = pending.pop(0)
            g = (factor / (n if per_n else len(b))) * (A[b].T @ (A[b] @ theta - y[b]))
            if not update_bias:
                g[0] = 0.0
            theta = theta - lr * g
            if log_after:
                losses.append(np.mean((A @ theta - y) ** 2))
    if not log_after:
        losses.append(np.mean((A @ theta - y) ** 2))
    return theta, np.array(losses)


# ----------------------------------------------------------------------------------------- epoch_batches


def _check_batches(submission, n, bs, seed):
    got = call(function(submission, "epoch_batches"), n, bs, np.random.default_rng(seed))
    expected = ref_batches(n, bs, np.random.default_rng(seed))
    try:
        got = [np.asarray(b) for b in got]
    except TypeError:
        fail(f"Called {last_call()}; returned {show(got)}; expected a list of index arrays.")
    flat = np.concatenate(got) if got else np.array([], dtype=int)
    if flat.size and not np.issubdtype(flat.dtype, np.integer):
        fail(f"Called {last_call()}; the batches hold {flat.dtype} values; expected integer indices.")
    if sorted(flat.tolist()) != list(range(n)):
        counts = np.bincount(flat.astype(int), minlength=n) if flat.size else np.zeros(n, int)
        fail(f"Called {last_call()}; the batches hold {flat.size} indices, with {int(np.sum(counts == 0))} samples "
             f"missing and {int(np.sum(counts > 1))} repeated; an epoch must use every one of the {n} samples exactly "
             "once: cut ONE rng.permutation(n_samples) into slices (rng.integers or rng.choice draw with replacement).")
    sizes = [len(b) for b in got]
    exp_sizes = [len(b) for b in expected]
    if sizes != exp_sizes:
        fail(f"Called {last_call()}; the batch sizes are {sizes}; expected {exp_sizes}: consecutive slices of "
             "batch_size, only the last one shorter.")
    if np.array_equal(flat, np.arange(n)) and n > 2:
        fail(f"Called {last_call()}; the batches are in the order 0, 1, …, {n - 1}: shuffle with rng.permutation "
             "every epoch, or every epoch sees the same batches.")
    if not all(np.array_equal(g, e) for g, e in zip(got, expected)):
        fail(f"Called {last_call()}; returned {show(got)}; expected {show(expected)}: order = rng.permutation("
             "n_samples) (called once), then order[0:batch_size], order[batch_size:2·batch_size], ….")
    return got


@pytest.mark.parametrize("n, bs, seed", [(40, 5, 0), (7, 3, 1), (10, 1, 2), (4, 9, 3), (12, 12, 4)])
def test_epoch_batches(submission, n, bs, seed):
    """epoch_batches for (n, batch_size) = (40, 5), (7, 3) with a short last batch, (10, 1), a batch larger than n, and n = batch_size"""
    _check_batches(submission, n, bs, seed)


def test_epochs_differ(submission):
    """two different generators give two different epochs (the order comes from rng, not a fixed rule)"""
    a = _check_batches(submission, 20, 4, 10)
    b = _check_batches(submission, 20, 4, 11)
    if all(np.array_equal(u, v) for u, v in zip(a, b)):
        fail("epoch_batches gave the same batches for two different generators.")


# ------------------------------------------------------------------------------------------ minibatch_gd

MISTAKES = [
    ("batches cut from ONE permutation reused in every epoch: the batch composition must change from epoch to epoch "
     "— call epoch_batches(n, batch_size, rng) again when the previous epoch's batches are used up",
     dict(reshuffle=False)),
    ("batches in the order 0, 1, …, n-1 with no shuffling", dict(mode="sorted", reshuffle=False)),
    ("indices drawn with replacement: some samples twice per epoch, some never", dict(mode="replace")),
    ("the short last batch of each epoch skipped: every sample must be used once per epoch", dict(mode="droplast")),
    ("a batch gradient divided by n instead of by the batch's size |B|: the step is |B|/n times too small",
     dict(per_n=True)),
    ("a batch gradient without the factor 2", dict(factor=1.0)),
    ("a bias that is never updated", dict(update_bias=False)),
    ("losses recorded after each update instead of before it (losses[0] must be mean(y²) at θ = 0)",
     dict(log_after=True)),
]


def _check(submission, X, y, **kwargs):
    X, y = np.array(X, dtype=float), np.array(y, dtype=float)
    X0, y0 = X.copy(), y.copy()
    got = call(function(submission, "minibatch_gd"), X, y, **kwargs)
    if not isinstance(got, tuple) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (theta, losses).")
    if not (np.array_equal(X, X0) and np.array_equal(y, y0)):
        fail(f"Called {last_call()}; it modified X or y.")
    p = dict(lr=0.1, n_iters=200, batch_size=5, seed=0) | kwargs
    exp_theta, exp_losses = reference(X, y, p["lr"], p["n_iters"], p["batch_size"], p["seed"])
    theta, losses = np.asarray(got[0], dtype=float), np.asarray(got[1], dtype=float)
    d = X.shape[1]
    if theta.shape != (d + 1,):
        fail(f"Called {last_call()}; theta has shape {theta.shape}; expected ({d + 1},), the bias first.")
    if losses.shape != (p["n_iters"] + 1,):
        fail(f"Called {last_call()}; losses has shape {losses.shape}; expected ({p['n_iters'] + 1},): the full-data "
             "MSE before each update and after the last.")
    atol = 1e-12 * max(1.0, np.abs(exp_theta).max())
    if np.allclose(theta, exp_theta, rtol=1e-9, atol=atol) and np.allclose(losses, exp_losses, rtol=1e-9):
        return theta, losses
    for what, kw in MISTAKES:
        t2, l2 = reference(X, y, p["lr"], p["n_iters"], p["batch_size"], p["seed"], **kw)
        if np.allclose(theta, t2, rtol=1e-9, atol=atol) and np.allclose(losses, l2, rtol=1e-9, equal_nan=True):
            fail(f"Called {last_call()}; theta = {show(theta)} matches {what}. Expected theta = {show(exp_theta)}.")
    fail(f"Called {last_call()}; theta = {show(theta)}; expected {show(exp_theta)} (losses expected "
         f"{show(exp_losses)}).")


def test_defaults_starter_data(submission):
    """the 40 samples of 15.1 with the defaults (lr = 0.1, 200 iterations, batches of 5, seed 0)"""
    _check(submission, *_starter_data())


def test_short_last_batch(submission):
    """23 samples in batches of 5 (the last one holds 3), 2 features, 17 iterations across 4 epochs, seed 9"""
    _check(submission, *_two_features(), lr=0.05, n_iters=17, batch_size=5, seed=9)


def test_batch_size_n_is_batch_descent(submission):
    """batch_size = n: every step uses all samples, so the run equals batch gradient descent (15.1)"""
    X, y = _starter_data()
    theta, _ = _check(submission, X, y, n_iters=30, batch_size=40)
    A = np.column_stack([np.ones(40), X])
    t = np.zeros(2)
    for _ in range(30):
        t = t - 0.1 * (2 / 40) * A.T @ (A @ t - y)
    if not np.allclose(theta, t, rtol=1e-12):
        fail(f"with batch_size = n the run should equal batch descent: {show(theta)} vs {show(t)}.")


def test_batch_size_one(submission):
    """batch_size = 1 on 23 samples (a stochastic run), 50 iterations"""
    _check(submission, *_two_features(), lr=0.02, n_iters=50, batch_size=1, seed=4)


def test_zero_iterations(submission):
    """n_iters = 0: θ stays 0 and losses holds only mean(y²)"""
    _check(submission, *_starter_data(), n_iters=0)


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_scaled_targets(submission, scale):
    """y scaled by 1e-6 and 1e6: θ scales with y (relative accuracy)"""
    X, y = _starter_data()
    _check(submission, X, scale * y, n_iters=24)
