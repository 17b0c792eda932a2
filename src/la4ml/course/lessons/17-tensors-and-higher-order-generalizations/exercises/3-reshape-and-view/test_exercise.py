"""Hidden tests of exercise 17.3 — reshape_two_ways(t)."""

import pytest
import torch

from la4ml.course.grading import call, fail, function, last_call, show


# (name, t, order or None for the default, whether u = t.permute(order) is non-contiguous)
def _inputs():
    yield "(2, 3, 4), default order", torch.arange(24.0).reshape(2, 3, 4), None, False
    yield "(4, 3, 2), order (2, 1, 0)", torch.arange(24.0).reshape(4, 3, 2), (2, 1, 0), True
    yield "(2, 4, 3), order (0, 2, 1)", 100 + torch.arange(24.0).reshape(2, 4, 3), (0, 2, 1), True
    yield "(3, 5, 2), order (0, 1, 2)", torch.arange(30.0).reshape(3, 5, 2) - 7, (0, 1, 2), False
    yield "(5, 3, 2), order (1, 2, 0)", torch.arange(30.0).reshape(5, 3, 2), (1, 2, 0), True
    yield "(3, 2, 4), order (1, 0, 2)", torch.arange(24.0).reshape(3, 2, 4) * 0.5, (1, 0, 2), True
    yield "(1, 4, 3), default order", torch.arange(12.0).reshape(1, 4, 3), None, False
    yield "integer (3, 2, 2), order (1, 2, 0)", torch.arange(12).reshape(3, 2, 2), (1, 2, 0), True


CASES = list(_inputs())


@pytest.mark.parametrize("case", range(len(CASES)), ids=[c[0] for c in CASES])
def test_reshape_two_ways(submission, case):
    """reshape_two_ways merges the first two axes, flattens, and says whether a copy was needed"""
    name, t, order, want_copied = CASES[case]
    u = t.permute(*(order or (0, 1, 2)))
    assert u.is_contiguous() is (not want_copied)
    t0 = t.clone()
    try:
        got = call(function(submission, "reshape_two_ways"), t) if order is None else \
            call(function(submission, "reshape_two_ways"), t, order)
    except Exception as exc:
        if "view" in str(exc) and ("stride" in str(exc) or "contiguous" in str(exc)):
            fail(f"{exc}\nOn {name}, view() failed: view() needs memory in "
                 "row-major order, and a permuted tensor is not: use reshape (which copies when it must), or "
                 "call .contiguous() before view.")
        raise
    if not torch.equal(t, t0):
        fail(f"Called {last_call()}; it modified t; reshaping must leave the input as it was.")
    if not isinstance(got, tuple) or len(got) != 3:
        fail(f"Called {last_call()}; returned {show(got)}; expected a tuple (M, v, copied).")
    M, v, copied = got
    a, b, c = u.shape
    want_M, want_v = u.contiguous().view(a * b, c), u.contiguous().view(-1)
    for what, T, W in (("M", M, want_M), ("v", v, want_v)):
        if not isinstance(T, torch.Tensor):
            fail(f"Called {last_call()}; {what} is a {type(T).__name__}; expected a tensor of shape {tuple(W.shape)}.")
        if tuple(T.shape) != tuple(W.shape):
            fail(f"Called {last_call()}; {what} has shape {tuple(T.shape)}; expected {tuple(W.shape)}.")
        if T.dtype != t.dtype:
            fail(f"Called {last_call()}; {what} has dtype {T.dtype}; reshaping keeps the dtype {t.dtype}.")
        if not torch.equal(T, W):
            fmt = u.permute(2, 1, 0).reshape(-1).reshape(W.shape)  # column-major (order='F') reading
            hint = ""
            if order is not None and torch.equal(T, t.reshape(W.shape)):
                hint = (f" You reshaped t itself, not u = t.permute{order}: permute first, then reshape.")
            elif torch.equal(T, fmt):
                hint = (" You read the elements in column-major (Fortran) order; PyTorch's reshape reads them "
                        "row-major, the last index fastest.")
            elif torch.equal(T.reshape(-1).sort().values, W.reshape(-1).sort().values):
                hint = (" The numbers are all there but in the wrong order: reshape keeps the row-major order of "
                        "u's INDICES (u[0, 0, 0], u[0, 0, 1], …), whatever order its memory is in.")
            bad = tuple(int(i) for i in torch.nonzero(T != W)[0])
            fail(f"On {name}, {what}{list(bad)} = {T[bad].item():g}; expected {W[bad].item():g}.{hint}")
    if not isinstance(copied, bool):
        fail(f"Called {last_call()}; copied is {show(copied)} ({type(copied).__name__}); expected the bool {want_copied}.")
    if copied is not want_copied:
        fail(f"On {name} (u has shape {tuple(u.shape)} and strides {u.stride()}), copied is {copied}; expected {want_copied}: "
             + ("the tensor is contiguous, so the merged (a·b, c) tensor is a view of the same memory."
                if not want_copied else
                "the tensor is not contiguous, so reshape has to copy (view would raise)."))
