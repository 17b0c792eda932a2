"""Hidden tests of exercise 16.3 — two_tanh, TwoTanh, train_with_activation, plot_losses."""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from la4ml.course.grading import (call, close_figures, expect_figure, fail, function, is_instance, last_call,
                                  placeholder_savefig, show)


class _TwoTanh(nn.Module):
    def forward(self, x):
        return 2 * torch.tanh(x)


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


def _reference(X, y, activation="relu", epochs=100, lr=0.05, seed=0, *, zero_grad=True, after=False):
    acts = {"relu": nn.ReLU, "tanh": nn.Tanh, "two_tanh": _TwoTanh}
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(1, 16), acts[activation](), nn.Linear(16, 1)).double()
    opt = _SGD(model.parameters(), lr)
    out = []
    for _ in range(epochs):
        if zero_grad:
            opt.zero_grad()
        loss = F.mse_loss(model(X), y)
        if not after:
            out.append(loss.item())
        loss.backward()
        opt.step()
        if after:
            with torch.no_grad():
                out.append(F.mse_loss(model(X), y).item())
    return out


def test_two_tanh_values(submission):
    """two_tanh is 2·tanh entrywise: values, saturation at ±2, shape and dtype kept"""
    x = torch.tensor([[-50.0, -1.0, 0.0], [0.5, 3.0, 50.0]], dtype=torch.float64)
    got = call(function(submission, "two_tanh"), x)
    if not isinstance(got, torch.Tensor):
        fail(f"Called {last_call()}; returned {show(got)}; expected a tensor (use torch.tanh, so autograd can follow).")
    expected = 2 * torch.tanh(x)
    if got.shape != x.shape or got.dtype != x.dtype:
        fail(f"Called {last_call()}; returned shape {tuple(got.shape)} and dtype {got.dtype}; expected {tuple(x.shape)}, "
             f"{x.dtype}.")
    if not torch.allclose(got, expected, rtol=4 * torch.finfo(torch.float64).eps, atol=0):
        if torch.allclose(got, torch.tanh(2 * x)):
            fail(f"Called {last_call()}; you computed tanh(2x); the task is 2·tanh(x) (outputs in (−2, 2)).")
        fail(f"Called {last_call()}; returned {show(got.numpy())}; expected 2·tanh(x) = {show(expected.numpy())}.")


def test_two_tanh_module(submission):
    """TwoTanh is an nn.Module with no parameters whose forward is 2·tanh"""
    cls = getattr(submission, "TwoTanh", None)
    if cls is None:
        fail("Your file has no class TwoTanh; keep the starter's class TwoTanh(nn.Module).")
    try:
        mod = cls()
    except Exception as exc:
        fail(f"TwoTanh() raised {type(exc).__name__}: {exc}")
    if not is_instance(mod, "torch.nn.modules.module.Module"):
        fail("TwoTanh() is not an nn.Module; declare it as class TwoTanh(nn.Module).")
    if len(list(mod.parameters())) != 0:
        fail("TwoTanh() has parameters; the activation 2·tanh(x) has none.")
    x = torch.linspace(-4, 4, 9, dtype=torch.float64)
    got = mod(x)
    if not torch.allclose(got.detach(), 2 * torch.tanh(x), rtol=1e-15, atol=0):
        fail(f"TwoTanh()(x) returned {show(got.detach().numpy())}; expected 2·tanh(x).")


def _check_training(submission, args, kwargs, ref_kwargs):
    X, y = args[0], args[1]
    got = call(function(submission, "train_with_activation"), *args, **kwargs)
    expected = _reference(X, y, **ref_kwargs)
    if not isinstance(got, list):
        fail(f"Called {last_call()}; returned {show(got)}; expected a list of {len(expected)} floats.")
    if any(isinstance(v, torch.Tensor) for v in got):
        fail(f"Called {last_call()}; the list holds tensors; append loss.item() (a Python float) — a tensor keeps "
             "its whole autograd graph alive and is not a plain number.")
    if not all(isinstance(v, float) for v in got):
        fail(f"Called {last_call()}; the list holds {sorted({type(v).__name__ for v in got})}; expected Python floats "
             "(loss.item()).")
    if len(got) != len(expected):
        fail(f"Called {last_call()}; returned {len(got)} losses; expected {len(expected)}, one per epoch.")
    g, e = np.array(got), np.array(expected)
    if np.allclose(g, e, rtol=1e-9, atol=0):
        return
    for alt, why in ((dict(zero_grad=False), "the gradients accumulate: call opt.zero_grad() (or model.zero_grad()) "
                      "every epoch, because loss.backward() ADDS into .grad"),
                     (dict(after=True), "the losses were recorded after each step; record loss.item() of the loss "
                      "you are about to step on (before opt.step())")):
        a = np.array(_reference(X, y, **ref_kwargs, **alt))
        if a.shape == g.shape and np.allclose(g, a, rtol=1e-9, atol=0, equal_nan=True):
            fail(f"Called {last_call()}; {why}.")
    if math.isclose(got[0], expected[0], rel_tol=1e-9):
        i = int(np.argmax(~np.isclose(g, e, rtol=1e-9, atol=0)))
        fail(f"Called {last_call()}; the first loss matches ({got[0]:.6g}) but epoch {i} gives {got[i]!r}, expected "
             f"{expected[i]!r}: check the learning rate, the optimiser (torch.optim.SGD, lr={ref_kwargs.get('lr', 0.05)}) "
             "and the activation.")
    fail(f"Called {last_call()}; the first loss is {got[0]!r}; expected {expected[0]!r}: call torch.manual_seed(seed) "
         "just before building nn.Sequential(nn.Linear(1, 16), act, nn.Linear(16, 1)).double(), with the named "
         "activation, and use F.mse_loss (the mean).")


@pytest.mark.parametrize("activation", ["relu", "tanh", "two_tanh"])
def test_training(submission, activation):
    """100 epochs on the lesson's data: every loss equals the reference run, for each activation"""
    X, y = _data()
    _check_training(submission, (X, y, activation), {}, dict(activation=activation))


def test_training_other_arguments(submission):
    """another data set, 40 epochs, lr = 0.1 and seed 3"""
    X, y = _data(60, seed=1)
    _check_training(submission, (X, 2 * y, "two_tanh"), dict(epochs=40, lr=0.1, seed=3),
                    dict(activation="two_tanh", epochs=40, lr=0.1, seed=3))


def test_training_defaults(submission):
    """the defaults: activation "relu", 100 epochs, lr 0.05, seed 0"""
    X, y = _data()
    _check_training(submission, (X, y), {}, {})


def test_plot(submission):
    """plot_losses: one labelled line per curve, x = 0 … len − 1, log y-scale, axis labels, legend"""
    curves = {"relu": [1.0, 0.5, 0.25, 0.2], "two_tanh": [2.0, 0.1, 0.01, 0.001], "tanh": [0.9, 0.8, 0.7, 0.6]}
    with placeholder_savefig():
        fig = expect_figure(call(function(submission, "plot_losses"), curves))
    try:
        if len(fig.axes) != 1:
            fail(f"The figure has {len(fig.axes)} axes; expected ONE axes holding every curve.")
        ax = fig.axes[0]
        lines = list(ax.lines)
        if len(lines) != 3:
            fail(f"The axes hold {len(lines)} lines; expected 3, one per curve.")
        for line, (name, losses) in zip(lines, curves.items()):
            xy = np.asarray(line.get_xydata())
            if line.get_label() != name:
                fail(f"A line is labelled {line.get_label()!r}; expected {name!r} (label=name, in the dict's order).")
            if xy.shape != (4, 2) or not np.allclose(xy[:, 0], np.arange(4)) or not np.allclose(xy[:, 1], losses):
                fail(f"The line {name!r} plots {show(xy)}; expected x = 0, 1, 2, 3 and y = {losses}.")
        if ax.get_yscale() != "log":
            fail(f"The y axis is {ax.get_yscale()!r}; use ax.set_yscale('log'): losses span orders of magnitude.")
        if ax.get_xlabel().strip().lower() != "epoch":
            fail(f"The x axis is labelled {ax.get_xlabel()!r}; expected 'epoch'.")
        if "loss" not in ax.get_ylabel().lower():
            fail(f"The y axis is labelled {ax.get_ylabel()!r}; expected a label containing 'loss'.")
        if ax.get_legend() is None:
            fail("The axes have no legend; call ax.legend() so the curves can be told apart.")
    finally:
        close_figures()
