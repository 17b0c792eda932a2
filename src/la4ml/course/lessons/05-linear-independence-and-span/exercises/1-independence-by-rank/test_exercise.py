"""Hidden tests of exercise 5.1 — is_linearly_independent(V, tol=1e-10)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from la4ml.course.grading import call, expect, fail, function, last_call, show


def _run(submission, V, **kwargs):
    f = function(submission, "is_linearly_independent")
    got = call(f, np.array(V, dtype=float), **kwargs)
    if not isinstance(got, (bool, np.bool_)):
        fail(f"Called {last_call()}; returned {show(got)}, a {type(got).__name__}; expected a single True or False "
             "(compare the rank with the number of columns: rank == V.shape[1]).")
    return bool(got)


def _exact_zero_answer(V):
    s = np.linalg.svd(np.asarray(V, dtype=float), compute_uv=False)
    return int(np.count_nonzero(s > 0)) == np.shape(V)[1]


def test_two_vectors_in_3d(submission):
    """returns True for the two independent columns (1, 0, 1) and (0, 1, 1) of a 3 × 2 matrix"""
    V = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    got = _run(submission, V)
    expect(got is True, got=got, expected=True,
           because="V holds 2 vectors (its columns) and has rank 2; compare the rank with the number of columns "
                   "V.shape[1] = 2, not with the number of rows V.shape[0] = 3")


def test_dependent_one_to_nine(submission):
    """returns False for the columns (1, 2, 3), (4, 5, 6), (7, 8, 9), whose third singular value is rounding noise"""
    V = np.array([[1.0, 4.0, 7.0], [2.0, 5.0, 8.0], [3.0, 6.0, 9.0]])
    s = np.linalg.svd(V, compute_uv=False)
    got = _run(submission, V)
    if got:
        fail(f"Called {last_call()}; returned True; expected False, because column 3 = 2·column 2 − column 1. Its "
             f"smallest singular value is {s[2]:.2g}: not exactly 0 because of rounding, but far below "
             f"tol·σ_max = {1e-10 * s[0]:.2g}. A test with an exact-zero tolerance (s > 0, or det != 0) is fooled; "
             "count only the singular values greater than tol * s.max().")


def test_nearly_dependent_float_combination(submission):
    """returns False when one column is the sum of two others computed in floating point (0.1 + 0.2 style)"""
    a = np.array([0.1, 0.2, 0.3, 0.7])
    b = np.array([0.7, 0.3, 0.9, 0.1])
    V = np.column_stack([a, b, a + b, 3 * a - 0.7 * b])
    got = _run(submission, V)
    if got:
        exact = " (exactly the answer of a test with an exact-zero tolerance)" if _exact_zero_answer(V) else ""
        fail(f"Called {last_call()}; returned True{exact}; expected False, because column 2 = column 0 + column 1 "
             "and column 3 = 3·column 0 − 0.7·column 1; rounding leaves tiny singular values instead of zeros, "
             "so compare with tol * s.max(), not with 0.")


def test_scale_invariance(submission):
    """returns True for independent vectors of length about 1e-12 (the tolerance is relative to σ_max)"""
    V = 1e-12 * np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    got = _run(submission, V)
    expect(got is True, got=got, expected=True,
           because="these are the independent (1, 0, 1) and (0, 1, 1), both scaled by 1e-12: every singular value is "
                   "tiny, but so is σ_max. Rescaling all the vectors together does not change independence: compare "
                   "with tol * s.max(), not with the absolute number tol")


def test_large_scale_dependent(submission):
    """returns False for dependent columns with entries around 1e8 (rounding noise is large in absolute terms)"""
    rng = np.random.default_rng(7)
    P = 1e8 * rng.standard_normal((5, 2))
    V = np.column_stack([P, P @ np.array([np.pi, -np.e])])
    s = np.linalg.svd(V, compute_uv=False)
    got = _run(submission, V)
    expect(got is False, got=got, expected=False,
           because=f"column 2 = π·column 0 − e·column 1; its smallest singular value {s[-1]:.2g} looks big in absolute "
                   f"terms but is {s[-1] / s[0]:.1g} of σ_max: measure it relative to s.max()")


def test_default_tol(submission):
    """the default tol is 1e-10: diag(1, 5e-10) is independent, diag(1, 5e-11) is not"""
    got = _run(submission, np.diag([1.0, 5e-10]))
    expect(got is True, got=got, expected=True,
           because="σ₂ / σ_max = 5e-10 is above the default tol = 1e-10 (is your default tol larger than 1e-10?)")
    got = _run(submission, np.diag([1.0, 5e-11]))
    expect(got is False, got=got, expected=False,
           because="σ₂ / σ_max = 5e-11 is below the default tol = 1e-10 (is your default tol smaller than 1e-10?)")


def test_singular_value_at_the_tolerance(submission):
    """a singular value exactly equal to tol·σ_max does not count: diag(1, 0.5) with tol=0.5 is dependent"""
    got = _run(submission, np.diag([1.0, 0.5]), tol=0.5)
    expect(got is False, got=got, expected=False,
           because="σ₂ = 0.5 equals tol·σ_max = 0.5·1 exactly, and only singular values GREATER than tol·σ_max "
                   "count: use s > tol * s[0], not >=")


def test_uses_tol_argument(submission):
    """respects tol: diag(1, 1e-6) is independent with tol=1e-10 but not with tol=1e-3"""
    V = np.diag([1.0, 1e-6])
    got = _run(submission, V)
    expect(got is True, got=got, expected=True, because="1e-6 > 1e-10 · σ_max = 1e-10")
    got = _run(submission, V, tol=1e-3)
    expect(got is False, got=got, expected=False,
           because="with tol=1e-3 the singular value 1e-6 is below tol · σ_max = 1e-3: use the tol argument")
    got = _run(submission, 1e6 * V, tol=1e-3)
    expect(got is False, got=got, expected=False,
           because="1e6·diag(1, 1e-6) has σ₂ / σ_max = 1e-6, below tol = 1e-3: compare s with tol * s[0], relative to "
                   "the largest singular value, not with tol itself")


def test_zero_vector(submission):
    """returns False when one of the vectors is zero, and for an all-zero matrix"""
    got = _run(submission, np.array([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]]))
    expect(got is False, got=got, expected=False, because="a set containing the zero vector is dependent (1·0 = 0)")
    got = _run(submission, np.zeros((3, 2)))
    expect(got is False, got=got, expected=False, because="zero vectors are never independent (σ_max = 0)")


def test_more_vectors_than_entries(submission):
    """returns False for 3 vectors in ℝ² (a 2 × 3 matrix): more than n vectors in ℝⁿ are always dependent"""
    V = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]])
    got = _run(submission, V)
    expect(got is False, got=got, expected=False,
           because="V has 3 columns but only 2 singular values, so its rank is at most 2 < 3 vectors")


@st.composite
def cases(draw):
    """A matrix with prescribed singular values: well separated from 0, or with exact zeros (then dependent)."""
    n = draw(st.integers(1, 6))
    k = draw(st.integers(1, n))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    scale = 10.0 ** draw(st.integers(-8, 8))
    s = scale * rng.uniform(0.1, 10.0, k)
    n_zero = draw(st.integers(0, k - 1)) if k > 1 else 0
    s[:n_zero] = 0.0
    U, _ = np.linalg.qr(rng.standard_normal((n, k)))
    Q, _ = np.linalg.qr(rng.standard_normal((k, k)))
    return U @ np.diag(s) @ Q.T, n_zero == 0


@settings(max_examples=25, deadline=None)
@given(case=cases())
def test_property_known_rank(submission, case):
    """on random matrices built with chosen singular values (some exactly zero), answers by the rank"""
    V, expected = case
    got = _run(submission, V)
    s = np.linalg.svd(V, compute_uv=False)
    expect(got == expected, got=got, expected=expected,
           because=f"V (shape {V.shape}) has singular values {show(s)}; " +
                   ("all are far above tol·σ_max" if expected else
                    "the tiny ones are zeros blurred by rounding, below tol·σ_max"))
