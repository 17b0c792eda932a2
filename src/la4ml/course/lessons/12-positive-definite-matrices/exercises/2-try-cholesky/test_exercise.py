"""Hidden tests of exercise 12.2 — try_cholesky(A, rtol=None), from scratch, with a relative pivot tolerance."""

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from la4ml.course.grading import Feedback, blocked, call, expect_close, fail, function, last_call, show

EPS = np.finfo(float).eps
# B Bᵀ with B of shape (3, 2) is singular; at scale 1e8 rounding leaves its third pivot at +6e-8
B_RANK2 = np.array([[-0.5, -1.2], [-1.6, 0.6], [-0.2, 2.0]])


def _run(submission, A, **kwargs):
    return call(function(submission, "try_cholesky"), np.array(A, dtype=float), **kwargs)


def _pivots(A):
    """The pivots d_j and their diagonal entries A[j, j], up to and including the first that is not > 0."""
    n = len(A)
    L = np.zeros_like(A)
    out = []
    for j in range(n):
        d = A[j, j] - L[j, :j] @ L[j, :j]
        out.append((float(d), float(A[j, j])))
        if not d > 0:
            break
        L[j, j] = np.sqrt(d)
        L[j + 1:, j] = (A[j + 1:, j] - L[j + 1:, :j] @ L[j, :j]) / L[j, j]
    return out


def _check_factor(submission, A, because="", **kwargs):
    """Call try_cholesky on a PD matrix and explain the first thing wrong with the result."""
    A = np.array(A, dtype=float)
    L_true = np.linalg.cholesky(A)
    got = _run(submission, A, **kwargs)
    if got is None:
        ratio = min(d / a for d, a in _pivots(A))
        fail(f"Called {last_call()}; returned None; expected the factor {show(L_true)}, because A is positive "
             f"definite (eigenvalues {show(np.linalg.eigvalsh(A))}): every pivot is positive, the smallest "
             f"being {ratio:.3g} × its diagonal entry A[j, j], above rtol = "
             f"{kwargs.get('rtol', len(A) * EPS):.3g}. {because}".rstrip() + ("" if because else
             " Compare each pivot with rtol * A[j, j], relative to the size of A, not with a fixed number."))
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
    expect_close(L, L_true, rtol=1e-9, atol=1e-12 * np.abs(L_true).max(), what="L",
                 because="it must equal np.linalg.cholesky(A)")


def _check_none(submission, A, because, **kwargs):
    A = np.array(A, dtype=float)
    try:
        with np.errstate(all="ignore"):
            got = _run(submission, A, **kwargs)
    except Feedback as fb:
        if "NotImplementedError" in str(fb) or "modified its input" in str(fb):
            raise
        fail(f"{fb}\nWhen A is not positive definite, return None instead of raising (or computing the square "
             f"root of a negative pivot), because {because}.")
    if got is None:
        return
    L = np.asarray(got, dtype=float) if not isinstance(got, (str, bytes)) else None
    rule = "Return None as soon as a pivot A[j, j] - L[j, :j] @ L[j, :j] is <= rtol * A[j, j], BEFORE its square root."
    if L is not None and L.shape == A.shape and np.isnan(L).any():
        fail(f"Called {last_call()}; returned a 'factor' containing NaN, {show(got)}; expected None, because {because}. "
             "A NaN means a square root of a negative pivot, or 0/0 after a zero one: the pivot test must come "
             f"first (checking the eigenvalues beforehand does not help: rounding decides their sign too). {rule}")
    if L is not None and L.shape == A.shape:
        diag = np.diag(L)
        j = int(np.argmin(np.abs(diag)))
        if diag[j] == 0:
            fail(f"Called {last_call()}; returned {show(got)}, whose L[{j}, {j}] is exactly 0: you accepted a pivot of "
                 f"exactly 0 (pivot < 0 instead of pivot <= ...); expected None, because {because}. {rule}")
        if abs(diag[j]) < 1e-3 * np.sqrt(np.abs(A).max()):
            fail(f"Called {last_call()}; returned a factor whose L[{j}, {j}] = {diag[j]:.3g} is the square root of a "
                 f"pivot {diag[j] ** 2:.3g} that is zero to working precision (A[{j}, {j}] = {A[j, j]:.3g}, so "
                 f"rtol·A[j, j] = {kwargs.get('rtol', len(A) * EPS) * A[j, j]:.3g}); expected None, because {because}. "
                 "Such a factor is meaningless: its inverse is enormous. Compare the pivot with rtol * A[j, j], "
                 "relative to A, not with 0 or a fixed small number.")
    fail(f"Called {last_call()}; returned {show(got)}; expected None, because {because}. {rule}")


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
    _check_none(submission, 1e-9 * np.array([[1.0, 2.0], [2.0, 1.0]]),
                "1e-9 · [[1, 2], [2, 1]] is just as indefinite: its second pivot is -3e-9, negative in any units")


def test_singular_returns_none(submission):
    """returns None for the singular positive semidefinite [[1, 1], [1, 1]] (pivot exactly 0)"""
    _check_none(submission, [[1.0, 1.0], [1.0, 1.0]],
                "its second pivot is 1 - 1·1 = 0: the matrix is only semidefinite, and Cholesky needs every pivot "
                "> rtol·A[j, j] (test pivot <= rtol * A[j, j], not pivot < 0)")
    _check_none(submission, [[1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
                "its second pivot is 0 (rows 0 and 1 are equal: a duplicated feature)")


def test_negative_first_pivot(submission):
    """returns None for a negative definite matrix (the very first pivot is negative)"""
    _check_none(submission, [[-2.0, 1.0], [1.0, -2.0]], "its first pivot is A[0, 0] = -2 < 0")


def test_singular_rank_deficient_large_scale(submission):
    """returns None for 1e8 · B Bᵀ with B of shape (3, 2): singular, though rounding leaves its last pivot positive"""
    A = 1e8 * (B_RANK2 @ B_RANK2.T)
    d, a = _pivots(A)[-1]
    _check_none(submission, A,
                f"A = 1e8 · B Bᵀ has rank 2, so its third pivot is 0 in exact arithmetic; rounding makes it {d:.3g}, "
                f"which is positive and above a small absolute threshold, but only {d / a / EPS:.2g}ε times "
                f"A[2, 2] = {a:.3g}: zero to working precision (rtol = 3ε)")


B_RANK5 = np.array([[-0.3, 1.7, -0.9, -1.8, -0.8], [0.9, 1.1, 0.2, -0.8, 1.7], [1.7, -0.3, -0.4, 0.5, 0.9],
                    [0.5, -0.3, -0.2, 0.6, 1.7], [-1.8, -1.6, 1.0, -0.2, 1.1], [0.2, -0.2, 1.8, -0.5, 0.6]])


def test_default_rtol_grows_with_n(submission):
    """returns None for a 6 × 6 B Bᵀ of rank 5 whose last pivot rounds to 2.5ε · A[5, 5] (the default rtol is n·ε = 6ε)"""
    A = B_RANK5 @ B_RANK5.T
    d, a = _pivots(A)[-1]
    _check_none(submission, A,
                f"A = B Bᵀ with B of shape (6, 5) has rank 5, so its last pivot is 0 in exact arithmetic; rounding makes it "
                f"{d:.3g} = {d / a / EPS:.2g}ε · A[5, 5]. The rounding in a pivot grows with the number of terms "
                "subtracted, so the default rtol is n·ε = 6ε here (A.shape[0] * np.finfo(float).eps), not ε alone")


def test_tiny_scale_factors(submission):
    """factors 1e-12 · [[4, 2, -2], [2, 10, 5], [-2, 5, 9]]: a positive definite matrix in small units"""
    _check_factor(submission, 1e-12 * np.array([[4.0, 2.0, -2.0], [2.0, 10.0, 5.0], [-2.0, 5.0, 9.0]]),
                  "This is a positive definite matrix in other units; a pivot test with a fixed threshold "
                  "(such as pivot <= 1e-10) calls every matrix this small singular. Use rtol * A[j, j].")


def test_large_scale_factors(submission):
    """factors 1e6 · [[4, 2], [2, 3]] as 1e3 · [[2, 0], [1, √2]]"""
    _check_factor(submission, 1e6 * np.array([[4.0, 2.0], [2.0, 3.0]]))


def test_ill_conditioned_but_definite(submission):
    """factors [[1, a], [a, 1]] with a² = 1 - 1e-12: its second pivot 1e-12 is small but far above n·ε"""
    a = np.sqrt(1 - 1e-12)
    _check_factor(submission, [[1.0, a], [a, 1.0]],
                  "Its second pivot is about 1e-12, tiny but 2000 times the rounding level n·ε ≈ 4.4e-16: the "
                  "default rtol is n·ε = A.shape[0] * np.finfo(float).eps, not something larger like 1e-10.")


def test_pivot_exactly_at_tolerance(submission):
    """with rtol=0.75, [[1, 0.5], [0.5, 1]] (second pivot exactly 0.75) gives None; with rtol=0.7 it factors"""
    _check_none(submission, [[1.0, 0.5], [0.5, 1.0]],
                "the second pivot 1 - 0.5² = 0.75 equals rtol·A[1, 1] = 0.75, and it must be GREATER than that "
                "to count (pivot <= rtol * A[j, j] means None)", rtol=0.75)
    _check_factor(submission, [[1.0, 0.5], [0.5, 1.0]],
                  "With rtol=0.7 the second pivot 0.75 > 0.7 · A[1, 1] = 0.7: use the rtol argument.", rtol=0.7)


def test_tolerance_uses_its_own_diagonal_entry(submission):
    """with rtol=0.5, [[4, 1], [1, 1]] factors: the second pivot 0.75 is compared with 0.5 · A[1, 1], not 0.5 · A[0, 0]"""
    _check_factor(submission, [[4.0, 1.0], [1.0, 1.0]],
                  "The second pivot is 1 - 0.5² = 0.75 > rtol · A[1, 1] = 0.5: each pivot is compared with rtol times "
                  "ITS OWN diagonal entry A[j, j] (here 1), not with A[0, 0] = 4 or the largest entry.", rtol=0.5)


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
    return 10.0 ** draw(st.integers(-6, 6)) * (B @ B.T + n * np.eye(n))


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


@st.composite
def rank_deficient(draw):
    """c · B Bᵀ with B = Q[:, :r] diag(s) of shape (n, r), r < n, s in [1, 10], c from 1e-6 to 1e6."""
    n = draw(st.integers(2, 6))
    r = draw(st.integers(1, n - 1))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    Q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    B = Q[:, :r] * rng.uniform(1, 10, r)
    A = 10.0 ** draw(st.integers(-6, 6)) * (B @ B.T)
    return (A + A.T) / 2, r


@settings(max_examples=30, deadline=None)
@given(case=rank_deficient())
def test_property_rank_deficient(submission, case):
    """on random singular B Bᵀ (rank r < n, scales 1e-6 to 1e6), returns None instead of NaN or a meaningless factor"""
    A, r = case
    n = len(A)
    d, a = _pivots(A)[-1]
    assume(d <= 0.25 * n * EPS * a)  # the rounding in the zero pivot is clearly below the tolerance
    _check_none(submission, A,
                f"A = B Bᵀ with B of shape ({n}, {r}) has rank {r} < {n}, so a pivot is 0 in exact arithmetic; rounding "
                f"makes it {d:.3g} = {d / a / EPS:.2g}ε · A[j, j], at or below rtol·A[j, j] = {n}ε · A[j, j]")


@settings(max_examples=25, deadline=None)
@given(A=spd())
def test_property_random_spd(submission, A):
    """on random positive definite matrices up to 6 × 6 at scales 1e-6 to 1e6, L is lower triangular, L Lᵀ = A and L equals NumPy's"""
    _check_factor(submission, A)


@settings(max_examples=25, deadline=None)
@given(A=not_pd())
def test_property_random_not_pd(submission, A):
    """on random symmetric matrices with a negative eigenvalue, returns None"""
    _check_none(submission, A, f"A has eigenvalue {np.linalg.eigvalsh(A)[0]:.4g} < 0, so some pivot is negative")
