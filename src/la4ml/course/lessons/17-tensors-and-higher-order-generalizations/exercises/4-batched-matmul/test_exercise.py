"""Hidden tests of exercise 17.4 — batch_matmul(A, B) and batch_matmul_last(A, B)."""

import re

import pytest
import torch

from la4ml.course.grading import call, counting, fail, function, last_call, show

EPS = torch.finfo(torch.float64).eps


def _pair(shape_a, shape_b, seed):
    g = torch.Generator().manual_seed(seed)
    return (torch.randn(*shape_a, generator=g, dtype=torch.float64),
            torch.randn(*shape_b, generator=g, dtype=torch.float64))


def _close(T, W, k):
    bound = 4 * k * EPS * (torch.abs(W) + 1)
    return tuple(T.shape) == tuple(W.shape) and bool(torch.all(torch.abs(T - W) <= bound))


@pytest.mark.parametrize("bmk,n,seed", [((5, 3, 2), 4, 0), ((1, 4, 3), 2, 1), ((3, 2, 5), 3, 2), ((4, 1, 1), 1, 3),
                                        ((2, 3, 3), 3, 4)])
def test_batch_matmul(submission, bmk, n, seed):
    """batch_matmul returns A[b] @ B[b] for every b, computed with torch.bmm"""
    b, m, k = bmk
    A, B = _pair((b, m, k), (b, k, n), seed)
    A0, B0 = A.clone(), B.clone()
    with counting("torch.bmm", "torch.Tensor.bmm") as c:
        got = call(function(submission, "batch_matmul"), A, B)
    if not torch.equal(A, A0) or not torch.equal(B, B0):
        fail(f"Called {last_call()}; it modified A or B.")
    if not isinstance(got, torch.Tensor):
        fail(f"Called {last_call()}; returned {show(got)}; expected a tensor of shape {(b, m, n)}.")
    want = torch.stack([A[i] @ B[i] for i in range(b)])
    if tuple(got.shape) != (b, m, n):
        fail(f"Called {last_call()}; returned shape {tuple(got.shape)}; expected {(b, m, n)} = (batch, rows of A, columns of B).")
    if not _close(got, want, k):
        fail(f"Called {last_call()}; slice 0 is {show(got[0].numpy())}; expected A[0] @ B[0] = {show(want[0].numpy())}.")
    if c.n == 0:
        fail("batch_matmul gives the right numbers but never calls torch.bmm: use torch.bmm(A, B) (one call for the "
             "whole batch), which is what the exercise practises.")


@pytest.mark.parametrize("sa,sb,what", [((5, 3, 2), (4, 2, 6), "batch sizes 5 and 4"),
                                        ((5, 3, 2), (5, 3, 4), "inner sizes 2 and 3"),
                                        ((3, 2), (5, 2, 4), "a 2-D A"),
                                        ((5, 3, 2), (5, 2), "a 2-D B"),
                                        ((2, 5, 3, 2), (2, 5, 2, 4), "4-D inputs")])
def test_batch_matmul_rejects(submission, sa, sb, what):
    """batch_matmul raises ValueError on shapes that do not fit"""
    A, B = _pair(sa, sb, 5)
    try:
        got = function(submission, "batch_matmul")(A, B)
    except ValueError as exc:
        sizes = {"batch sizes 5 and 4": ("5", "4"), "inner sizes 2 and 3": ("2", "3")}.get(what, ())
        missing = [s for s in sizes if not re.search(rf"(?<![\d.]){s}(?![\d.])", str(exc))]
        if missing:
            fail(f"batch_matmul on shapes {sa} and {sb} raised ValueError({str(exc)!r}); the message must name the "
                 f"{what.split(' sizes')[0]} sizes that differ, {sizes[0]} and {sizes[1]}.")
        return
    except RuntimeError as exc:
        fail(f"batch_matmul on shapes {sa} and {sb} ({what}) let torch raise RuntimeError({str(exc)[:120]!r}); "
             "check the shapes yourself and raise ValueError naming them.")
    fail(f"batch_matmul on shapes {sa} and {sb} returned {show(got)}; expected a ValueError ({what}).")


@pytest.mark.parametrize("mkb,n,seed", [((3, 2, 5), 4, 0), ((2, 3, 4), 5, 1), ((4, 4, 4), 4, 2), ((1, 2, 3), 1, 3),
                                        ((3, 1, 2), 2, 4)])
def test_batch_matmul_last(submission, mkb, n, seed):
    """batch_matmul_last multiplies the matrices A[:, :, b] @ B[:, :, b] of batches stored last"""
    m, k, b = mkb
    A, B = _pair((m, k, b), (k, n, b), seed)
    A0, B0 = A.clone(), B.clone()
    got = call(function(submission, "batch_matmul_last"), A, B)
    if not torch.equal(A, A0) or not torch.equal(B, B0):
        fail(f"Called {last_call()}; it modified A or B.")
    if not isinstance(got, torch.Tensor):
        fail(f"Called {last_call()}; returned {show(got)}; expected a tensor of shape {(m, n, b)}.")
    want = torch.einsum("ikb,kjb->ijb", A, B)
    if tuple(got.shape) != (m, n, b):
        if tuple(got.shape) == (b, m, n):
            fail(f"Called {last_call()}; returned shape {(b, m, n)}, the batch first; expected {(m, n, b)}: "
                 "permute the result back with .permute(1, 2, 0) so the batch is last again.")
        fail(f"Called {last_call()}; returned shape {tuple(got.shape)}; expected {(m, n, b)}.")
    if not _close(got, want, k):
        wrong = torch.bmm(A.reshape(b, m, k), B.reshape(b, k, n))
        hint = ""
        if _close(got.reshape(b, m, n), wrong, k) or _close(got, wrong.permute(1, 2, 0), k) or _close(got, wrong.reshape(m, n, b), k):
            hint = (" You moved the batch axis with reshape: the shape is right but each 'matrix' is made of numbers "
                    "from several matrices. Use A.permute(2, 0, 1), which reorders the axes without mixing entries.")
        else:
            hint = " Slice b of the result must be A[:, :, b] @ B[:, :, b]: the batch index is the LAST one."
        fail(f"Called {last_call()}; C[:, :, 0] is {show(got[:, :, 0].numpy())}; expected "
             f"A[:, :, 0] @ B[:, :, 0] = {show(want[:, :, 0].numpy())}.{hint}")


def test_batch_matmul_last_rejects(submission):
    """batch_matmul_last raises ValueError on shapes that do not fit"""
    for sa, sb in (((3, 2, 5), (2, 4, 6)), ((3, 2, 5), (3, 4, 5)), ((3, 2), (2, 4, 5))):
        A, B = _pair(sa, sb, 6)
        try:
            got = function(submission, "batch_matmul_last")(A, B)
        except ValueError:
            continue
        except RuntimeError as exc:
            fail(f"batch_matmul_last on shapes {sa} and {sb} raised RuntimeError({str(exc)[:120]!r}); expected ValueError "
                 "(batch_matmul's check does it if you call it).")
        fail(f"batch_matmul_last on shapes {sa} and {sb} returned {show(got)}; expected a ValueError.")
