"""Hidden tests of exercise 12.1 — is_positive_definite(A, rtol=None), with tolerances relative to A."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import call, expect, fail, function, last_call, show

EPS = np.finfo(float).eps
B_RANK2 = np.array([[0.3, 0.8], [0.3, -1.3], [0.9, 0.4]])  # 3 × 2: B Bᵀ is 3 × 3 of rank 2


def _check(submission, A, expected, because, **kwargs):
    f = function(submission, "is_positive_definite")
    A = np.array(A, dtype=float)
    A_before = A.copy()
    got = call(f, A, **kwargs)
    if not isinstance(got, (bool, np.bool_)):
        fail(f"Called {last_call()}; returned {show(got)}, a {type(got).__name__}; expected a single True or "
             "False. Combine the per-eigenvalue tests into one answer with bool(...).")
    if not np.array_equal(A, A_before):
        fail(f"Called {last_call()}; your function changed the matrix it was given (now {show(A)}). Work on a copy, "
             "or on new arrays such as A - A.T; never assign into A.")
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
           "xᵀAx = -1 at x = (1, -1). Check symmetry before looking at eigenvalues "
           "(np.linalg.eigvalsh only reads the lower triangle, so it cannot notice)")


def test_nonsymmetric_with_pd_symmetric_part(submission):
    """returns False for the nonsymmetric [[2, 1], [0, 2]] even though xᵀAx > 0 for it"""
    _check(submission, [[2.0, 1.0], [0.0, 2.0]], False,
           "positive definite, as this course and most of ML use the word, requires a symmetric matrix, "
           "and A[0, 1] = 1 differs from A[1, 0] = 0")


def test_tiny_nonsymmetric(submission):
    """returns False for 1e-12 · [[1, 3], [0, 1]]: tiny entries, but just as nonsymmetric"""
    _check(submission, 1e-12 * np.array([[1.0, 3.0], [0.0, 1.0]]), False,
           "A[0, 1] = 3e-12 and A[1, 0] = 0 differ by all of A[0, 1]: the matrix is as nonsymmetric as "
           "[[1, 3], [0, 1]]. np.allclose(A, A.T) has an ABSOLUTE atol=1e-8, so it calls every matrix with entries "
           "below 1e-8 symmetric; compare max|A - A.T| with n·ε·‖A‖_F, which scales with A")


def test_non_square(submission):
    """returns False for a 2 × 3 matrix (only square matrices can be positive definite)"""
    _check(submission, [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], False,
           "A has shape (2, 3): xᵀAx needs x of length 3 on the right and 2 on the left, so A has no quadratic "
           "form; check A.shape[0] == A.shape[1] first")


def test_singular_psd_exact_zero(submission):
    """returns False for the singular [[1, 0], [0, 0]] (eigenvalue exactly 0: semidefinite, not definite)"""
    _check(submission, [[1.0, 0.0], [0.0, 0.0]], False,
           "A has eigenvalue 0, so xᵀAx = 0 at x = (0, 1): that is positive SEMIdefinite; "
           "a definite matrix needs every eigenvalue > rtol·max|λ|, not >= 0")


def test_singular_psd_rounding(submission):
    """returns False for a singular Gram matrix whose zero eigenvalue comes out of rounding as a tiny number"""
    A = B_RANK2 @ B_RANK2.T  # rank 2 in 3-D; eigvalsh gives its zero eigenvalue as a tiny number
    lam = np.linalg.eigvalsh(A)
    _check(submission, A, False,
           f"A = B Bᵀ with B of shape (3, 2) has rank 2, so one eigenvalue is 0 in exact arithmetic; rounding makes it "
           f"{lam[0]:.2g}. Compare with the tolerance rtol·max|λ| (here {3 * EPS * lam[-1]:.2g}), not with 0")


def test_singular_psd_large_scale(submission):
    """returns False for 1e7 · B Bᵀ (rank 2), whose zero eigenvalue rounding turns into about 7e-10"""
    A = 1e7 * (B_RANK2 @ B_RANK2.T)
    lam = np.linalg.eigvalsh(A)
    _check(submission, A, False,
           f"A has rank 2, so its smallest eigenvalue is 0 in exact arithmetic; rounding makes it {lam[0]:.2g}, "
           f"above any small absolute threshold such as 1e-10 but only {lam[0] / lam[-1]:.1g} times the largest "
           f"eigenvalue {lam[-1]:.3g}: zero to working precision. The tolerance must be RELATIVE, rtol·max|λ| "
           f"= {3 * EPS * lam[-1]:.2g} here")


def test_tiny_scale_positive_definite(submission):
    """returns True for 1e-12 · [[2, 1], [1, 2]]: tiny eigenvalues (1e-12, 3e-12), yet clearly positive"""
    _check(submission, 1e-12 * np.array([[2.0, 1.0], [1.0, 2.0]]), True,
           "its eigenvalues 1e-12 and 3e-12 are tiny in absolute terms, but the smallest is a third of the largest: "
           "this is [[2, 1], [1, 2]] in other units, and definiteness cannot depend on the units. Compare with "
           "rtol·max|λ|, not with an absolute number such as 1e-10")


def test_ill_conditioned_but_definite(submission):
    """returns True for 1e-6 · diag(1, 1e-6): eigenvalues 1e-6 and 1e-12, far above rounding relative to each other"""
    _check(submission, 1e-6 * np.diag([1.0, 1e-6]), True,
           "its smallest eigenvalue 1e-12 is a millionth of the largest, 1e-6, far above the rounding level "
           "n·ε ≈ 4.4e-16 of it; an absolute threshold such as 1e-10 wrongly rejects it")


def test_symmetric_up_to_rounding(submission):
    """returns True for a positive definite matrix that is symmetric only up to rounding (differs by 1e-15)"""
    A = np.array([[4.0, 1.0], [1.0 + 1e-15, 3.0]])
    _check(submission, A, True,
           "A[1, 0] and A[0, 1] differ by 1.1e-15, which is rounding (below n·ε·‖A‖_F = 2.3e-15): "
           "test symmetry with a tolerance, not with ==")


def test_large_scale_rounding_asymmetry(submission):
    """returns True for 1e6 · [[4, 1], [1, 3]] whose off-diagonal entries differ by rounding (2.3e-10)"""
    A = 1e6 * np.array([[4.0, 1.0], [1.0, 3.0]])
    A[1, 0] = np.nextafter(np.nextafter(A[1, 0], np.inf), np.inf)  # 2 units in the last place: 2.3e-10
    _check(submission, A, True,
           f"A[1, 0] - A[0, 1] = {A[1, 0] - A[0, 1]:.2g} is two units in the last place of 1e6: rounding, far below "
           f"n·ε·‖A‖_F = {2 * EPS * np.linalg.norm(A):.2g}. A tolerance must grow with the size of A")


def test_asymmetry_exactly_at_tolerance(submission):
    """returns True for diag(0.6, 0.8) with A[1, 0] = 2ε·‖A‖_F: an asymmetry exactly at the tolerance is rounding"""
    A = np.diag([0.6, 0.8])
    A[1, 0] = 2 * EPS * np.linalg.norm(A)  # ‖A‖_F = 1 exactly, so max|A - Aᵀ| = n·ε·‖A‖_F exactly
    assert np.abs(A - A.T).max() == 2 * EPS * np.linalg.norm(A)
    _check(submission, A, True,
           f"max|A - Aᵀ| = {A[1, 0]:.3g} equals n·ε·‖A‖_F exactly, and the task counts A as symmetric when "
           "max|A - Aᵀ| <= n·ε·‖A‖_F (<=, not <); its eigenvalues are about 0.6 and 0.8")


def test_small_positive_eigenvalue(submission):
    """returns True for diag(1, 1e-6): a small eigenvalue above rtol·max|λ| still counts as positive"""
    _check(submission, [[1.0, 0.0], [0.0, 1e-6]], True,
           "its eigenvalues 1 and 1e-6 are both greater than rtol·max|λ| = 2ε·1 ≈ 4.4e-16; use the rtol argument, "
           "not a bigger threshold of your own")


def test_uses_rtol_argument(submission):
    """respects rtol: diag(1, 1e-6) is not positive definite with rtol=1e-3"""
    _check(submission, [[1.0, 0.0], [0.0, 1e-6]], False,
           "with rtol=1e-3 an eigenvalue must exceed 1e-3·max|λ| = 1e-3; 1e-6 does not", rtol=1e-3)


def test_rtol_is_relative_to_largest_eigenvalue(submission):
    """with rtol=5e-4, diag(2, 1e-3) is exactly at the tolerance (not definite) and diag(2, 1.1e-3) is above it"""
    _check(submission, np.diag([2.0, 1e-3]), False,
           "rtol·max|λ| = 5e-4 · 2 = 1e-3 exactly, and the eigenvalue 1e-3 must be GREATER than it (> , not >=); "
           "the tolerance multiplies the LARGEST eigenvalue in size, 2, not 1 or the smallest", rtol=5e-4)
    _check(submission, np.diag([2.0, 1.1e-3]), True,
           "1.1e-3 > rtol·max|λ| = 5e-4 · 2 = 1e-3: the tolerance is rtol times the largest eigenvalue, not rtol "
           "itself times something larger", rtol=5e-4)


def test_tolerance_scales_with_largest_eigenvalue(submission):
    """with rtol=0.1 the tolerance is 0.1·max|λ|: diag(0.5, 3) is positive definite, diag(0.5, 6) is not"""
    _check(submission, np.diag([0.5, 3.0]), True, "0.5 > 0.1 · 3 = 0.3", rtol=0.1)
    _check(submission, np.diag([0.5, 6.0]), False, "0.5 is not > 0.1 · 6 = 0.6: compare with rtol times the largest "
           "eigenvalue, not the smallest", rtol=0.1)
    _check(submission, np.diag([1.0, 1.0, 1.0, 0.15]), True,
           "0.15 > 0.1 · max|λ| = 0.1: the scale is the largest eigenvalue (here 1), not a norm of the whole matrix "
           "such as ‖A‖_F ≈ 1.74", rtol=0.1)


def test_default_rtol_is_n_eps(submission):
    """the default rtol is n·ε: for n = 10 an eigenvalue of 5ε next to 1 is zero, one of 20ε is positive"""
    n = 10
    _check(submission, np.diag([1.0] * (n - 1) + [5 * EPS]), False,
           f"the default rtol is n·ε = 10ε, and 5ε ≤ 10ε·max|λ|: zero to working precision for a 10 × 10 matrix. "
           "Use rtol = A.shape[0] * np.finfo(float).eps when rtol is None")
    _check(submission, np.diag([1.0] * (n - 1) + [20 * EPS]), True,
           "20ε > n·ε·max|λ| = 10ε: positive. The default tolerance is n·ε, not larger")


def test_negative_definite_and_zero(submission):
    """returns False for a negative definite matrix and for the zero matrix"""
    _check(submission, [[-2.0, 1.0], [1.0, -2.0]], False, "A has eigenvalues -3 and -1: it is negative definite")
    _check(submission, np.zeros((3, 3)), False, "every eigenvalue of the zero matrix is 0")


@st.composite
def symmetric_matrices(draw):
    """c · Q diag(λ) Qᵀ with each |λ| in [0.1, 10], chosen signs, and a scale c from 1e-9 to 1e9."""
    n = draw(st.integers(1, 5))
    lam = np.array(draw(st.lists(st.floats(0.1, 10), min_size=n, max_size=n)))
    signs = np.array(draw(st.lists(st.sampled_from([-1.0, 1.0]), min_size=n, max_size=n)))
    scale = 10.0 ** draw(st.integers(-9, 9))
    Q, _ = np.linalg.qr(np.random.default_rng(draw(st.integers(0, 2**32 - 1))).standard_normal((n, n)))
    A = Q @ np.diag(lam * signs) @ Q.T
    return scale * (A + A.T) / 2, scale * lam * signs


@settings(max_examples=30, deadline=None)
@given(symmetric_matrices())
def test_property_matches_eigenvalue_signs(submission, case):
    """on random symmetric matrices up to 5 × 5 at scales 1e-9 to 1e9, returns True exactly when every eigenvalue is positive"""
    A, lam = case
    expected = bool(np.all(lam > 0))
    _check(submission, A, expected,
           f"A is symmetric with eigenvalues {np.sort(lam).tolist()} "
           + ("(all positive: the scale of A must not matter)" if expected else "(not all positive)"))
