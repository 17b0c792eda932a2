"""Hidden tests of exercise 17.1 — make_tensors() and tensor_summary(t)."""

import math

import pytest
import torch

from la4ml.course.grading import call, fail, function, last_call, show

SHAPES = [(), (3,), (2, 3), (2, 3, 4), (2, 3, 4, 5)]


def _summary(submission, t):
    got = call(function(submission, "tensor_summary"), t)
    if not isinstance(got, tuple) or len(got) != 3:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (order, shape, numel).")
    return got


def _check(submission, t):
    shape = tuple(t.shape)
    want_numel = math.prod(shape)
    try:
        order, got_shape, numel = _summary(submission, t)
    except TypeError as exc:
        if t.ndim == 0 and "len()" in str(exc):
            fail(f"On a 0-d tensor (a scalar), tensor_summary raised {exc!r}: len() does not exist for "
                 "a 0-d tensor. Use t.numel() (here 1, the empty product) and t.ndim (here 0).")
        raise
    if type(order) is not int or order != t.ndim:
        fail(f"Called {last_call()}; order is {show(order)}; expected the int {t.ndim}, the number of axes "
             f"of a tensor of shape {shape} (t.ndim).")
    if not isinstance(got_shape, tuple) or tuple(got_shape) != shape or not all(type(s) is int for s in got_shape):
        fail(f"Called {last_call()}; shape is {show(got_shape)}; expected the tuple of ints {shape} (tuple(t.shape)).")
    if type(numel) is not int:
        fail(f"Called {last_call()}; numel is a {type(numel).__name__}, {show(numel)}; expected the int {want_numel}.")
    if numel != want_numel:
        if t.ndim > 0 and numel == shape[0]:
            fail(f"Called {last_call()}; numel is {numel}, the size of the FIRST axis only — that is len(t). "
                 f"The number of elements of a tensor of shape {shape} is the product of its sizes, {want_numel} (t.numel()).")
        if t.ndim > 0 and numel == sum(shape):
            fail(f"Called {last_call()}; numel is {numel}, the SUM of the sizes; the number of elements is their "
                 f"product, {want_numel}.")
        if numel == t.ndim:
            fail(f"Called {last_call()}; numel is {numel}, the number of axes; the number of elements of shape "
                 f"{shape} is {want_numel}.")
        fail(f"Called {last_call()}; numel is {numel}; expected {want_numel} for shape {shape}"
             + (" (a 0-d tensor holds one number: the empty product is 1)" if t.ndim == 0 else "")
             + (" (an axis of size 0 means no elements at all)" if 0 in shape else "") + ".")


@pytest.mark.parametrize("shape", SHAPES[1:] + [(4, 2), (2, 4), (5, 1, 1, 1), (1, 6)])
def test_summary_of_each_order(submission, shape):
    """tensor_summary gives the order, shape and number of elements for orders 0 to 4"""
    _check(submission, torch.arange(math.prod(shape), dtype=torch.float32).reshape(shape))


def test_summarize_all(submission):
    """summarize_all: order, shape and numel of the five tensors, the 0-d scalar included (one element, no len())"""
    # The five tensors are made and summarized in the learner's process, so the 0-d scalar is checked as a real 0-d
    # tensor (a 0-d tensor passed to the learner's code arrives as shape (1,): a grader wire limitation, reported).
    f = function(submission, "summarize_all")
    try:
        got = f()
    except TypeError as exc:
        if "len()" in str(exc):
            fail(f"summarize_all() raised {exc!r}: on the 0-d tensor len() does not exist. Use t.numel() "
                 "(1 for a scalar, the empty product) and t.ndim (0).")
        raise
    except Exception:
        got = call(f)  # reports the learner's exception in the usual way
    want = [(len(s), s, math.prod(s)) for s in SHAPES]
    if not isinstance(got, list) or len(got) != 5:
        fail(f"summarize_all() returned {show(got)}; expected a list of five tuples, {want}.")
    for k, (g, w) in enumerate(zip(got, want)):
        if not isinstance(g, tuple) or len(g) != 3 or tuple(g[1]) != w[1] or g[0] != w[0] or g[2] != w[2]:
            extra = ""
            if k == 0 and isinstance(g, tuple) and len(g) == 3 and g[2] == 1 and g[0] == 1:
                extra = " The scalar must be 0-d: torch.tensor(7.0), not torch.tensor([7.0]) (shape (1,), order 1)."
            elif isinstance(g, tuple) and len(g) == 3 and k > 0 and g[2] == w[1][0]:
                extra = f" numel {g[2]} is len(t), the size of the first axis; the number of elements is {w[2]}."
            fail(f"summarize_all()[{k}] is {show(g)}; expected {w}.{extra}")


@pytest.mark.parametrize("shape", [(0,), (3, 0), (0, 4, 2), (2, 3, 0, 5)])
def test_summary_with_empty_axis(submission, shape):
    """An axis of size 0 means zero elements"""
    _check(submission, torch.zeros(shape))


def test_summary_of_non_contiguous_and_integer_tensors(submission):
    """Works on a permuted (non-contiguous) tensor and on integer and double tensors"""
    _check(submission, torch.zeros(2, 3, 4).permute(2, 0, 1))
    _check(submission, torch.ones(3, 5, dtype=torch.int64).t())
    _check(submission, torch.ones(7, 1, 2, dtype=torch.float64))


def test_make_tensors(submission):
    """make_tensors returns five float32 tensors of orders 0-4 with the asked shapes and values"""
    got = call(function(submission, "make_tensors"))
    if not isinstance(got, (list, tuple)) or len(got) != 5:
        fail(f"Called {last_call()}; returned {show(got)}; expected a list of five tensors.")
    for k, (t, shape) in enumerate(zip(got, SHAPES)):
        if k == 0:
            # a 0-d tensor crosses the grader's wire as shape (1,) (reported); its order is checked by summarize_all
            if not isinstance(t, torch.Tensor) or t.numel() != 1 or t.reshape(()).item() != 7.0 or t.dtype != torch.float32:
                fail(f"Called {last_call()}; item 0 is {show(t)}; expected the float32 scalar torch.tensor(7.0).")
            continue
        if not isinstance(t, torch.Tensor):
            fail(f"Called {last_call()}; item {k} is a {type(t).__name__}; expected a torch.Tensor of shape {shape}.")
        if tuple(t.shape) != shape:
            fail(f"Called {last_call()}; item {k} has shape {tuple(t.shape)}; expected {shape} (order {k}).")
        if t.dtype != torch.float32:
            fail(f"Called {last_call()}; item {k} has dtype {t.dtype}; expected torch.float32 "
                 "(torch.arange(n) alone gives int64: pass dtype=torch.float32).")
        want = torch.tensor(7.0) if k == 0 else torch.arange(math.prod(shape), dtype=torch.float32).reshape(shape)
        if not torch.equal(t, want):
            fail(f"Called {last_call()}; item {k} holds {show(t.numpy())}; expected {show(want.numpy())}.")
