"""Hidden tests of exercise 16.6 — first_layer_gradient(model, X, y) and is_converged(grad, weight, rtol)."""

import numpy as np
import pytest
import torch
from torch import nn

from la4ml.course.grading import call, fail, function, last_call, show
from la4ml.course.testdata import make_moons


def _problem(seed=0, n=100, hidden=5, scale=1.0):
    X, y = make_moons(n, noise=0.2, random_state=seed)
    X, y = torch.from_numpy(X) * scale, torch.from_numpy(y).double()
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(2, hidden), nn.Tanh(), nn.Linear(hidden, 1)).double()
    return model, X, y


def _grad(model, X, y, reduction="mean"):
    for p in model.parameters():
        p.grad = None
    nn.BCEWithLogitsLoss(reduction=reduction)(model(X), y.reshape(-1, 1)).backward()
    g = model[0].weight.grad.detach().clone()
    for p in model.parameters():
        p.grad = None
    return g


def _check_grad(submission, model, X, y, *, stale=False):
    expected = _grad(model, X, y)
    W0 = model[0].weight.detach().clone()
    if stale:
        for p in model.parameters():
            p.grad = torch.full_like(p, 3.0)
    got = call(function(submission, "first_layer_gradient"), model, X, y)
    if not isinstance(got, torch.Tensor):
        fail(f"Called {last_call()}; returned {show(got)}; expected a tensor of shape {tuple(expected.shape)}.")
    if not torch.equal(model[0].weight.detach(), W0):
        fail(f"Called {last_call()}; it changed model[0].weight; read the gradient only — no optimiser step.")
    g = got.detach()
    if tuple(g.shape) != tuple(expected.shape):
        if tuple(g.shape) == tuple(expected.T.shape):
            fail(f"Called {last_call()}; the gradient has shape {tuple(g.shape)}; expected {tuple(expected.shape)}, the "
                 "shape of model[0].weight: nn.Linear stores W as (out_features, in_features).")
        fail(f"Called {last_call()}; the gradient has shape {tuple(g.shape)}; expected {tuple(expected.shape)}.")
    tol = 1e-12 * float(expected.abs().max()) + 1e-300
    if torch.allclose(g.double(), expected, rtol=1e-9, atol=tol):
        return
    if stale and torch.allclose(g.double(), expected + 3.0, rtol=1e-9, atol=tol):
        fail(f"Called {last_call()} on a model that already held gradients (3.0 everywhere); the result includes them: "
             "backward ADDS into .grad, so call model.zero_grad() first.")
    if torch.allclose(g.double(), _grad(model, X, y, "sum"), rtol=1e-9, atol=tol * len(y)):
        fail(f"Called {last_call()}; this is the gradient of the SUM of the losses; use the mean "
             "(nn.BCEWithLogitsLoss()'s default), as training did.")
    fail(f"Called {last_call()}; returned {show(g.numpy())}; expected {show(expected.numpy())}, the gradient of "
         "nn.BCEWithLogitsLoss()(model(X), y.reshape(-1, 1)) with respect to model[0].weight.")


def test_gradient_fresh_model(submission):
    """the (5, 2) gradient of the mean BCE at the initial weights, for 100 moons"""
    _check_grad(submission, *_problem())


def test_gradient_ignores_stale_gradients(submission):
    """a model that already holds gradients: the result must not include them (zero_grad first)"""
    _check_grad(submission, *_problem(seed=1), stale=True)


def test_gradient_other_width(submission):
    """a first layer of 7 units on 30 points scaled by 1e3: shape (7, 2), values to rounding"""
    _check_grad(submission, *_problem(seed=2, n=30, hidden=7, scale=1e3))


def test_gradient_two_calls(submission):
    """two calls in a row give the same gradient"""
    model, X, y = _problem(seed=3)
    _check_grad(submission, model, X, y)
    model.zero_grad()
    _check_grad(submission, model, X, y, stale=True)


def _verdict(submission, grad, weight, expected, *args, **kwargs):
    got = call(function(submission, "is_converged"), grad, weight, *args, **kwargs)
    if not isinstance(got, bool):
        fail(f"Called {last_call()}; returned {show(got)} of type {type(got).__name__}; expected a Python bool "
             "(bool(...) of the comparison).")
    if got != expected:
        g, w = torch.linalg.norm(grad).item(), torch.linalg.norm(weight).item()
        rtol = args[0] if args else kwargs.get("rtol", 1e-3)
        fail(f"Called {last_call()}; returned {got}; expected {expected}: ‖grad‖_F = {g:.6g} and rtol · ‖weight‖_F = "
             f"{rtol * w:.6g} (rtol = {rtol}); the rule is ‖grad‖_F <= rtol · ‖weight‖_F.")


W = torch.tensor([[3.0, 4.0], [0.0, 0.0]], dtype=torch.float64)  # ‖W‖_F = 5


@pytest.mark.parametrize("scale", [1e-6, 1.0, 1e6], ids=["tiny", "unit", "huge"])
def test_rule_is_relative(submission, scale):
    """the verdict is unchanged when gradient and weights are scaled together by 1e-6 or 1e6"""
    below = torch.tensor([[0.003, 0.0], [0.0, 0.0039]], dtype=torch.float64)  # norm 0.00492 < 0.005
    above = torch.tensor([[0.003, 0.0], [0.0, 0.0041]], dtype=torch.float64)  # norm 0.00508 > 0.005
    _verdict(submission, scale * below, scale * W, True)
    _verdict(submission, scale * above, scale * W, False)


def test_rule_uses_frobenius_norms(submission):
    """every entry counts: each entry is small but the Frobenius norm is above the bound"""
    g = torch.full((2, 2), 0.0031, dtype=torch.float64)  # max 0.0031 < 0.005, Frobenius 0.0062 > 0.005
    _verdict(submission, g, W, False)
    Wmax = torch.tensor([[1.0, 1.0], [1.0, 1.0]], dtype=torch.float64)  # max-abs 1, Frobenius 2
    _verdict(submission, torch.full((2, 2), 0.0009, dtype=torch.float64), Wmax, True)  # 0.0018 <= 0.002
    _verdict(submission, torch.full((2, 2), 0.0011, dtype=torch.float64), Wmax, False)  # 0.0022 > 0.002


def test_rule_boundary_and_rtol(submission):
    """equality counts as converged; rtol is honoured; a zero gradient with zero weights is converged"""
    g = torch.tensor([[0.5, 0.0], [0.0, 0.0]], dtype=torch.float64)  # 0.5 = 0.1 · 5 exactly
    _verdict(submission, g, W, True, 0.1)
    _verdict(submission, g, W, False, 0.05)
    _verdict(submission, g, W, True, rtol=0.2)
    _verdict(submission, torch.zeros(3, 2, dtype=torch.float64), torch.zeros(3, 2, dtype=torch.float64), True)
    _verdict(submission, torch.full((1, 1), 1e-300, dtype=torch.float64), torch.zeros(1, 1, dtype=torch.float64), False)
