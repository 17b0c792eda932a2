"""Hidden tests of exercise 3.3 — outer_product_terms(A, B) and partial_sum_ranks(A, B)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import call, expect, expect_close, fail, function, last_call, show

A_HAND = np.array([[1.0, 2.0], [3.0, 4.0]])
B_HAND = np.array([[5.0, 6.0], [7.0, 8.0]])


def _terms(submission, A, B):
    A, B = np.array(A, dtype=float), np.array(B, dtype=float)
    got = call(function(submission, "outer_product_terms"), A, B)
    (m, n), p = A.shape, B.shape[1]
    expected = np.stack([np.outer(A[:, k], B[k, :]) for k in range(n)])
    if got is None:
        fail(f"Called {last_call()}; returned None; expected an array of shape {(n, m, p)}. Did you forget `return`?")
    try:
        arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}, which is not an array of numbers; expected shape {(n, m, p)}.")
    if arr.shape != (n, m, p):
        hint = ""
        if arr.shape == (m, p, n):
            hint = (" — the layer index is last (np.dstack or axis=-1); stack along a new FIRST axis, "
                    "np.stack(layers, axis=0), so that terms[k] is layer k")
        elif arr.shape == (m, p):
            hint = " — that is one matrix (the sum?); return every layer, stacked"
        fail(f"Called {last_call()}; the result has shape {arr.shape}; expected {(n, m, p)}: one {m} × {p} layer per "
             f"column of A{hint}.")
    if not np.allclose(arr, expected):
        if np.allclose(arr, np.moveaxis(expected, 0, -1)):
            fail(f"Called {last_call()}; the layer index is the LAST axis of the result (np.dstack or axis=-1), so "
                 "terms[k] is not layer k; stack along a new FIRST axis: np.stack(layers, axis=0).")
        if np.allclose(arr, np.cumsum(expected, axis=0)):
            fail(f"Called {last_call()}; terms[k] is the running sum of the first k + 1 layers; expected the layers "
                 "themselves (terms[k] = np.outer(A[:, k], B[k, :])), whose sum is A @ B.")
        if A.shape[0] == A.shape[1] == p:
            swapped = np.stack([np.outer(A[k, :], B[:, k]) for k in range(n)])
            if np.allclose(arr, swapped):
                fail(f"Called {last_call()}; terms[k] is the outer product of ROW k of A with COLUMN k of B; expected "
                     "column k of A with row k of B: np.outer(A[:, k], B[k, :]). (Row-times-column pieces make the "
                     "entries, not the layers.)")
        if np.allclose(arr.sum(axis=0), A @ B):
            fail(f"Called {last_call()}; the layers add up to A @ B, but they are not the layers a_k β_kᵀ (column k of "
                 "A times row k of B), one per k in order.")
    tol = 4 * np.finfo(float).eps * float(np.abs(expected).max(initial=0.0))  # one product per entry: relative
    expect_close(arr, expected, rtol=0, atol=tol, what="terms",
                 because="terms[k] must be np.outer(A[:, k], B[k, :])")
    return arr


def _ranks(submission, A, B, expected, because):
    got = call(function(submission, "partial_sum_ranks"), np.array(A, dtype=float), np.array(B, dtype=float))
    try:
        values = [int(r) for r in got]
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected a list of {len(expected)} ints {expected}.")
    if values != list(expected) and values == [1] * len(expected):
        fail(f"Called {last_call()}; returned {values}; expected {list(expected)}: every single layer has rank 1, but "
             "the question is the rank of the SUM of the first r layers (np.cumsum(terms, axis=0)).")
    expect(values == list(expected), got=values, expected=list(expected), because=because)


def test_hand_example(submission):
    """the layers of [[1, 2], [3, 4]] @ [[5, 6], [7, 8]] are [[5, 6], [15, 18]] and [[14, 16], [28, 32]]"""
    _terms(submission, A_HAND, B_HAND)


def test_square_three(submission):
    """the layers of a 3 × 3 product are column k of A times row k of B (not row k of A times column k of B)"""
    A = np.array([[1.0, 0.0, 2.0], [-1.0, 3.0, 1.0], [0.0, 1.0, 1.0]])
    B = np.array([[2.0, 1.0, 0.0], [0.0, 1.0, -1.0], [1.0, 0.0, 3.0]])
    _terms(submission, A, B)


def test_rectangular(submission):
    """a (4, 2) times (2, 3) product has 2 layers of shape (4, 3), each of rank 1, summing to A @ B"""
    A = np.array([[1.0, 2.0], [0.0, 1.0], [-1.0, 3.0], [2.0, 2.0]])
    B = np.array([[1.0, 0.0, -2.0], [3.0, 1.0, 1.0]])
    arr = _terms(submission, A, B)
    expect_close(arr.sum(axis=0), A @ B, what="terms.sum(axis=0)", because="the layers add up to A @ B")


def test_ranks_generic(submission):
    """partial_sum_ranks of a generic (5, 3) @ (3, 4) product is [1, 2, 3]"""
    rng = np.random.default_rng(3)
    _ranks(submission, rng.standard_normal((5, 3)), rng.standard_normal((3, 4)), [1, 2, 3],
           "each new layer adds a new direction (the columns of A are independent)")


def test_ranks_equal_columns(submission):
    """partial_sum_ranks stalls when A has two equal columns: [1, 1, 2]"""
    rng = np.random.default_rng(4)
    A, B = rng.standard_normal((5, 3)), rng.standard_normal((3, 4))
    A[:, 1] = A[:, 0]
    _ranks(submission, A, B, [1, 1, 2],
           "columns 0 and 1 of A are equal, so the first two layers add up to a_0 (β_0 + β_1)ᵀ, still rank 1")


@pytest.mark.parametrize("scale", [1e-6, 1e6], ids=["tiny", "huge"])
def test_ranks_at_any_scale(submission, scale):
    """partial_sum_ranks is [1, 2, 3] whether the entries are about 1e-6 or about 1e6 (the rank has no units)"""
    rng = np.random.default_rng(3)
    A, B = scale * rng.standard_normal((5, 3)), scale * rng.standard_normal((3, 4))
    got = call(function(submission, "partial_sum_ranks"), A, B)
    try:
        values = [int(r) for r in got]
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected a list of 3 ints [1, 2, 3].")
    if values != [1, 2, 3] and all(r == 0 for r in values):
        fail(f"Called {last_call()}; returned {values}; expected [1, 2, 3]. With entries about {scale:g} the singular "
             "values of the partial sums are tiny but not zero: an absolute tolerance (tol=1e-10, say) calls them 0. "
             "np.linalg.matrix_rank's default tolerance is relative to the largest singular value: keep it.")
    expect(values == [1, 2, 3], got=values, expected=[1, 2, 3],
           because="multiplying A and B by a number multiplies every partial sum by a number, which changes no rank")
    _terms(submission, A, B)


@st.composite
def pairs(draw):
    m, n, p = (draw(st.integers(1, 5)) for _ in range(3))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return rng.integers(-4, 5, size=(m, n)).astype(float), rng.integers(-4, 5, size=(n, p)).astype(float)


@settings(max_examples=25, deadline=None)
@given(pair=pairs())
def test_property_layers(submission, pair):
    """on random integer matrices, every layer has rank <= 1, the layers sum to A @ B, and the partial-sum ranks are right"""
    A, B = pair
    arr = _terms(submission, A, B)
    for k, layer in enumerate(arr):
        if np.linalg.matrix_rank(layer) > 1:
            fail(f"Called {last_call()}; layer {k} has rank {np.linalg.matrix_rank(layer)}; an outer product has rank <= 1.")
    expect_close(arr.sum(axis=0), A @ B, what="terms.sum(axis=0)", because="the layers add up to A @ B")
    expected = [int(np.linalg.matrix_rank(S)) for S in np.cumsum(arr, axis=0)]
    _ranks(submission, A, B, expected, "these are the ranks of the running sums of the layers")
    expect(all(r <= k + 1 for k, r in enumerate(expected)), got=expected, expected="r-th rank <= r",
           because="a sum of r rank-1 matrices has rank at most r")
