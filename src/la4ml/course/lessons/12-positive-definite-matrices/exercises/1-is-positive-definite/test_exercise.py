"""Hidden tests of exercise 12.1 — is_positive_definite(A, tol=1e-10)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import call, expect, fail, function, last_call, show


def _check(submission, A, expected, because, **kwargs):
    f = function(submission, "is_positive_definite")
    got = call(f, np.array(A, dtype=float), **kwargs)
    if not isinstance(got, (bool, np.bool_)):
        fail(f"Called {last_call()}; returned {show(got)}, a {type(got).__name__}; expected a single True or "
             "False. Combine the per-eigenvalue tests into one answer with bool(np.all(...)).")
    expect(bool(got) == expected, got=got, expected=expected, because=because)


def test_positive_definite_2x2(submission):
    """returns True for the positive definite [[2, 1], [1, 2]] (eigenvalues 1 and 3)"""
    _check(submission, [[2.0, 1.0], [1.0, 2.0]], True, "A is symmetric with eigenvalues 1 and 3, both > 0")


def test_indefinite_from_the_task(submission):
    """returns False for the indefinite [[1, 2], [2, 1]] from the task"""
    _check(submission, [[1.0, 2.0], [2.0, 1.0]], False,
           "A has eigenvalue -1.0 (eigenvector (1, -1)), so xᵀAx = -2 < 0 at x = (1, -1)")


def test_nonsymmetric_with_positive_eigenvalues(submission):
    """returns False for the nonsymmetric [[1, 3], [0, 1]], whose eigenvalues are both 1"""
    _check(submission, [[1.0, 3.0], [0.0, 1.0]], False,
           "A is not symmetric (A[0, 1] = 3 but A[1, 0] = 0): its eigenvalues (1, 1) are positive, yet "
           "xᵀAx = -1 at x = (1, -1). Check symmetry with np.allclose(A, A.T) before looking at eigenvalues "
           "(np.linalg.eigvalsh only reads the lower triangle, so it cannot notice)")


def test_nonsymmetric_with_pd_symmetric_part(submission):
    """returns False for the nonsymmetric [[2, 1], [0, 2]] even though xᵀAx > 0 for it"""
    _check(submission, [[2.0, 1.0], [0.0, 2.0]], False,
           "positive definite, as this course and most of ML use the word, requires a symmetric matrix, "
           "and A[0, 1] = 1 differs from A[1, 0] = 0")


def test_singular_psd_exact_zero(submission):
    """returns False for the singular [[1, 0], [0, 0]] (eigenvalue exactly 0: semidefinite, not definite)"""
    _check(submission, [[1.0, 0.0], [0.0, 0.0]], False,
           "A has eigenvalue 0, so xᵀAx = 0 at x = (0, 1): that is positive SEMIdefinite; "
           "a definite matrix needs every eigenvalue > tol, not >= 0")


def test_singular_psd_rounding(submission):
    """returns False for a singular Gram matrix whose zero eigenvalue comes out of rounding as a tiny number"""
    B = np.array([[0.3, 0.8], [0.3, -1.3], [0.9, 0.4]])
    A = B @ B.T  # rank 2 in 3-D; eigvalsh gives its zero eigenvalue as about +1.6e-16
    lam = np.linalg.eigvalsh(A)
    _check(submission, A, False,
           f"A has rank 2, so one eigenvalue is 0 in exact arithmetic; rounding makes it {lam[0]:.2g}. "
           "Compare with the tolerance (eigenvalues > tol), not with 0")


def test_symmetric_up_to_rounding(submission):
    """returns True for a positive definite matrix that is symmetric only up to rounding (differs by 1e-15)"""
    A = np.array([[4.0, 1.0], [1.0 + 1e-15, 3.0]])
    _check(submission, A, True,
           "A[1, 0] and A[0, 1] differ by 1e-15, which is rounding: test symmetry with np.allclose(A, A.T), "
           "not with ==")


def test_small_positive_eigenvalue(submission):
    """returns True for diag(1, 1e-6): a small eigenvalue above tol still counts as positive"""
    _check(submission, [[1.0, 0.0], [0.0, 1e-6]], True,
           "its eigenvalues 1 and 1e-6 are both greater than tol = 1e-10; use the tol argument, not a bigger "
           "threshold of your own")


def test_uses_tol_argument(submission):
    """respects tol: diag(1, 1e-6) is not positive definite with tol=1e-3"""
    _check(submission, [[1.0, 0.0], [0.0, 1e-6]], False,
           "with tol=1e-3 the eigenvalue 1e-6 does not count as positive: compare eigenvalues with tol", tol=1e-3)


def test_negative_definite_and_zero(submission):
    """returns False for a negative definite matrix and for the zero matrix"""
    _check(submission, [[-2.0, 1.0], [1.0, -2.0]], False, "A has eigenvalues -3 and -1: it is negative definite")
    _check(submission, np.zeros((3, 3)), False, "every eigenvalue of the zero matrix is 0")


@st.composite
def symmetric_matrices(draw):
    """Q diag(λ) Qᵀ with each |λ| in [0.1, 10] and chosen signs."""
    n = draw(st.integers(1, 5))
    lam = np.array(draw(st.lists(st.floats(0.1, 10), min_size=n, max_size=n)))
    signs = np.array(draw(st.lists(st.sampled_from([-1.0, 1.0]), min_size=n, max_size=n)))
    Q, _ = np.linalg.qr(np.random.default_rng(draw(st.integers(0, 2**32 - 1))).standard_normal((n, n)))
    A = Q @ np.diag(lam * signs) @ Q.T
    return (A + A.T) / 2, lam * signs


@settings(max_examples=25, deadline=None)
@given(symmetric_matrices())
def test_property_matches_eigenvalue_signs(submission, case):
    """on random symmetric matrices up to 5 × 5, returns True exactly when every eigenvalue is positive"""
    A, lam = case
    expected = bool(np.all(lam > 0))
    _check(submission, A, expected,
           f"A is symmetric with eigenvalues {np.round(np.sort(lam), 4).tolist()} "
           + ("(all positive)" if expected else "(not all positive)"))
