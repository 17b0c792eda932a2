"""Hidden tests of exercise 16.4 — updates_per_epoch and train_minibatch with a DataLoader."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from la4ml.course.grading import call, fail, function, last_call, show


class _SGD:
    """torch.optim.SGD without momentum, step for step (p ← p − lr·grad), without importing torch.optim's compiler."""

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


def _data(n=200, seed=0):
    X = torch.linspace(-3, 3, n, dtype=torch.float64).reshape(-1, 1)
    return X, torch.sin(X) + 0.1 * torch.randn(X.shape, dtype=torch.float64, generator=torch.Generator().manual_seed(seed))


def _reference(X, y, batch_size=32, epochs=100, lr=0.05, seed=0, *, shuffle=True, zero_grad=True, own_gen=True,
               drop_last=False, record="full"):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(1, 16), nn.Tanh(), nn.Linear(16, 1)).double()
    opt = _SGD(model.parameters(), lr)
    gen = torch.Generator().manual_seed(seed) if own_gen else None
    loader = DataLoader(TensorDataset(X, y), batch_size=batch_size, shuffle=shuffle, generator=gen, drop_last=drop_last)
    out = []
    for _ in range(epochs):
        last = None
        for xb, yb in loader:
            if zero_grad:
                opt.zero_grad()
            loss = F.mse_loss(model(xb), yb)
            loss.backward()
            opt.step()
            last = loss.item()
        if record == "full":
            with torch.no_grad():
                out.append(F.mse_loss(model(X), y).item())
        else:
            out.append(last)
    return out


MISTAKES = [
    (dict(shuffle=False), "the batches are never shuffled: pass shuffle=True to the DataLoader, so every epoch "
                          "visits the samples in a new order"),
    (dict(own_gen=False), "the shuffling does not use its own generator: pass "
                          "generator=torch.Generator().manual_seed(seed) to the DataLoader"),
    (dict(zero_grad=False), "the gradients accumulate across batches: call opt.zero_grad() before every backward"),
    (dict(drop_last=True), "the short last batch is dropped: keep drop_last=False (the default)"),
    (dict(record="batch"), "the recorded value is the loss of the last batch; record the MSE on ALL of X, y after "
                           "each epoch, under torch.no_grad()"),
]


def _check(submission, args, kwargs, ref_kwargs):
    X, y = args[0], args[1]
    got = call(function(submission, "train_minibatch"), *args, **kwargs)
    expected = _reference(X, y, **ref_kwargs)
    if not isinstance(got, list):
        fail(f"Called {last_call()}; returned {show(got)}; expected a list of {len(expected)} floats.")
    if any(isinstance(v, torch.Tensor) for v in got):
        fail(f"Called {last_call()}; the list holds tensors; append loss.item(), a Python float.")
    if not all(isinstance(v, float) for v in got):
        fail(f"Called {last_call()}; the list holds {sorted({type(v).__name__ for v in got})}; expected Python floats.")
    if len(got) != len(expected):
        fail(f"Called {last_call()}; returned {len(got)} losses; expected {len(expected)}, one after each epoch.")
    g, e = np.array(got), np.array(expected)
    if np.allclose(g, e, rtol=1e-9, atol=0):
        return
    for alt, why in MISTAKES:
        try:
            a = np.array(_reference(X, y, **{**ref_kwargs, **alt}))
        except Exception:
            continue
        if a.shape == g.shape and np.allclose(g, a, rtol=1e-9, atol=0, equal_nan=True):
            fail(f"Called {last_call()}; {why}.")
    i = int(np.argmax(~np.isclose(g, e, rtol=1e-9, atol=0)))
    fail(f"Called {last_call()}; the loss after epoch {i + 1} is {got[i]!r}; expected {expected[i]!r}. Seed with "
         "torch.manual_seed(seed) just before building the model, use torch.optim.SGD with lr, F.mse_loss, and one "
         "step per batch.")


@pytest.mark.parametrize("n,bs,expected", [(200, 32, 7), (64, 32, 2), (65, 32, 3), (5, 32, 1), (1, 1, 1), (10, 3, 4)])
def test_updates_per_epoch(submission, n, bs, expected):
    """updates_per_epoch counts the batches, a short last one included"""
    got = call(function(submission, "updates_per_epoch"), n, bs)
    if isinstance(got, bool) or not isinstance(got, (int, np.integer)) or got != expected:
        why = " — the short last batch counts too (n // batch_size drops it)" if got == n // bs else ""
        fail(f"Called {last_call()}; returned {show(got)}; expected the int {expected}{why}.")


def test_batch_32(submission):
    """batches of 32 on the lesson's 200 points, 30 epochs: every loss equals the reference run"""
    X, y = _data()
    _check(submission, (X, y), dict(batch_size=32, epochs=30), dict(batch_size=32, epochs=30))


def test_full_batch(submission):
    """batch_size = len(X) is full-batch descent: one step per epoch"""
    X, y = _data()
    _check(submission, (X, y), dict(batch_size=200, epochs=30), dict(batch_size=200, epochs=30))


def test_uneven_batches_and_other_seed(submission):
    """70 samples in batches of 16 (the last holds 6), lr 0.1, seed 4, 25 epochs"""
    X, y = _data(70, seed=2)
    _check(submission, (X, y), dict(batch_size=16, epochs=25, lr=0.1, seed=4),
           dict(batch_size=16, epochs=25, lr=0.1, seed=4))


def test_defaults(submission):
    """the defaults: batch_size 32, 100 epochs, lr 0.05, seed 0 (40 samples: batches of 32 and 8)"""
    X, y = _data(40, seed=3)
    _check(submission, (X, y), {}, {})
