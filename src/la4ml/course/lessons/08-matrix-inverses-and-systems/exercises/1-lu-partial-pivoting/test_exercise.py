"""Hidden tests of exercise 8.1 — lu_partial_pivoting(A), from scratch, against scipy.linalg.lu."""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, fail, function, last_call, show

LIBRARY_LU = ("scipy.linalg.lu", "scipy.linalg.lu_factor", "scipy.linalg.lu_solve", "torch.linalg.lu",
              "torch.linalg.lu_factor", "torch.linalg.lu_factor_ex", "torch.lu")


def _variant(A, *, pivot="abs", swap_L=True):
    """The factorization a learner gets with one specific mistake (or none): for naming the mistake."""
    U = np.array(A, dtype=float)
    n = U.shape[0]
    L = np.eye(n)
    perm = np.arange(n)
    with np.errstate(all="ignore"):
        for j in range(n):
            col = U[j:, j]
            if pivot == "abs":
                p = j + int(np.argmax(np.abs(col)))
            elif pivot == "last":  # the last row of largest |entry|: ties broken the other way
                p = j + len(col) - 1 - int(np.argmax(np.abs(col)[::-1]))
            elif pivot == "signed":  # the largest entry, not the largest |entry|
                p = j + int(np.argmax(col))
            else:  # no pivoting
                p = j
            if p != j:
                U[[j, p]] = U[[p, j]]
                if swap_L:
                    L[[j, p], :j] = L[[p, j], :j]
                perm[[j, p]] = perm[[p, j]]
            if U[j, j] != 0 or pivot == "none":
                L[j + 1:, j] = U[j + 1:, j] / U[j, j]
                U[j + 1:, j:] -= np.outer(L[j + 1:, j], U[j, j:])
    return np.eye(n)[:, perm], L, np.triu(U)


def _same(F, G, scale=1.0):
    F, G = np.asarray(F, dtype=float), np.asarray(G, dtype=float)
    return F.shape == G.shape and np.allclose(F, G, rtol=1e-9, atol=1e-12 * scale, equal_nan=True)


def _matches(factors, variant, A):
    scale = max(np.abs(A).max(), 1e-300)
    return all(_same(F, G, s) for F, G, s in zip(factors, variant, (1.0, 1.0, scale)))


def _factor(submission, A):
    """Call lu_partial_pivoting and return (P, L, U) as float arrays, failing on the wrong kind of result."""
    A = np.array(A, dtype=float)
    n = A.shape[0]
    got = call(function(submission, "lu_partial_pivoting"), A)
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        fail(f"Called {last_call()}; returned {show(got)}; expected the three matrices (P, L, U), in that order.")
    arrays = []
    for name, F in zip("PLU", got):
        try:
            F = np.asarray(F, dtype=float)
        except (TypeError, ValueError):
            fail(f"Called {last_call()}; {name} is {show(F)}; expected an {n} × {n} array.")
        if F.shape != (n, n):
            fail(f"Called {last_call()}; {name} has shape {F.shape}; expected ({n}, {n}), the shape of A.")
        arrays.append(F)
    return tuple(arrays)


def _check(submission, A, because=""):
    """Factor A and explain the first thing that is wrong, naming the mistake when it is a known one."""
    A = np.array(A, dtype=float)
    n = A.shape[0]
    scale = max(np.abs(A).max(), 1e-300)
    P, L, U = factors = _factor(submission, A)
    Ps, Ls, Us = scipy.linalg.lu(A)
    why = f" ({because})" if because else ""
    if not all(np.all(np.isfinite(F)) for F in factors):
        if not np.all(np.isfinite(_variant(A, pivot="none")[1])):
            fail(f"Called {last_call()}; the result contains NaN or infinity{why}. Elimination without row swaps "
                 f"divides by the pivot A[0, 0] = {A[0, 0]:g} (or a later zero pivot): pick as pivot the row with the "
                 "largest |entry| in the column and swap it up first (partial pivoting).")
        fail(f"Called {last_call()}; the result contains NaN or infinity{why}. When a column is zero from the diagonal "
             "down (the pivot is 0 even after pivoting), skip the elimination for that column, as scipy.linalg.lu does: "
             "there is nothing to eliminate, and dividing by the zero pivot gives 0/0 = NaN.")
    if not (np.all((P == 0) | (P == 1)) and np.all(P.sum(axis=0) == 1) and np.all(P.sum(axis=1) == 1)):
        fail(f"Called {last_call()}; P = {show(P)} is not a permutation matrix (a single 1 in each row and column); "
             "build it from the row order: P = np.eye(n)[:, perm].")
    if n > 1 and _matches(factors, _variant(A, pivot="none"), A) and not np.array_equal(P, Ps):
        fail(f"Called {last_call()}; returned P = I and L = {show(L)}: that is elimination WITHOUT pivoting{why}. "
             f"Expected P = {show(Ps)}. Before eliminating column j, swap in the row with the largest |entry| in "
             "that column: otherwise a tiny pivot makes huge multipliers and rounding destroys the answer.")
    if not np.array_equal(P, Ps) and np.array_equal(P.T, Ps):
        fail(f"Called {last_call()}; P = {show(P)} is the transpose of the expected {show(Ps)}: you returned the P of "
             "the textbook form P A = L U. This exercise (like scipy.linalg.lu) wants A = P @ L @ U: return P.T, "
             "i.e. P[perm[i], i] = 1.")
    if not np.array_equal(P, Ps):
        if _matches(factors, _variant(A, pivot="signed"), A):
            fail(f"Called {last_call()}; P = {show(P)}, expected {show(Ps)}: you chose the pivot with the largest "
                 "VALUE; choose the largest ABSOLUTE value (np.argmax(np.abs(U[j:, j]))) — a pivot of -3 beats 1.")
        if _matches(factors, _variant(A, pivot="last"), A):
            fail(f"Called {last_call()}; P = {show(P)}, expected {show(Ps)}: on a tie in |entry| you took the LAST "
                 "of the tied rows; take the first (np.argmax returns the first maximum), as LAPACK and SciPy do.")
        fail(f"Called {last_call()}; P = {show(P)}, expected {show(Ps)}{why}: at each column the pivot row is the one "
             "at or below the diagonal with the largest |entry| (the first on a tie), chosen in the matrix as "
             "eliminated so far, and its index is counted from row 0 (j + np.argmax(...)).")
    if not np.array_equal(np.diag(L), np.ones(n)) or np.any(np.triu(L, 1) != 0):
        fail(f"Called {last_call()}; L = {show(L)} is not unit lower triangular: it needs ones on the diagonal and "
             "zeros above it (start from L = np.eye(n) and write only below the diagonal).")
    if np.any(np.tril(U, -1) != 0):
        i, j = np.argwhere(np.tril(U, -1) != 0)[0]
        small = abs(U[i, j]) <= 1e-12 * scale
        fail(f"Called {last_call()}; U[{i}, {j}] = {U[i, j]:.6g} lies below the diagonal; U must be upper triangular, "
             "with exact zeros there, as scipy.linalg.lu returns it. "
             + ("Subtracting l·(pivot row) leaves rounding such as this below the pivot: " if small else "")
             + "return np.triu(U) (or set the column below the pivot to 0 after eliminating).")
    if np.abs(L).max() > 1 + 1e-12:
        fail(f"Called {last_call()}; L has an entry of size {np.abs(L).max():.6g} > 1; with partial pivoting every "
             "multiplier is an entry divided by the largest |entry| of its column, so |L[i, j]| <= 1.")
    if not np.allclose(P @ L @ U, A, rtol=1e-9, atol=1e-12 * scale):
        if _matches(factors, _variant(A, swap_L=False), A):
            fail(f"Called {last_call()}; P @ L @ U does not rebuild A{why}. When you swap rows j and p, swap the "
                 "multipliers already stored in L (columns 0 to j-1) too: they belong to those rows. "
                 "L[[j, p], :j] = L[[p, j], :j].")
        fail(f"Called {last_call()}; P @ L @ U = {show(P @ L @ U)} does not rebuild A = {show(A)}{why}: check the "
             "multipliers L[j+1:, j] = U[j+1:, j] / U[j, j] and the update U[j+1:, j:] -= np.outer(L[j+1:, j], U[j, j:]).")
    for name, F, G, s in (("L", L, Ls, 1.0), ("U", U, Us, scale)):
        if not np.allclose(F, G, rtol=1e-9, atol=1e-12 * s):
            fail(f"Called {last_call()}; {name} = {show(F)} differs from scipy.linalg.lu's {show(G)}{why}, although "
                 "P @ L @ U rebuilds A: check that L holds the multipliers of every column (zeros where a pivot was 0).")
    return factors


def test_tiny_pivot(submission):
    """[[1e-20, 1], [1, 1]]: swaps the rows, so L = [[1, 0], [1e-20, 1]] and U = [[1, 1], [0, 1]]"""
    _check(submission, [[1e-20, 1.0], [1.0, 1.0]],
           "without the swap the multiplier is 1e20 and U[1, 1] = 1 - 1e20 rounds to -1e20: the 1 is lost")


def test_zero_pivot(submission):
    """[[0, 1], [1, 1]] (a zero in the corner, yet invertible) factors without dividing by zero"""
    _check(submission, [[0.0, 1.0], [1.0, 1.0]], "A[0, 0] = 0 but the matrix is invertible: swap the rows")


def test_strang_three_by_three(submission):
    """Strang's [[2, 1, 1], [4, -6, 0], [-2, 7, 2]]: pivot 4 first, then P, L, U equal SciPy's"""
    _check(submission, [[2.0, 1.0, 1.0], [4.0, -6.0, 0.0], [-2.0, 7.0, 2.0]])


def test_convention_A_equals_PLU(submission):
    """returns the P of A = P L U (SciPy's), not of P A = L U, on a matrix whose P is a 3-cycle (P ≠ Pᵀ)"""
    _check(submission, [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 10.0]], "its row order is a 3-cycle")


def test_absolute_value_pivot(submission):
    """pivots on the largest |entry|: -3 beats 1 in [[1, 2], [-3, 4]]"""
    _check(submission, [[1.0, 2.0], [-3.0, 4.0]], "|-3| > |1|, so row 1 is the pivot row")


def test_ties_keep_first_row(submission):
    """on a tie in |entry| keeps the first row: no swap for [[1, 2], [-1, 3]], row 1 for [[0, 1, 1], [2, 0, 1], [-2, 1, 0]]"""
    _check(submission, [[1.0, 2.0], [-1.0, 3.0]], "|1| = |-1|: the first row stays, as in SciPy")
    _check(submission, [[0.0, 1.0, 1.0], [2.0, 0.0, 1.0], [-2.0, 1.0, 0.0]], "|2| = |-2|: row 1 comes before row 2")
    _check(submission, [[3.0, 1.0, 2.0], [3.0, 5.0, 1.0], [-3.0, 5.0, 4.0]], "ties in the first two columns")


def test_swaps_move_earlier_multipliers(submission):
    """a 4 × 4 matrix whose later columns need row swaps: the multipliers already in L move with their rows"""
    A = np.array([[2.0, 1.0, 1.0, 0.0], [4.0, 3.0, 3.0, 1.0], [8.0, 7.0, 9.0, 5.0], [6.0, 7.0, 9.0, 8.0]])
    _check(submission, A, "the pivots come from rows 2, 3, 2 and 3 of the partly eliminated matrix")


def test_one_by_one(submission):
    """1 × 1 matrices: [[5]] gives P = L = [[1]], U = [[5]]; [[0]] gives U = [[0]] without error"""
    _check(submission, [[5.0]])
    _check(submission, [[0.0]], "a 1 × 1 zero matrix has pivot 0 and nothing to eliminate")


@pytest.mark.parametrize("A, because", [
    ([[0.0, 1.0, 2.0], [0.0, 3.0, 4.0], [0.0, 5.0, 7.0]], "its first column is zero: pivot 0, skip it"),
    ([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 1.0, 1.0]], "rows 0 and 1 are proportional: a zero pivot in column 2"),
    (np.ones((4, 4)), "every column after the first is zero after one step"),
    ([[1.0, 2.0], [2.0, 4.0]], "the second pivot is exactly 0"),
], ids=["zero-column", "proportional-rows", "ones", "singular-2x2"])
def test_singular_input(submission, A, because):
    """singular and rank-deficient matrices factor without error (zero pivots), exactly like scipy.linalg.lu"""
    _check(submission, A, because)


@pytest.mark.parametrize("scale", [1e-12, 1e-6, 1e6, 1e12])
def test_scale_invariance(submission, scale):
    """scaling A by 1e-12, 1e-6, 1e6 or 1e12 leaves P and L unchanged and scales U (no absolute thresholds)"""
    A = scale * np.array([[2.0, 1.0, 1.0, 3.0], [4.0, -6.0, 0.0, 1.0], [-2.0, 7.0, 2.0, 5.0], [1.0, 1.0, -3.0, 2.0]])
    _check(submission, A, f"the entries are of size {scale:g}; a pivot is zero only when it IS zero, "
                          "not when it is below some fixed threshold such as 1e-10")


def test_from_scratch(submission):
    """builds the factors itself: still works when scipy.linalg.lu, lu_factor and torch's LU are unavailable"""
    f = function(submission, "lu_partial_pivoting")
    A = np.array([[2.0, 1.0, 1.0], [4.0, -6.0, 0.0], [-2.0, 7.0, 2.0]])
    with blocked(*LIBRARY_LU, reason="the factorization must be built by elimination"):
        try:
            got = call(f, A)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks you to eliminate column by column yourself; use scipy.linalg.lu only "
                     "outside lu_partial_pivoting, to compare.")
            raise
    Ps, Ls, Us = scipy.linalg.lu(A)
    if not (isinstance(got, (tuple, list)) and len(got) == 3
            and all(_same(F, G) for F, G in zip(got, (Ps, Ls, Us)))):
        fail(f"Called {last_call()}; returned {show(got)}; expected (P, L, U) = {show((Ps, Ls, Us))}.")


@settings(max_examples=25, deadline=None)
@given(n=st.integers(2, 7), seed=st.integers(0, 2**32 - 1))
def test_property_random_matrices(submission, n, seed):
    """on random n × n matrices (n up to 7), P, L and U equal scipy.linalg.lu's"""
    _check(submission, np.random.default_rng(seed).standard_normal((n, n)))
