"""Hidden tests of exercise 9.6 — layer_blind_spots(layer, rtol=None): the null space of an nn.Linear weight."""

import numbers

import numpy as np
import pytest
import torch

from la4ml.course.grading import Feedback, call, fail, function, last_call, show

EPS32, EPS64 = np.finfo(np.float32).eps, np.finfo(np.float64).eps


def _linear(in_features, out_features, seed=0, weight=None, bias_scale=1.0, double=False):
    torch.manual_seed(seed)
    layer = torch.nn.Linear(in_features, out_features)
    if double:
        layer = layer.double()
    with torch.no_grad():
        if weight is not None:
            layer.weight.copy_(torch.as_tensor(np.asarray(weight), dtype=layer.weight.dtype))
        layer.bias.mul_(bias_scale)
    return layer


def _reference(W, rtol):
    U, s, Vh = np.linalg.svd(W, full_matrices=True)
    cut = (max(W.shape) * np.finfo(W.dtype).eps if rtol is None else rtol) * s.max()
    r = int(np.count_nonzero(s > cut))
    return Vh[r:].T.astype(np.float64), r, s, cut


def _check(submission, layer, because, rtol="default"):
    W = layer.weight.detach().numpy().copy()
    f = function(submission, "layer_blind_spots")
    try:
        got = call(f, layer) if rtol == "default" else call(f, layer, rtol=rtol)
    except Feedback as fb:
        if "requires grad" in str(fb) or "requires_grad" in str(fb):
            fail(f"{fb}\nlayer.weight is a Parameter that requires grad; read it with "
                 "layer.weight.detach().cpu().numpy().")
        raise
    if not np.array_equal(layer.weight.detach().numpy(), W):
        fail(f"Called {last_call()}; it changed layer.weight. Work on a copy: the layer is still in use.")
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        fail(f"Called {last_call()}; returned {show(got)}; expected a pair (N, r).")
    N, r = got
    if hasattr(N, "detach"):
        N = N.detach().cpu().numpy()
    try:
        N = np.asarray(N, dtype=np.float64)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; N is {show(N)}, not an array of numbers.")
    if isinstance(r, (bool, np.bool_)) or not isinstance(r, (numbers.Integral, np.integer)):
        fail(f"Called {last_call()}; r = {show(r)} is a {type(r).__name__}; expected an int (convert with int(...)).")
    rtol_value = None if rtol == "default" else rtol
    N_ref, r_ref, s, cut = _reference(W, rtol_value)
    out_f, in_f = W.shape
    if int(r) != r_ref:
        reasons = []  # every usual mistake that gives this count on this weight
        rank_at = lambda cut_: int(np.count_nonzero(s > cut_))  # noqa: E731
        default = max(W.shape) * np.finfo(W.dtype).eps * s.max()
        if rtol_value is None and W.dtype == np.float32 and int(r) == rank_at(max(W.shape) * EPS64 * s.max()):
            reasons.append(f"the weight is float32: its rounding noise is ~{EPS32:.1e} · σ_max, so the default cut-off "
                           "uses np.finfo(W.dtype).eps (float32's), not float64's — converting to float64 does not "
                           "remove the noise")
        if int(r) == rank_at(0.0) and rtol_value != 0:
            reasons.append("you counted every singular value > 0; rounding leaves the 'zero' ones small but nonzero")
        if rtol_value is None and int(r) == rank_at(min(W.shape) * np.finfo(W.dtype).eps * s.max()):
            reasons.append("the default rtol is max(out_features, in_features) · eps, not the smaller dimension")
        if rtol_value is not None and int(r) == rank_at(rtol_value):
            reasons.append("the cut-off is relative: rtol · σ_max, not rtol")
        if rtol_value == 0 and int(r) == rank_at(default):
            reasons.append("rtol=0 was passed: test `rtol is None`, not `not rtol` (0 is falsy)")
        if int(r) == int(np.count_nonzero(s >= cut)) and int(r) != r_ref:
            reasons.append("a singular value equal to the cut-off must not count (s > cutoff, not >=)")
        hint = (" Mistake: " + ("one of these: " if len(reasons) > 1 else "") + "; or ".join(reasons) + ".") if reasons else ""
        svals = np.array2string(s / s.max() if s.max() else s, formatter={"float_kind": "{:.2g}".format})
        fail(f"Called {last_call()}; returned r = {r}; expected {r_ref}: the singular values relative to σ_max are "
             f"{svals} and the cut-off is {cut / s.max() if s.max() else 0:.3g} · σ_max.{hint} ({because}.)")
    want = (in_f, in_f - r_ref)
    if N.shape != want:
        hint = ""
        if N.shape == (out_f, out_f - r_ref):
            hint = (f" That is the null space of Wᵀ (vectors with out_features = {out_f} entries). nn.Linear stores W as "
                    f"(out_features, in_features) and computes W x: the blind spots are the null space of W itself.")
        elif N.shape == want[::-1]:
            hint = " Return the basis vectors as COLUMNS: Vh[r:].T."
        elif N.shape == (in_f, min(out_f, in_f) - r_ref):
            hint = (" With full_matrices=False, Vh of a wide weight has only out_features rows and the null space is "
                    "lost: use np.linalg.svd(W, full_matrices=True).")
        fail(f"Called {last_call()}; N has shape {N.shape}; expected {want} (in_features = {in_f}, rank {r_ref}).{hint}")
    eps = np.finfo(W.dtype).eps
    tol = 1e-4 if W.dtype == np.float32 else 1e-10
    if 0 < r_ref:  # two correct SVDs differ by rounding / (gap at the split) (Wedin's theorem)
        gap = (s[r_ref - 1] - (s[r_ref] if r_ref < len(s) else 0.0)) / s.max()
        tol = max(tol, 100 * max(W.shape) * eps / gap)
    if N.shape[1]:
        if not np.allclose(N.T @ N, np.eye(N.shape[1]), atol=tol):
            fail(f"Called {last_call()}; the columns of N are not orthonormal (NᵀN differs from I by "
                 f"{np.abs(N.T @ N - np.eye(N.shape[1])).max():.2e}).")
        off = np.linalg.norm(N - N_ref @ (N_ref.T @ N), 2)
        if off > tol:
            Wn = np.linalg.norm(W.astype(np.float64) @ N, 2) / max(s.max(), 1e-300)
            fail(f"Called {last_call()}; N is not the null space of the weight: ‖W N‖ / ‖W‖ = {Wn:.2e} (it should be at "
                 "rounding level). Take the LAST in_features - r rows of Vh (the right singular vectors), transposed; "
                 f"not columns of U and not Vh[:, r:]. ({because}.)")
    return N, int(r)


def test_default_layer_64_to_10(submission):
    """nn.Linear(64, 10): rank 10, a 54-dimensional null space, and moving an input along it leaves the output unchanged"""
    layer = _linear(64, 10)
    N, r = _check(submission, layer, "a 10 × 64 weight has rank 10, so 64 - 10 = 54 input directions are invisible")
    x = torch.randn(64, generator=torch.Generator().manual_seed(1))
    c = torch.tensor(np.random.default_rng(2).standard_normal(N.shape[1]), dtype=torch.float32)
    with torch.no_grad():
        change = (layer(x + torch.tensor(N, dtype=torch.float32) @ c) - layer(x)).abs().max().item()
    assert change < 1e-4, change


def test_more_outputs_than_inputs(submission):
    """nn.Linear(3, 5): a 5 × 3 weight of full column rank sees every input: N has shape (3, 0)"""
    _check(submission, _linear(3, 5), "the weight has 3 independent columns: only x = 0 maps to the bias")


def test_wide_small(submission):
    """nn.Linear(5, 3): N has shape (5, 2) and r = 3"""
    _check(submission, _linear(5, 3, seed=3), "a 3 × 5 weight of rank 3 has a 2-dimensional null space in R^5")


def _rank2_weight():
    rng = np.random.default_rng(6)
    return (rng.standard_normal((6, 2)) @ rng.standard_normal((2, 8))).astype(np.float32)


def test_float32_bottleneck(submission):
    """nn.Linear(8, 6) with a float32 rank-2 weight: rank 2 and a 6-dimensional null space (float32's eps decides)"""
    layer = _linear(8, 6, weight=_rank2_weight())
    _check(submission, layer, "the weight is a rank-2 product stored in float32: its other singular values are "
           "float32 rounding, about 1e-8 · σ_max, below max(6, 8) · 1.2e-7 · σ_max")


@pytest.mark.parametrize("scale", [1e-6, 1e6])
def test_scale(submission, scale):
    """the float32 rank-2 bottleneck with its weight times 1e-6 or 1e6: still rank 2"""
    layer = _linear(8, 6, weight=(scale * _rank2_weight()).astype(np.float32))
    _check(submission, layer, f"multiplying the weight by {scale:g} does not change its rank")


def test_bias_does_not_matter(submission):
    """a layer with a large bias has the same blind spots: the bias is added to every output alike"""
    layer = _linear(8, 6, weight=_rank2_weight(), bias_scale=1e3)
    _check(submission, layer, "the null space depends on W only")


def test_zero_weight(submission):
    """a layer whose weight is all zeros sees nothing: rank 0 and N spans all of R^4"""
    _check(submission, _linear(4, 3, weight=np.zeros((3, 4), dtype=np.float32)), "W x = 0 for every x")


def test_float64_layer_and_rtol(submission):
    """a float64 layer with singular values 1, 1e-3, 1e-9: default rank 3 (float64's eps), rtol=1e-6 gives rank 2"""
    rng = np.random.default_rng(9)
    U, _ = np.linalg.qr(rng.standard_normal((3, 3)))
    V, _ = np.linalg.qr(rng.standard_normal((7, 3)))
    W = U @ np.diag([1.0, 1e-3, 1e-9]) @ V.T
    _check(submission, _linear(7, 3, weight=W, double=True), "in float64, 1e-9 · σ_max is far above rounding")
    _check(submission, _linear(7, 3, weight=W, double=True), "1e-9 is below the cut-off 1e-6 · σ_max", rtol=1e-6)
    _check(submission, _linear(7, 3, weight=1e4 * W, double=True), "the cut-off scales with σ_max", rtol=1e-6)


def test_default_cutoff_uses_larger_dimension(submission):
    """a float64 50 → 2 layer whose second singular value is 10·eps·σ_max: below max(2, 50)·eps·σ_max, so rank 1"""
    rng = np.random.default_rng(5)
    U, _ = np.linalg.qr(rng.standard_normal((2, 2)))
    V, _ = np.linalg.qr(rng.standard_normal((50, 2)))
    W = U @ np.diag([1.0, 10 * EPS64]) @ V.T
    _check(submission, _linear(50, 2, weight=W, double=True), "σ_2 ≈ 2.2e-15 · σ_max is rounding level for a "
           "2 × 50 weight")


def test_rtol_zero_is_honoured(submission):
    """rtol=0 (unwise but legal) counts every positive singular value: the float32 bottleneck then looks full rank"""
    layer = _linear(8, 6, weight=_rank2_weight())
    _check(submission, layer, "with a cut-off of 0 the float32 rounding noise counts as rank", rtol=0.0)
