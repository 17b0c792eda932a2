"""Hidden tests of exercise 23.6 — solve_partial_pivoting(A, b): elimination with partial pivoting, from scratch."""

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, expect, fail, function, last_call, show

EPS = np.finfo(float).eps
LIBRARY = ("numpy.linalg.solve", "numpy.linalg.inv", "numpy.linalg.lstsq", "numpy.linalg.pinv", "scipy.linalg.solve",
           "scipy.linalg.lu_factor", "scipy.linalg.lu_solve", "scipy.linalg.lu", "scipy.linalg.inv",
           "torch.linalg.solve", "la4ml.factorizations.lu_solve", "la4ml.factorizations.lu")


def _solve(submission, A, b):
    A, b = np.array(A, dtype=float), np.array(b, dtype=float)
    A0, b0 = A.copy(), b.copy()
    with blocked(*LIBRARY, reason="eliminate yourself"):
        try:
            got = call(function(submission, "solve_partial_pivoting"), A, b)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks for the elimination from scratch; use np.linalg.solve only to compare.")
            raise
    if not (np.array_equal(A, A0) and np.array_equal(b, b0)):
        fail(f"Called {last_call()}; it changed the caller's " + ("A" if not np.array_equal(A, A0) else "b") +
             " in place; work on copies (U = np.array(A, dtype=float)).")
    if got is None:
        fail(f"Called {last_call()}; returned None. Did you forget `return x`?")
    x = np.asarray(got, dtype=float)
    if x.shape != b.shape:
        fail(f"Called {last_call()}; returned shape {x.shape}; expected {b.shape}.")
    return x


def _no_pivot(A, b):
    U, y = np.array(A, dtype=float), np.array(b, dtype=float)
    n = len(y)
    for k in range(n - 1):
        ell = U[k + 1:, k] / U[k, k]
        U[k + 1:, k:] -= np.outer(ell, U[k, k:])
        y[k + 1:] -= ell * y[k]
    x = np.zeros(n)
    for i in range(n - 1, -1, -1):
        x[i] = (y[i] - U[i, i + 1:] @ x[i + 1:]) / U[i, i]
    return x


def _check(submission, A, b, because):
    A, b = np.array(A, dtype=float), np.array(b, dtype=float)
    try:
        x = _solve(submission, A, b)
    except Feedback as fb:
        if "LinAlgError" in str(fb):
            fail(f"{fb}\nBut this matrix is not singular (κ(A) = {np.linalg.cond(A):.3g}): a zero or tiny pivot here means "
                 "the pivot search chose the wrong row. Search COLUMN k, rows k to n-1, for the largest ABSOLUTE value "
                 "(k + np.argmax(np.abs(U[k:, k]))), and compare it with the tolerance n·eps·max|A|.")
        raise
    ref = np.linalg.solve(A, b)
    kappa = np.linalg.cond(A)
    tol = 64 * len(b) * kappa * EPS * np.linalg.norm(ref)
    if np.linalg.norm(x - ref) <= tol:
        return
    with np.errstate(all="ignore"):
        naive = _no_pivot(A, b)
    hint = ""
    if np.allclose(x, naive, rtol=1e-12, atol=0, equal_nan=True):
        hint = (" That is what elimination WITHOUT row swaps returns: a tiny pivot makes a huge multiplier that wipes "
                "out the other entries. Swap in the row with the largest |A[i, k]| first.")
    fail(f"Called {last_call()}; returned {show(x)}; expected {show(ref)} (κ(A) = {kappa:.3g}, so an error up to "
         f"about {tol:.2g} is rounding), because {because}.{hint}")


def test_tiny_pivot(submission):
    """[[1e-20, 1], [1, 1]] x = [1, 2] gives x = [1, 1] (condition number 2.6), not the unpivoted [0, 1]"""
    _check(submission, [[1e-20, 1.0], [1.0, 1.0]], [1.0, 2.0], "the matrix is well conditioned; only an unstable "
           "algorithm can lose this answer")


def test_zero_pivot(submission):
    """[[0, 1], [1, 0]] x = [2, 3] gives x = [3, 2]: a zero in the first pivot position needs a swap"""
    _check(submission, [[0.0, 1.0], [1.0, 0.0]], [2.0, 3.0], "the permutation matrix swaps the two entries")


def test_absolute_value(submission):
    """picks the pivot by |value|: -1 in [[1e-18, 1, 1], [-1, 1, 0], [1e-3, 0, 1]] and in [[1e-18, 1, 1], [-1e-15, 1, 0], [-1, 0, 1]]"""
    _check(submission, [[1e-18, 1.0, 1.0], [-1.0, 1.0, 0.0], [1e-3, 0.0, 1.0]], [2.0, 0.0, 1.0],
           "the largest entry of column 0 IN SIZE is -1; choosing the largest signed entry, 1e-3, gives multipliers "
           "of 1000 and loses digits")
    _check(submission, [[1e-18, 1.0, 1.0], [-1e-15, 1.0, 0.0], [-1.0, 0.0, 1.0]], [2.0, 1.0, 0.0],
           "the pivot of column 0 is -1, the entry largest in size; the tiny 1e-18 or -1e-15 would give multipliers "
           "of 1e15 or more and wipe out every other entry")


def test_rows_above_are_done(submission):
    """searches only rows k and below: a 3 × 3 matrix whose column 1 is largest in the already-used row 0"""
    A = np.array([[4.0, 100.0, 1.0], [2.0, 1e-17, 1.0], [1.0, 1.0, 3.0]])
    _check(submission, A, [1.0, 2.0, 3.0], "at step 1 the pivot must come from rows 1 and 2 only; row 0 is already "
           "the first row of U, and swapping it back in undoes the elimination")


def test_rhs_swapped_too(submission):
    """swaps b with the rows of A: [[1, 2], [3, 4]] x = [5, 6] gives [-4, 4.5]"""
    _check(submission, [[1.0, 2.0], [3.0, 4.0]], [5.0, 6.0], "the pivot 3 is in row 1, so rows 0 and 1 of A AND of b "
           "swap; swapping only A solves a different system")


def test_ill_conditioned(submission):
    """the 8 × 8 Hilbert matrix (κ ≈ 1.5e10) is solved as accurately as np.linalg.solve, to κ·eps"""
    H = 1.0 / (np.arange(8)[:, None] + np.arange(8)[None, :] + 1.0)
    _check(submission, H, H @ np.ones(8), "x_true is all ones, and a stable algorithm loses about log10 κ ≈ 10 digits")


def test_one_by_one(submission):
    """a 1 × 1 system [[4]] x = [2] gives [0.5]"""
    _check(submission, [[4.0]], [2.0], "x = 2 / 4")


def _expect_singular(submission, A, b, because):
    f = function(submission, "solve_partial_pivoting")
    try:
        with blocked(*LIBRARY, reason="eliminate yourself"):
            got = f(np.array(A, dtype=float), np.array(b, dtype=float))
    except np.linalg.LinAlgError:
        return
    except ZeroDivisionError:
        fail(f"solve_partial_pivoting raised ZeroDivisionError on a singular A ({because}); test the pivot first and "
             "raise np.linalg.LinAlgError.")
    except Exception as exc:  # noqa: BLE001
        fail(f"solve_partial_pivoting raised {type(exc).__name__} on a singular A ({because}); expected "
             "np.linalg.LinAlgError.")
    fail(f"solve_partial_pivoting returned {show(got)} for a singular A ({because}); expected np.linalg.LinAlgError, "
         "raised when the largest |A[i, k]| for i >= k is <= n·eps·max|A|.")


def test_singular_exact(submission):
    """raises LinAlgError for [[1, 2], [2, 4]] (rank 1)"""
    _expect_singular(submission, [[1.0, 2.0], [2.0, 4.0]], [1.0, 2.0], "the second row is twice the first")


def test_singular_up_to_rounding(submission):
    """raises LinAlgError for the singular [[1, 2, 3], [4, 5, 6], [7, 8, 9]] × 1e6, whose last pivot is rounding"""
    _expect_singular(submission, 1e6 * np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]), [1.0, 2.0, 3.0],
                     "row 2 is 2·row 1 - row 0, so the last pivot is 0 up to rounding: compare it with "
                     "n·eps·max|A|, relative to A's scale")


def test_pivot_exactly_at_tolerance(submission):
    """a pivot exactly at the tolerance n·eps·max|A| counts as singular: diag(1, 2ε) raises, diag(1, 4ε) is solved"""
    _expect_singular(submission, np.diag([1.0, 2 * EPS]), [1.0, 1.0], "its second pivot 2ε equals n·eps·max|A| = 2ε "
                     "exactly, and a pivot <= the tolerance means singular to working precision (<=, not <)")
    _check(submission, np.diag([1.0, 4 * EPS]), [1.0, 1.0], "its second pivot 4ε is above the tolerance 2ε")


def test_pivot_from_the_column(submission):
    """searches COLUMN k for the pivot: [[1e-20, 0.5, 1], [1, 1, 0], [0, 1, 1]] pivots on row 1 (the 1 in column 0)"""
    _check(submission, [[1e-20, 0.5, 1.0], [1.0, 1.0, 0.0], [0.0, 1.0, 1.0]], [1.5, 2.0, 2.0],
           "the candidates for the pivot of step 0 are the entries of column 0 (1e-20, 1, 0), not of row 0")


def test_small_units_not_singular(submission):
    """solves 1e-10 · [[2, 1], [1, 3]] (well conditioned, tiny entries) rather than calling it singular"""
    _check(submission, 1e-10 * np.array([[2.0, 1.0], [1.0, 3.0]]), [1.0, 1.0], "κ = 2.6: tiny entries are units, "
           "not singularity; the test must be relative to max|A|")


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 7), tiny=st.booleans())
@example(seed=0, n=5, tiny=True)
def test_property_random(submission, seed, n, tiny):
    """on random systems (some with a pivot of 1e-14 planted in the corner), the answer matches np.linalg.solve to κ·eps"""
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((n, n))
    if tiny:
        A[0, 0] = 1e-14
    _check(submission, A, rng.standard_normal(n), "random square system")
