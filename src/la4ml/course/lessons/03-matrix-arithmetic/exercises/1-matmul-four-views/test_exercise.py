"""Hidden tests of exercise 3.1 — matmul(A, B, view) from scratch, four views."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, call, expect_close, fail, function, guard_whole_products, last_call, show

VIEWS = ("entries", "columns", "rows", "outer")


def _guard(A, B):
    return guard_whole_products(A, B, reason="you are building it from smaller products")


def _check(submission, A, B, view):
    A, B = np.array(A, dtype=float), np.array(B, dtype=float)
    f = function(submission, "matmul")
    got = call(f, A, B, view)
    C = A @ B
    if got is None:
        fail(f"Called {last_call()}; returned None; expected the {C.shape} product. Did you forget to `return C`?")
    try:
        arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an array of shape {C.shape}.")
    if arr.shape != C.shape:
        hint = ""
        if arr.shape == C.shape[::-1]:
            hint = " (the transpose of the right shape: C has one row per row of A and one column per column of B)"
        elif arr.shape == (A.shape[0], A.shape[0]) or arr.shape == (B.shape[1], B.shape[1]):
            hint = " (allocate C = np.zeros((A.shape[0], B.shape[1])))"
        fail(f"Called {last_call()}; the result has shape {arr.shape}; expected {C.shape}, because an "
             f"{A.shape[0]} × {A.shape[1]} matrix times an {B.shape[0]} × {B.shape[1]} matrix is {C.shape[0]} × {C.shape[1]}{hint}.")
    if not np.allclose(arr, C):
        if A.shape == B.shape and np.allclose(arr, A * B):
            fail(f"Called {last_call()}; returned the entrywise product A * B {show(arr)}; expected the matrix "
                 f"product {show(C)}: entry (i, j) of A @ B sums A[i, k] * B[k, j] over k.")
        if A.shape[0] == B.shape[1] and np.allclose(arr, (B @ A).T):
            fail(f"Called {last_call()}; returned (BA)ᵀ = AᵀBᵀ {show(arr)}; expected {show(C)}. You paired row k of A "
                 "with column k of B; pair column k of A with row k of B (or row i of A with column j of B).")
        if A.shape[0] == B.shape[1] and np.allclose(arr, B @ A):
            fail(f"Called {last_call()}; returned B @ A {show(arr)}; expected A @ B {show(C)}: the order matters.")
    # rounding of n products and n sums: at most about 2n·eps·(|A| @ |B|), at any scale
    tol = 4 * A.shape[1] * np.finfo(float).eps * float(np.max(np.abs(A) @ np.abs(B), initial=0.0))
    expect_close(arr, C, rtol=0, atol=tol, what=f"the '{view}' product",
                 because=f"every view must give A @ B = {show(C)}")


def _guarded_call(submission, view):
    rng = np.random.default_rng(7)
    A, B = _guard(rng.standard_normal((3, 4)), rng.standard_normal((4, 2)))
    f = function(submission, "matmul")
    try:
        got = call(f, A, B, view)
    except Feedback as fb:
        if "blocked" in str(fb):
            fail(f"{fb}\nThe '{view}' view builds A @ B from smaller products: use @ only between a vector and a "
                 "matrix, or two vectors, inside matmul.")
        raise
    expect_close(np.asarray(got, dtype=float), np.asarray(A) @ np.asarray(B), rtol=1e-9, atol=1e-9,
                 what=f"the '{view}' product")

def test_two_by_two_every_view(submission):
    """every view gives [[19, 22], [43, 50]] for [[1, 2], [3, 4]] @ [[5, 6], [7, 8]]"""
    for view in VIEWS:
        _check(submission, [[1, 2], [3, 4]], [[5, 6], [7, 8]], view)


def test_square_not_entrywise(submission):
    """every view gives the matrix product, not the entrywise one, for two 3 × 3 matrices"""
    A = np.array([[1.0, 0.0, 2.0], [-1.0, 3.0, 1.0], [0.0, 1.0, 1.0]])
    B = np.array([[2.0, 1.0, 0.0], [0.0, 1.0, -1.0], [1.0, 0.0, 3.0]])
    for view in VIEWS:
        _check(submission, A, B, view)


def test_rectangular_every_view(submission):
    """every view gives the (2, 4) product of a (2, 3) and a (3, 4) matrix"""
    A = np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 3.0]])
    B = np.arange(12.0).reshape(3, 4) - 5
    for view in VIEWS:
        _check(submission, A, B, view)


def test_column_times_row(submission):
    """every view handles a (3, 1) column times a (1, 2) row (the product is an outer product)"""
    for view in VIEWS:
        _check(submission, [[1.0], [2.0], [3.0]], [[4.0, -1.0]], view)


def test_row_times_column(submission):
    """every view handles a (1, 3) row times a (3, 1) column (the product is a 1 × 1 dot product)"""
    for view in VIEWS:
        _check(submission, [[1.0, 2.0, 3.0]], [[4.0], [-1.0], [2.0]], view)


@pytest.mark.parametrize("scale", [1e-6, 1e6], ids=["tiny", "huge"])
def test_tiny_and_huge_entries(submission, scale):
    """every view gives the (3, 2) product when all entries are about 1e-6, and when they are about 1e6"""
    rng = np.random.default_rng(12)
    A, B = scale * rng.standard_normal((3, 4)), scale * rng.standard_normal((4, 2))
    for view in VIEWS:
        _check(submission, A, B, view)


def test_from_scratch(submission):
    """no view multiplies the two whole matrices with @, np.dot, np.matmul or np.einsum"""
    for view in VIEWS:
        _guarded_call(submission, view)


def _expect_value_error(submission, A, B, view, because):
    f = function(submission, "matmul")
    try:
        with np.errstate(all="ignore"):
            got = call(f, A, B, view)
    except Feedback as fb:
        if "raised ValueError" in str(fb):
            return
        if "NotImplementedError" in str(fb):
            raise
        fail(f"{fb}\nExpected a ValueError, because {because}.")
    fail(f"Called {last_call()}; returned {show(got)} instead of raising ValueError, because {because}. "
         "Check A.shape[1] == B.shape[0] (and the view name) before computing anything.")


def test_shape_mismatch_raises(submission):
    """raises ValueError for every view when A has 3 columns but B has 4 rows (or 2)"""
    A = np.ones((2, 3))
    for view in VIEWS:
        _expect_value_error(submission, A, np.ones((4, 2)), view,
                            "A has 3 columns but B has 4 rows: the product is not defined (the outer view would "
                            "silently ignore B's last row)")
        _expect_value_error(submission, A, np.ones((2, 2)), view,
                            "A has 3 columns but B has 2 rows: the product is not defined")


def test_unknown_view_raises(submission):
    """raises ValueError for an unknown view name such as 'diagonal'"""
    _expect_value_error(submission, np.ones((2, 2)), np.ones((2, 2)), "diagonal",
                        "'diagonal' is not one of 'entries', 'columns', 'rows', 'outer'")


@st.composite
def pairs(draw):
    m, n, p = (draw(st.integers(1, 5)) for _ in range(3))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return rng.integers(-5, 6, size=(m, n)).astype(float), rng.integers(-5, 6, size=(n, p)).astype(float)


@settings(max_examples=25, deadline=None)
@given(pair=pairs(), view=st.sampled_from(VIEWS))
def test_property_matches_numpy(submission, pair, view):
    """on random integer matrices of every shape up to 5 × 5, each view equals A @ B"""
    _check(submission, *pair, view)
