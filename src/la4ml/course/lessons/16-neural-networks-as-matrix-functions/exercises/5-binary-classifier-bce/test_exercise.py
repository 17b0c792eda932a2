"""Hidden tests of exercise 16.5 — train_classifier(X, y, epochs, lr, seed) and accuracy(probs, y)."""

import numpy as np
import pytest
import torch
from torch import nn

from la4ml.course.grading import Feedback, call, fail, function, last_call, show
from la4ml.course.testdata import make_moons


class _SGD:
    """torch.optim.SGD without momentum, step for step, without importing torch.optim's compiler."""

    def __init__(self, params, lr):
        self.params, self.lr = list(params), lr

    def zero_grad(self):
        for p in self.params:
            p.grad = None

    @torch.no_grad()
    def step(self):
        for p in self.params:
            if p.grad is not None:
                p.add_(p.grad, alpha=-self.lr)


def _data(n=100, seed=0, noise=0.2):
    X, y = make_moons(n, noise=noise, random_state=seed)
    return torch.from_numpy(X), torch.from_numpy(y).double()


def _reference(X, y, epochs=200, lr=0.5, seed=0, *, double_sigmoid=False, zero_grad=True, probs_as_logits=False):
    torch.manual_seed(seed)
    layers = [nn.Linear(2, 5), nn.Tanh(), nn.Linear(5, 1)] + ([nn.Sigmoid()] if double_sigmoid else [])
    model = nn.Sequential(*layers).double()
    opt = _SGD(model.parameters(), lr)
    loss_fn = nn.BCEWithLogitsLoss()
    losses = []
    for _ in range(epochs):
        if zero_grad:
            opt.zero_grad()
        loss = loss_fn(model(X), y.reshape(-1, 1))
        losses.append(loss.item())
        loss.backward()
        opt.step()
    with torch.no_grad():
        out = model(X).reshape(-1)
    return losses, (out if probs_as_logits else torch.sigmoid(out))


def _check(submission, args, kwargs, ref_kwargs):
    X, y = args[0], args[1]
    try:
        got = call(function(submission, "train_classifier"), *args, **kwargs)
    except Feedback as fb:
        if "size" in str(fb) and "NotImplementedError" not in str(fb):
            fail(f"{fb}\nThe logits have shape (n, 1) and y has shape (n,): pass y.reshape(-1, 1) to the loss.")
        raise
    losses_e, probs_e = _reference(X, y, **ref_kwargs)
    if not (isinstance(got, tuple) and len(got) == 2):
        fail(f"Called {last_call()}; returned {show(got)}; expected the pair (losses, probs).")
    losses, probs = got
    if not isinstance(losses, list) or not all(isinstance(v, float) for v in losses):
        kinds = sorted({type(v).__name__ for v in losses}) if isinstance(losses, list) else type(losses).__name__
        fail(f"Called {last_call()}; losses is {kinds}; expected a list of Python floats (loss.item(), not the tensor).")
    if len(losses) != len(losses_e):
        fail(f"Called {last_call()}; returned {len(losses)} losses; expected {len(losses_e)}, one per epoch.")
    g, e = np.array(losses), np.array(losses_e)
    if not np.allclose(g, e, rtol=1e-9, atol=0):
        for alt, why in ((dict(double_sigmoid=True), "the sigmoid is applied twice: nn.BCEWithLogitsLoss already applies "
                          "it, so the model must end with the Linear layer (logits), not nn.Sigmoid()"),
                         (dict(zero_grad=False), "the gradients accumulate: call opt.zero_grad() every epoch")):
            a = np.array(_reference(X, y, **{**ref_kwargs, **alt})[0])
            if np.allclose(g, a, rtol=1e-9, atol=0, equal_nan=True):
                fail(f"Called {last_call()}; {why}.")
        if np.isclose(g[0], e[0], rtol=1e-9):
            i = int(np.argmax(~np.isclose(g, e, rtol=1e-9, atol=0)))
            fail(f"Called {last_call()}; the first loss matches but epoch {i} gives {g[i]!r}, expected {e[i]!r}: check "
                 "the optimiser (torch.optim.SGD with lr) and that each loss is recorded before its step.")
        fail(f"Called {last_call()}; the first loss is {g[0]!r}; expected {e[0]!r}: torch.manual_seed(seed), then "
             "nn.Sequential(nn.Linear(2, 5), nn.Tanh(), nn.Linear(5, 1)).double() and nn.BCEWithLogitsLoss().")
    if not isinstance(probs, torch.Tensor):
        fail(f"Called {last_call()}; probs is {show(probs)}; expected a tensor of shape ({len(y)},).")
    if tuple(probs.shape) != (len(y),):
        fail(f"Called {last_call()}; probs has shape {tuple(probs.shape)}; expected ({len(y)},): reshape(-1).")
    p = probs.detach().double()
    if not torch.allclose(p, probs_e, rtol=1e-9, atol=1e-12):
        logits = _reference(X, y, **ref_kwargs, probs_as_logits=True)[1]
        if torch.allclose(p, logits, rtol=1e-9, atol=1e-12):
            fail(f"Called {last_call()}; probs are the logits; apply torch.sigmoid to get probabilities in (0, 1).")
        fail(f"Called {last_call()}; probs = {show(p.numpy())}; expected σ(model(X)) after training = "
             f"{show(probs_e.numpy())}.")


def test_moons(submission):
    """100 moons, 200 epochs: every loss, and the final probabilities, equal the reference run"""
    X, y = _data()
    _check(submission, (X, y), {}, {})


def test_other_arguments(submission):
    """60 noisier moons, 50 epochs, lr 1.0, seed 7"""
    X, y = _data(60, seed=3, noise=0.35)
    _check(submission, (X, y), dict(epochs=50, lr=1.0, seed=7), dict(epochs=50, lr=1.0, seed=7))


def test_far_away_points(submission):
    """points 50 units from the origin saturate the logits: losses stay finite (the stable BCE)"""
    X, y = _data(40, seed=5)
    X = 50 * X
    _check(submission, (X, y), dict(epochs=20), dict(epochs=20))


@pytest.mark.parametrize("probs,y,expected", [
    ([0.9, 0.2, 0.5, 0.4], [1.0, 0.0, 0.0, 0.0], 0.75),  # 0.5 is class 1
    ([0.5, 0.49999], [1.0, 0.0], 1.0),
    ([0.1, 0.2, 0.3], [1.0, 1.0, 1.0], 0.0),
    ([0.7], [1.0], 1.0),
])
def test_accuracy(submission, probs, y, expected):
    """accuracy thresholds at probs >= 0.5 (0.5 itself is class 1) and returns a float"""
    got = call(function(submission, "accuracy"), torch.tensor(probs, dtype=torch.float64),
               torch.tensor(y, dtype=torch.float64))
    if isinstance(got, torch.Tensor) or not isinstance(got, float):
        fail(f"Called {last_call()}; returned {show(got)}; expected a Python float (.item()).")
    if abs(got - expected) > 1e-12:
        fail(f"Called {last_call()}; returned {got!r}; expected {expected!r} (class 1 when probs >= 0.5, so a "
             "probability of exactly 0.5 counts as class 1).")
