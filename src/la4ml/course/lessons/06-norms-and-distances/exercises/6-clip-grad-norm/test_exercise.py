"""Hidden tests of exercise 6.6 — clip_grad_norm(parameters, max_norm), from scratch, vs PyTorch."""

import copy

import numpy as np
import torch
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call


def _model_with_grads(seed, scale=100.0):
    torch.manual_seed(seed)
    model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3), torch.nn.Linear(3, 1))
    X, y = torch.randn(32, 4), scale * torch.randn(32, 1)
    torch.nn.functional.mse_loss(model(X), y).backward()
    return model


def _twin(model):
    """A copy of the model with copies of its gradients (deepcopy does not copy .grad)."""
    twin = copy.deepcopy(model)
    for p, q in zip(model.parameters(), twin.parameters()):
        q.grad = None if p.grad is None else p.grad.detach().clone()
    return twin


def _grads(model):
    return [p.grad.detach().clone() for p in model.parameters()]


def _describe(grads):
    per = [float(g.norm()) for g in grads]
    return per, float(np.sqrt(sum(v**2 for v in per)))


def _check(submission, model, max_norm):
    twin = _twin(model)
    before = _grads(model)
    per, total = _describe(before)
    f = function(submission, "clip_grad_norm")
    got = call(f, list(model.parameters()), max_norm)
    ref_total = float(torch.nn.utils.clip_grad_norm_(twin.parameters(), max_norm))
    after = _grads(model)
    want = _grads(twin)
    per_after, total_after = _describe(after)
    try:
        got_val = float(got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {got!r}; expected the total norm before clipping, a float.")
    if not np.isclose(got_val, ref_total, rtol=1e-5):
        if np.isclose(got_val, total_after, rtol=1e-5) and not np.isclose(total_after, ref_total, rtol=1e-5):
            fail(f"Called {last_call()}; returned {got_val:.6g}, the norm AFTER clipping; expected {ref_total:.6g}, the "
                 "norm before (what torch.nn.utils.clip_grad_norm_ returns, and what is worth logging).")
        if np.isclose(got_val, sum(per), rtol=1e-5):
            fail(f"Called {last_call()}; returned {got_val:.6g} = the SUM of the per-tensor norms {np.round(per, 3).tolist()} "
                 f"(an L1 combination); expected {ref_total:.6g} = sqrt of the sum of their squares: the L2 norm of all "
                 "gradients stacked into one vector.")
        if np.isclose(got_val, ref_total**2, rtol=1e-5):
            fail(f"Called {last_call()}; returned {got_val:.6g}, the squared norm; expected {ref_total:.6g}: take the "
                 "square root of the sum of squares.")
        if np.isclose(got_val, max(per), rtol=1e-5):
            fail(f"Called {last_call()}; returned {got_val:.6g}, the norm of a single tensor; expected the global norm "
                 f"{ref_total:.6g} over all {len(per)} gradient tensors together.")
        fail(f"Called {last_call()}; returned {got_val:.6g}; expected the global norm before clipping, {ref_total:.6g}.")
    if all(torch.equal(a, b) for a, b in zip(after, before)) and not all(
        torch.allclose(a, b) for a, b in zip(want, before)
    ):
        fail(f"Called {last_call()}; the .grad tensors are unchanged, but the norm {ref_total:.4g} exceeds max_norm = "
             f"{max_norm}: scale every p.grad IN PLACE (p.grad.mul_(factor)); the optimizer reads p.grad.")
    if all(torch.allclose(a, b, rtol=1e-5, atol=1e-7) for a, b in zip(after, want)):
        return
    factor = min(1.0, max_norm / (ref_total + 1e-6))
    if factor == 1.0:
        fail(f"Called {last_call()}; the gradients changed although their norm {ref_total:.4g} is below max_norm = "
             f"{max_norm:g} (it is now {total_after:.4g}); clipping only shrinks gradients that are too long; "
             "it never scales them up.")
    if all(torch.equal(a, b) for a, b in zip(after, before)):
        fail(f"Called {last_call()}; the gradients were left unchanged, but PyTorch multiplies them by "
             f"min(1, max_norm / (norm + 1e-6)) = {factor:.6g} here (norm {ref_total:.6g}, max_norm {max_norm:.6g}): "
             "use exactly that factor, not a test of norm > max_norm (they differ when the norm is within 1e-6 "
             "of max_norm).")
    if all(v <= max_norm * (1 + 1e-4) for v in per_after) and total_after > max_norm * 1.01:
        fail(f"Called {last_call()}; each tensor's gradient now has norm at most {max_norm} "
             f"({np.round(per_after, 4).tolist()}), but the global norm is {total_after:.4g} > {max_norm}: you clipped "
             "each tensor separately. Compute ONE norm over all the gradients and scale them all by the same "
             "factor max_norm / (norm + 1e-6).")
    ratios = [float((a.norm() / b.norm())) for a, b in zip(after, before) if float(b.norm()) > 0]
    if np.allclose(ratios, ratios[0], rtol=1e-4):
        hint = ""
        if np.isclose(ratios[0], max_norm / ref_total, rtol=1e-4):
            hint = (" You used max_norm / norm, without PyTorch's + 1e-6; at this scale the 1e-6 matters "
                    f"(norm {ref_total:.3g}).")
        fail(f"Called {last_call()}; every gradient was scaled by {ratios[0]:.6g}; expected {factor:.6g} "
             f"= min(1, max_norm / (norm + 1e-6)), which brings the global norm from {ref_total:.4g} to just under "
             f"{max_norm:g}.{hint}")
    fail(f"Called {last_call()}; the clipped gradients differ from torch.nn.utils.clip_grad_norm_'s; the global norm is "
         f"now {total_after:.4g}, expected {max_norm}, and every tensor must shrink by the same factor.")


def test_clips_large_gradient(submission):
    """a large gradient (norm far above 1) is scaled to norm 1, every tensor by the same factor, as PyTorch does"""
    _check(submission, _model_with_grads(0), 1.0)


def test_leaves_small_gradient(submission):
    """a gradient already shorter than max_norm is left exactly as it was, and its norm is returned"""
    model = _model_with_grads(1, scale=0.01)
    total = _describe(_grads(model))[1]
    _check(submission, model, 10.0 * total)


def test_skips_missing_grads(submission):
    """tensors whose .grad is None are skipped"""
    model = _model_with_grads(2)
    extra = torch.nn.Parameter(torch.zeros(3))  # never used in the loss: .grad stays None
    params = list(model.parameters()) + [extra]
    twin = _twin(model)
    f = function(submission, "clip_grad_norm")
    got = call(f, params, 2.0)
    ref = float(torch.nn.utils.clip_grad_norm_(twin.parameters(), 2.0))
    if not np.isclose(float(got), ref, rtol=1e-5):
        fail(f"Called {last_call()}; returned {float(got):.6g}; expected {ref:.6g}.")


def _rescaled(model, norm):
    """Scale the model's gradients in place so that their global norm is `norm` (float32)."""
    total = float(torch.sqrt(sum((p.grad.double() ** 2).sum() for p in model.parameters())))
    for p in model.parameters():
        p.grad.mul_(norm / total)
    return model


def test_tiny_gradients(submission):
    """gradients of global norm 1e-5 with max_norm = 5e-6: the factor is 5e-6 / (1e-5 + 1e-6) ≈ 0.45, as in PyTorch"""
    _check(submission, _rescaled(_model_with_grads(4), 1e-5), 5e-6)


def test_norm_equal_to_max_norm(submission):
    """a gradient whose norm equals max_norm = 1e-5 is still scaled, by 1e-5 / (1e-5 + 1e-6) ≈ 0.91, as in PyTorch"""
    model = _rescaled(_model_with_grads(5), 1e-5)
    total = _describe(_grads(model))[1]
    _check(submission, model, total)


def test_no_gradients(submission):
    """returns 0.0 when no tensor has a gradient (there is nothing to clip)"""
    params = [torch.nn.Parameter(torch.ones(3)), torch.nn.Parameter(torch.zeros(2, 2))]  # .grad is None
    f = function(submission, "clip_grad_norm")
    got = call(f, params, 1.0)
    try:
        got_val = float(got)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {got!r}; expected 0.0, the norm of no gradient at all.")
    if got_val != 0.0:
        fail(f"Called {last_call()}; returned {got_val:g}; expected 0.0: no tensor has a gradient, so the global "
             "norm is 0 (torch.nn.utils.clip_grad_norm_ returns 0 too).")


def test_from_scratch(submission):
    """computes the clipping itself: still works when torch.nn.utils.clip_grad_norm_ is blocked"""
    model = _model_with_grads(3)
    twin = _twin(model)
    ref = float(torch.nn.utils.clip_grad_norm_(twin.parameters(), 1.0))
    library = [f"torch.nn.utils.{name}" for name in ("clip_grad_norm_", "clip_grad_norm", "get_total_norm",
                                                      "clip_grads_with_norm_")]
    with blocked(*library, reason="the clipping must be computed by hand"):
        try:
            got = call(function(submission, "clip_grad_norm"), list(model.parameters()), 1.0)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks you to compute the global norm and scale the gradients yourself; use "
                     "torch.nn.utils.clip_grad_norm_ only to compare.")
            raise
    if not np.isclose(float(got), ref, rtol=1e-5):
        fail(f"Called {last_call()}; returned {float(got):.6g}; expected {ref:.6g}.")


@settings(max_examples=8, deadline=None, phases=[Phase.explicit, Phase.generate])  # no shrinking: each example builds a model and a backward pass
@given(seed=st.integers(0, 10_000), scale=st.sampled_from([0.01, 1.0, 100.0]), max_norm=st.sampled_from([0.5, 1.0, 5.0]))
def test_property_matches_torch(submission, seed, scale, max_norm):
    """on random models and targets, returns the same norm and leaves the same gradients as clip_grad_norm_"""
    _check(submission, _model_with_grads(seed, scale), max_norm)
