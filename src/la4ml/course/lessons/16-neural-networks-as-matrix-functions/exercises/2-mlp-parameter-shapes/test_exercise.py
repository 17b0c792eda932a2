"""Hidden tests of exercise 16.2 — make_mlp, parameter_shapes, count_parameters, predicted_shapes."""

import pytest
import torch
from torch import nn

from la4ml.course.grading import call, fail, function, last_call, show, type_name


def _reference(sizes, seed):
    torch.manual_seed(seed)
    layers = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        if i:
            layers.append(nn.ReLU())
        layers.append(nn.Linear(a, b))
    return nn.Sequential(*layers)


def _shapes(model):
    return {n: tuple(p.shape) for n, p in model.named_parameters()}


def _check_shapes_dict(got, expected, what):
    if not isinstance(got, dict):
        fail(f"Called {last_call()}; returned {show(got)}; expected a dict {{name: shape}} like {show(expected)}.")
    if list(got) != list(expected):
        fail(f"Called {last_call()}; the keys are {list(got)}; expected {list(expected)} ({what}).")
    for k, v in expected.items():
        g = got[k]
        if not isinstance(g, tuple) or not all(isinstance(s, int) for s in g):
            fail(f"Called {last_call()}; the shape of {k!r} is {show(g)}; expected the tuple of ints {v}.")
        if tuple(g) != v:
            if tuple(g) == v[::-1] and len(v) == 2:
                fail(f"Called {last_call()}; {k!r} has shape {tuple(g)}; expected {v}: nn.Linear stores its weight as "
                     "(out_features, in_features) — one row per output unit — and computes x Wᵀ + b.")
            fail(f"Called {last_call()}; {k!r} has shape {tuple(g)}; expected {v}.")


@pytest.mark.parametrize("sizes", [(3, 8, 4, 2), (5, 1), (2, 2, 2), (1, 6, 3, 6, 1)])
def test_parameter_shapes(submission, sizes):
    """parameter_shapes reads every name and shape of a Sequential, in order"""
    model = _reference(sizes, 0)
    got = call(function(submission, "parameter_shapes"), model)
    _check_shapes_dict(got, _shapes(model), "the order of model.named_parameters()")


def test_parameter_shapes_of_other_modules(submission):
    """parameter_shapes works on any nn.Module: no bias, a Conv2d, nested modules"""
    model = nn.Sequential(nn.Linear(4, 3, bias=False), nn.Tanh(), nn.Conv1d(1, 2, 3),
                          nn.Sequential(nn.Linear(3, 5)))
    got = call(function(submission, "parameter_shapes"), model)
    _check_shapes_dict(got, _shapes(model), "every parameter of the module, nested ones included")


def test_count_parameters(submission):
    """count_parameters of 3 → 8 → 4 → 2 is 78, and counts frozen parameters and bias-free layers correctly"""
    f = function(submission, "count_parameters")
    for model, expected in ((_reference((3, 8, 4, 2), 0), 78), (nn.Linear(4, 3, bias=False), 12),
                            (nn.Sequential(nn.Linear(2, 3), nn.Linear(3, 1)), 13)):
        got = call(f, model)
        if isinstance(got, torch.Tensor) or not isinstance(got, int) or isinstance(got, bool):
            fail(f"Called {last_call()}; returned {show(got)}; expected the int {expected} (sum p.numel()).")
        if got != expected:
            n_weights = sum(p.numel() for n, p in model.named_parameters() if n.endswith("weight"))
            why = " — only the weights were counted; the biases are parameters too" if got == n_weights else ""
            fail(f"Called {last_call()}; returned {got}; expected {expected}{why}.")
    frozen = nn.Linear(3, 2)
    frozen.weight.requires_grad_(False)
    got = call(f, frozen)
    if got != 8:
        fail(f"Called {last_call()} on a Linear(3, 2) whose weight is frozen (requires_grad=False); returned {show(got)}; "
             "expected 8: count every parameter, trainable or not.")


@pytest.mark.parametrize("sizes", [(3, 8, 4, 2), (5, 1), (2, 7), (1, 6, 3, 6, 1), (4, 4, 4)])
def test_predicted_shapes(submission, sizes):
    """predicted_shapes(sizes) equals the shapes of the real network, for several sizes"""
    got = call(function(submission, "predicted_shapes"), sizes)
    _check_shapes_dict(got, _shapes(_reference(sizes, 0)),
                       "the Linear layers sit at the even indices 0, 2, 4, … of the Sequential")


def test_predicted_shapes_without_torch(submission):
    """predicted_shapes builds nothing: it works with PyTorch's layer constructors blocked"""
    from la4ml.course.grading import Feedback, blocked
    try:
        with blocked("torch.nn.Linear.__init__", "torch.nn.Sequential.__init__", reason="predict from sizes alone"):
            got = call(function(submission, "predicted_shapes"), (3, 8, 4, 2))
    except Feedback as fb:
        if "blocked" in str(fb):
            fail(f"{fb}\npredicted_shapes must compute the shapes from the sizes, without building the network.")
        raise
    _check_shapes_dict(got, _shapes(_reference((3, 8, 4, 2), 0)), "from the sizes alone")


@pytest.mark.parametrize("sizes,seed", [((3, 8, 4, 2), 0), ((3, 8, 4, 2), 5), ((2, 1), 1), ((4, 6, 6, 3), 2)])
def test_make_mlp(submission, sizes, seed):
    """make_mlp builds Linear/ReLU layers seeded by torch.manual_seed(seed): same outputs as the reference"""
    model = call(function(submission, "make_mlp"), sizes, seed)
    ref = _reference(sizes, seed)
    names = [type_name(m).rsplit(".", 1)[-1] for m in model]
    want = [type(m).__name__ for m in ref]
    if names != want:
        fail(f"Called {last_call()}; the layers are {names}; expected {want} (a ReLU between Linear layers, none "
             "after the last).")
    X = torch.randn(7, sizes[0], generator=torch.Generator().manual_seed(99))
    got = model(X)
    with torch.no_grad():
        expected = ref(X)
    if not torch.allclose(got.detach(), expected, rtol=1e-6, atol=1e-6):
        fail(f"Called {last_call()}; its output on a batch differs from nn.Sequential built right after "
             f"torch.manual_seed({seed}): call torch.manual_seed(seed) FIRST, then create the layers in order.")


def test_make_mlp_defaults(submission):
    """make_mlp() defaults to sizes (3, 8, 4, 2) and seed 0"""
    model = call(function(submission, "make_mlp"))
    ref = _reference((3, 8, 4, 2), 0)
    if len(model) != len(ref):
        fail(f"Called {last_call()}; it has {len(model)} layers; expected {len(ref)} (3 → 8 → 4 → 2).")
    X = torch.randn(4, 3, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        expected = ref(X)
    if not torch.allclose(model(X).detach(), expected, rtol=1e-6, atol=1e-6):
        fail(f"Called {last_call()}; the default network differs from make_mlp((3, 8, 4, 2), seed=0).")
