"""Hidden tests of exercise 17.6 — make_network(seed) and forward_shapes(model, x)."""

import pytest
import torch
from torch import nn

from la4ml.course.grading import call, fail, function, last_call, show, type_name


def _models():
    torch.manual_seed(11)
    yield "3 → 10 → 1 on 442 samples", nn.Sequential(nn.Linear(3, 10), nn.ReLU(), nn.Linear(10, 1)), (442, 3)
    yield "4 → 6 → 6 → 2", nn.Sequential(nn.Linear(4, 6), nn.Tanh(), nn.Linear(6, 6), nn.ReLU(), nn.Linear(6, 2)), (5, 4)
    yield "a batch of one", nn.Sequential(nn.Linear(3, 10), nn.ReLU(), nn.Linear(10, 1)), (1, 3)
    yield "Flatten then Linear", nn.Sequential(nn.Flatten(), nn.Linear(12, 3), nn.Sigmoid()), (2, 3, 4)
    yield "a single layer", nn.Sequential(nn.Linear(2, 7)), (3, 2)


CASES = list(_models())


def _expected(model, x):
    out, h = [], x
    with torch.no_grad():
        for layer in model:
            h = layer(h)
            out.append(tuple(h.shape))
    return out


@pytest.mark.parametrize("case", range(len(CASES)), ids=[c[0] for c in CASES])
def test_forward_shapes(submission, case):
    """forward_shapes lists the output shape of every layer"""
    name, model, in_shape = CASES[case]
    g = torch.Generator().manual_seed(case)
    x = torch.randn(*in_shape, generator=g)
    x0 = x.clone()
    params0 = [p.detach().clone() for p in model.parameters()]
    want = _expected(model, x)
    got = call(function(submission, "forward_shapes"), model, x)
    if not torch.equal(x, x0):
        fail(f"Called {last_call()}; it modified x.")
    if any(not torch.equal(p, q) for p, q in zip(model.parameters(), params0)):
        fail(f"Called {last_call()}; it changed the model's weights; a forward pass only reads them.")
    if not isinstance(got, list) or not all(isinstance(s, tuple) for s in got):
        fail(f"Called {last_call()} ({name}); returned {show(got)}; expected a list of tuples, {want}.")
    if got == want:
        if not all(type(d) is int for s in got for d in s):
            fail(f"Called {last_call()}; the shapes hold {type(got[0][0]).__name__}s; expected tuples of ints.")
        return
    if got == [tuple(in_shape)] + want[:-1]:
        fail(f"Called {last_call()} ({name}); returned {got}; expected {want}. You recorded each layer's INPUT "
             "shape; record the shape after the layer has run.")
    if got == [tuple(in_shape)] + want:
        fail(f"Called {last_call()} ({name}); returned {got}; expected {want}: one entry per layer, without the "
             "input's own shape.")
    if len(got) == len(want) and all(s == want[-1] for s in got):
        fail(f"Called {last_call()} ({name}); returned {got}; expected {want}. Every entry is the final output's "
             "shape: feed each layer the output of the previous one (h = layer(h)), not the whole model.")
    weights = [tuple(m.weight.shape) for m in model if hasattr(m, "weight")]
    if got == weights:
        fail(f"Called {last_call()} ({name}); returned {got}, the shapes of the weight matrices; expected the "
             f"shapes of the activations, {want}.")
    fail(f"Called {last_call()} ({name}); returned {got}; expected {want}.")


@pytest.mark.parametrize("seed", [0, 7])
def test_make_network(submission, seed):
    """make_network builds Linear(3, 10), ReLU, Linear(10, 1) from torch.manual_seed(seed)"""
    model = call(function(submission, "make_network"), seed)
    names = [type_name(model[i]).rsplit(".", 1)[-1] for i in range(len(model))]
    if names != ["Linear", "ReLU", "Linear"]:
        fail(f"make_network({seed}) has the layers {names}; expected ['Linear', 'ReLU', 'Linear'].")
    dims = [(model[0].in_features, model[0].out_features), (model[2].in_features, model[2].out_features)]
    if dims != [(3, 10), (10, 1)]:
        fail(f"make_network({seed}) has Linear layers {dims} (in, out); expected [(3, 10), (10, 1)]: 3 inputs, "
             "10 hidden units, 1 output.")
    torch.manual_seed(seed)
    ref = nn.Sequential(nn.Linear(3, 10), nn.ReLU(), nn.Linear(10, 1))
    for i in (0, 2):
        if not torch.equal(model[i].weight.detach(), ref[i].weight.detach()) or not torch.equal(
                model[i].bias.detach(), ref[i].bias.detach()):
            fail(f"make_network({seed}): layer {i}'s weights differ from those built right after "
                 f"torch.manual_seed({seed}); seed first, then build the three layers in order.")


def test_make_network_default_seed(submission):
    """make_network() uses seed 0 by default"""
    model = call(function(submission, "make_network"))
    torch.manual_seed(0)
    ref = nn.Linear(3, 10)
    if not torch.equal(model[0].weight.detach(), ref.weight.detach()):
        fail("make_network() without a seed must use seed=0: its first layer's weights differ from torch.manual_seed(0).")
