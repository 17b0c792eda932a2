"""Hidden tests of exercise 12.2 — try_cholesky(A), from scratch."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, expect_close, fail, function, last_call, show


def _run(submission, A):
    return call(function(submission, "try_cholesky"), np.array(A, dtype=float))


def _check_factor(submission, A):
    """Call try_cholesky on a PD matrix and explain the first thing wrong with the result."""
    A = np.array(A, dtype=float)
    L_true = np.linalg.cholesky(A)
    got = _run(submission, A)
    if got is None:
        fail(f"Called {last_call()}; returned None; expected the factor {show(L_true)}, because A is positive "
             f"definite (eigenvalues {show(np.round(np.linalg.eigvalsh(A), 4))}): every pivot is > 0.")
    try:
        L = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(f"Called {last_call()}; returned {show(got)}; expected an n × n array.")
    if L.shape != A.shape:
        fail(f"Called {last_call()}; the result has shape {L.shape}; expected {A.shape}, the shape of A.")
    if not np.all(np.isfinite(L)):
        fail(f"Called {last_call()}; the result {show(L)} contains NaN or infinity; a positive definite A "
             "never needs the square root of a negative number or a division by zero.")
    if A.shape[0] > 1 and np.allclose(L, L_true.T) and not np.allclose(L, L_true):
        fail(f"Called {last_call()}; returned the UPPER factor {show(L)} (A = UᵀU); expected the lower-triangular "
             f"L = {show(L_true)} with A = L Lᵀ. Fill the entries below the diagonal, column by column.")
    if np.any(np.triu(L, 1) != 0):
        i, j = np.argwhere(np.triu(L, 1) != 0)[0]
        fail(f"Called {last_call()}; the result has L[{i}, {j}] = {L[i, j]:.6g} above the diagonal; L must be lower "
             "triangular (start from np.zeros and never write above the diagonal).")
    if np.any(np.diag(L) <= 0):
        fail(f"Called {last_call()}; the diagonal of L is {show(np.diag(L))}; every L[j, j] must be the positive "
             "square root of its pivot (that is what makes L unique).")
    LLt = L @ L.T
    bad = ~np.isclose(LLt, A, rtol=1e-9, atol=1e-9 * np.abs(A).max())
    if bad.any():
        diag_bad = np.flatnonzero(np.diag(bad))
        if diag_bad.size:
            where = (f"the diagonal entry (L Lᵀ)[{diag_bad[0]}, {diag_bad[0]}] is wrong: check the pivot "
                     "d = A[j, j] - L[j, :j] @ L[j, :j] (row j of L, the entries left of the diagonal)")
        else:
            where = ("an off-diagonal entry is wrong: check the column formula "
                     "L[j+1:, j] = (A[j+1:, j] - L[j+1:, :j] @ L[j, :j]) / L[j, j] (the minus sign, the slices)")
        expect_close(LLt, A, rtol=1e-9, atol=1e-9 * np.abs(A).max(), what="L @ L.T",
                     because=f"the factor must reproduce A; {where}")
    expect_close(L, L_true, rtol=1e-9, atol=1e-12, what="L", because="it must equal np.linalg.cholesky(A)")


def _check_none(submission, A, because):
    A = np.array(A, dtype=float)
    try:
        with np.errstate(all="ignore"):
            got = _run(submission, A)
    except Feedback as fb:
        if "NotImplementedError" in str(fb):
            raise
        fail(f"{fb}\nWhen A is not positive definite, return None instead of raising (or computing the square "
             f"root of a negative pivot), because {because}.")
    if got is not None:
        fail(f"Called {last_call()}; returned {show(got)}; expected None, because {because}. Return None as soon "
             "as a pivot A[j, j] - L[j, :j] @ L[j, :j] is <= 0.")


def test_two_by_two(submission):
    """factors [[4, 2], [2, 3]] as L = [[2, 0], [1, √2]]"""
    _check_factor(submission, [[4.0, 2.0], [2.0, 3.0]])


def test_one_by_one(submission):
    """factors the 1 × 1 matrix [[9]] as [[3]]"""
    _check_factor(submission, [[9.0]])


def test_three_by_three(submission):
    """factors a 3 × 3 positive definite matrix and matches np.linalg.cholesky"""
    _check_factor(submission, [[4.0, 2.0, -2.0], [2.0, 10.0, 5.0], [-2.0, 5.0, 9.0]])


def test_indefinite_from_the_task(submission):
    """returns None for the indefinite [[1, 2], [2, 1]] from the task"""
    _check_none(submission, [[1.0, 2.0], [2.0, 1.0]], "its second pivot is 1 - 2·2/1 = -3 < 0 (eigenvalues -1 and 3)")


def test_singular_returns_none(submission):
    """returns None for the singular positive semidefinite [[1, 1], [1, 1]] (pivot exactly 0)"""
    _check_none(submission, [[1.0, 1.0], [1.0, 1.0]],
                "its second pivot is 1 - 1·1 = 0: the matrix is only semidefinite, and Cholesky needs every pivot "
                "> 0 (test pivot <= 0, not pivot < 0)")
    _check_none(submission, [[1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
                "its second pivot is 0 (rows 0 and 1 are equal: a duplicated feature)")


def test_negative_first_pivot(submission):
    """returns None for a negative definite matrix (the very first pivot is negative)"""
    _check_none(submission, [[-2.0, 1.0], [1.0, -2.0]], "its first pivot is A[0, 0] = -2 < 0")


def test_late_failure(submission):
    """returns None for a 4 × 4 matrix whose first three pivots are positive and the fourth is not"""
    A = np.diag([4.0, 3.0, 2.0, 1.0]) + 0.5 * (np.ones((4, 4)) - np.eye(4))
    A[3, 3] = -0.5
    _check_none(submission, A, "its 4th pivot is negative (det A < 0 while the 3 × 3 leading minor is positive)")


def test_from_scratch(submission):
    """builds L itself: still works when np.linalg.cholesky, scipy's and torch's Cholesky are unavailable"""
    library = ("numpy.linalg.cholesky", "scipy.linalg.cholesky", "scipy.linalg.cho_factor", "torch.linalg.cholesky",
               "torch.linalg.cholesky_ex", "torch.cholesky")
    f = function(submission, "try_cholesky")
    A = np.array([[4.0, 2.0], [2.0, 3.0]])
    with blocked(*library, reason="L must be built column by column"):
        try:
            got = call(f, A)
        except Feedback as fb:
            if "blocked" in str(fb):
                fail(f"{fb}\nThis exercise asks you to build L yourself, column by column; use np.linalg.cholesky only "
                     "outside try_cholesky, to compare.")
            raise
    expect_close(got, [[2.0, 0.0], [1.0, np.sqrt(2.0)]], what="L")


@st.composite
def spd(draw):
    n = draw(st.integers(1, 6))
    B = np.random.default_rng(draw(st.integers(0, 2**32 - 1))).standard_normal((n, n))
    return B @ B.T + n * np.eye(n)


@st.composite
def not_pd(draw):
    """Q diag(λ) Qᵀ with at least one eigenvalue <= -0.1."""
    n = draw(st.integers(1, 6))
    lam = np.array(draw(st.lists(st.floats(0.1, 10), min_size=n, max_size=n)))
    k = draw(st.integers(1, n))
    lam[:k] *= -1
    Q, _ = np.linalg.qr(np.random.default_rng(draw(st.integers(0, 2**32 - 1))).standard_normal((n, n)))
    A = Q @ np.diag(lam) @ Q.T
    return (A + A.T) / 2


@settings(max_examples=25, deadline=None)
@given(A=spd())
def test_property_random_spd(submission, A):
    """on random positive definite matrices up to 6 × 6, L is lower triangular, L Lᵀ = A and L equals NumPy's"""
    _check_factor(submission, A)


@settings(max_examples=25, deadline=None)
@given(A=not_pd())
def test_property_random_not_pd(submission, A):
    """on random symmetric matrices with a negative eigenvalue, returns None"""
    _check_none(submission, A, f"A has eigenvalue {np.linalg.eigvalsh(A)[0]:.4g} < 0, so some pivot is negative")
