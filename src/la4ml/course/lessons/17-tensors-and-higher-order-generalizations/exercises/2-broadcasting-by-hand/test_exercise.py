"""Hidden tests of exercise 17.2 — broadcast_shape(shape_a, shape_b) and expand_operands(a, b)."""

import numpy as np
import pytest
import torch

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show

HELPERS = ("torch.broadcast_shapes", "torch.broadcast_tensors", "torch.broadcast_to", "numpy.broadcast_shapes",
           "numpy.broadcast_arrays", "numpy.broadcast_to", "numpy.broadcast")

GOOD = [
    ((3, 1), (1, 4), (3, 4)),
    ((1, 4), (3, 1), (3, 4)),
    ((5, 3, 1), (4,), (5, 3, 4)),
    ((3,), (3, 1), (3, 3)),
    ((4,), (2, 1, 4), (2, 1, 4)),
    ((), (2, 2), (2, 2)),
    ((2, 2), (), (2, 2)),
    ((0,), (1,), (0,)),
    ((1,), (0,), (0,)),
    ((2, 1, 3), (5, 1), (2, 5, 3)),
    ((6, 1, 1), (1, 7, 1), (6, 7, 1)),
]
BAD = [((2, 3), (3, 2)), ((3,), (4,)), ((2, 3), (3, 3)), ((0,), (2,)), ((4, 1), (2, 1, 3, 1)), ((2, 1), (8, 4, 3))]


def _shape(submission, sa, sb, *, raw=False):
    f = function(submission, "broadcast_shape")
    try:
        with blocked(*HELPERS, reason="compute the broadcast shape yourself"):
            return f(sa, sb) if raw else call(f, sa, sb)
    except Feedback as fb:
        if "blocked" in str(fb):
            fail(f"{fb}\nbroadcast_shape must apply the rule itself: pad the shorter shape with 1s on the left, "
                 "then compare the sizes axis by axis.")
        raise
    except RuntimeError as exc:
        if "blocked" in str(exc):
            fail(f"broadcast_shape{(sa, sb)} called a broadcasting helper ({exc}); it must apply the rule itself: "
                 "pad the shorter shape with 1s on the left, then compare the sizes axis by axis.")
        raise


@pytest.mark.parametrize("sa,sb,want", GOOD)
def test_broadcast_shape(submission, sa, sb, want):
    """broadcast_shape gives NumPy's broadcast shape"""
    assert np.broadcast_shapes(sa, sb) == want
    got = _shape(submission, sa, sb)
    if not isinstance(got, tuple) or not all(type(s) is int for s in got):
        fail(f"Called {last_call()}; returned {show(got)}; expected the tuple of ints {want}.")
    if got == want:
        return
    n = max(len(sa), len(sb))
    left = tuple(sa) + (1,) * (n - len(sa)), tuple(sb) + (1,) * (n - len(sb))
    if len(sa) != len(sb) and got == tuple(max(x, y) for x, y in zip(*left)):
        fail(f"Called {last_call()}; returned {got}; expected {want}. You aligned the shapes on the LEFT: "
             "broadcasting aligns them on the RIGHT (the last axes match up) and pads the shorter shape with 1s in front.")
    if 0 in sa + sb and got == tuple(max(x, y) for x, y in zip(*(((1,) * (n - len(s)) + tuple(s)) for s in (sa, sb)))):
        fail(f"Called {last_call()}; returned {got}; expected {want}. A size 1 stretches to the OTHER size, even "
             "when that size is 0: take the size that is not 1, not the larger one.")
    fail(f"Called {last_call()}; returned {got}; expected {want}.")


@pytest.mark.parametrize("sa,sb", BAD)
def test_broadcast_shape_rejects(submission, sa, sb):
    """broadcast_shape raises ValueError naming the axis and sizes when two sizes differ and neither is 1"""
    with pytest.raises(ValueError):
        np.broadcast_shapes(sa, sb)
    try:
        got = _shape(submission, sa, sb, raw=True)
    except ValueError as exc:
        n = max(len(sa), len(sb))
        pa, pb = ((1,) * (n - len(s)) + tuple(s) for s in (sa, sb))
        k = next(i for i in range(n) if pa[i] != pb[i] and 1 not in (pa[i], pb[i]))
        sizes = {str(pa[k]), str(pb[k])}
        text = str(exc)
        if not all(s in text for s in sizes):
            fail(f"broadcast_shape{(sa, sb)} raised ValueError({text!r}); the message must name the two sizes "
                 f"that clash, {pa[k]} and {pb[k]}.")
        if not any(ax in text for ax in (str(k), str(k - n))):
            fail(f"broadcast_shape{(sa, sb)} raised ValueError({text!r}); the message must name the axis where "
                 f"they clash (axis {k - n} from the right, {k} after padding).")
        return
    fail(f"broadcast_shape{(sa, sb)} returned {show(got)}; expected a ValueError: sizes that differ, neither 1, "
         "cannot be broadcast (taking the larger size silently invents data).")


@pytest.mark.parametrize("sa,sb,want", [g for g in GOOD if 0 not in g[2]])
def test_expand_operands(submission, sa, sb, want):
    """expand_operands returns both operands expanded to the broadcast shape"""
    rng = np.random.default_rng(len(sa) * 7 + len(sb))
    a = torch.from_numpy(rng.integers(-9, 10, sa).astype(np.float64) if sa else np.array(3.0))
    b = torch.from_numpy(100 * rng.integers(1, 10, sb).astype(np.float64) if sb else np.array(-4.0))
    a0, b0 = a.clone(), b.clone()
    got = call(function(submission, "expand_operands"), a, b)
    if not torch.equal(a, a0) or not torch.equal(b, b0):
        fail(f"Called {last_call()}; it modified its inputs; expanding must leave a and b as they were.")
    if not isinstance(got, tuple) or len(got) != 2 or not all(isinstance(t, torch.Tensor) for t in got):
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple of two tensors (A, B).")
    A, B = got
    for name, T in (("A", A), ("B", B)):
        if tuple(T.shape) != want:
            fail(f"Called {last_call()}; {name} has shape {tuple(T.shape)}; expected the broadcast shape {want}.")
    Aw, Bw = torch.broadcast_tensors(a, b)
    if torch.equal(A, Bw) and torch.equal(B, Aw) and not torch.equal(A, Aw):
        fail(f"Called {last_call()}; A and B are swapped: A must be a expanded, B must be b expanded.")
    for name, T, W in (("A", A, Aw), ("B", B, Bw)):
        if not torch.equal(T, W):
            bad = tuple(int(i) for i in torch.nonzero(T != W)[0])
            fail(f"Called {last_call()}; {name}{list(bad)} = {T[bad].item():g}; expected {W[bad].item():g}: each "
                 f"entry of the expanded {name.lower()} is the entry of {name.lower()} at the same index, with index 0 on "
                 "the axes where it has size 1 (or no axis).")
    if not (torch.equal(A + B, a + b) and torch.equal(A * B, a * b)):
        fail(f"Called {last_call()}; A + B or A * B differs from a + b or a * b.")


def test_expand_operands_rejects(submission):
    """expand_operands raises ValueError on shapes that do not broadcast"""
    try:
        got = function(submission, "expand_operands")(torch.zeros(2, 3), torch.zeros(3, 2))
    except ValueError:
        return
    except RuntimeError as exc:
        fail(f"expand_operands raised RuntimeError({str(exc)[:200]!r}); expected the ValueError of your "
             "broadcast_shape — call it first, before expanding.")
    fail(f"expand_operands on shapes (2, 3) and (3, 2) returned {show(got)}; expected a ValueError.")
