"""Tests of la4ml.definite: quadratic_form, definiteness, is_positive_definite, leading_principal_minors."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import zoo
from la4ml.definite import (
    DEFINITENESS_CLASSES,
    definiteness,
    is_positive_definite,
    leading_principal_minors,
    quadratic_form,
)
from la4ml.errors import La4mlError, NotSymmetricError, ShapeError

EXPECTED = {"spd": "positive definite", "indefinite": "indefinite", "nd": "negative definite"}
SYMMETRIC = zoo.select("square", "symmetric")
METHODS = ["eigen", "cholesky", "minors"]


def _expected_class(case):
    for tag, cls in EXPECTED.items():
        if tag in case.tags:
            return cls
    return "positive semidefinite"  # psd-rank2-4 and zeros-3 (the zero matrix is reported as PSD)


@pytest.mark.parametrize("case", SYMMETRIC, ids=zoo.ids)
def test_definiteness_on_zoo(case):
    """definiteness() returns the class each symmetric zoo matrix was built with."""
    assert definiteness(case.A) == _expected_class(case)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("case", SYMMETRIC, ids=zoo.ids)
def test_three_tests_agree_on_zoo(case, method):
    """Eigenvalues, Cholesky and leading minors all say PD exactly for the zoo's SPD matrices."""
    assert is_positive_definite(case.A, method=method) == ("spd" in case.tags)


@pytest.mark.parametrize("method", METHODS)
def test_nonsymmetric_is_not_pd(method):
    """[[1, 3], [0, 1]] has eigenvalues 1, 1 but xᵀAx < 0 at x = (1, -1): not PD, by every method."""
    A = np.array([[1.0, 3.0], [0.0, 1.0]])
    assert quadratic_form(A, [1.0, -1.0]) == -1.0
    assert is_positive_definite(A, method=method) is False


def test_definiteness_rejects_nonsymmetric():
    """definiteness() of a nonsymmetric matrix raises and suggests the symmetric part."""
    with pytest.raises(NotSymmetricError, match=r"\(A \+ A.T\) / 2"):
        definiteness([[1.0, 3.0], [0.0, 1.0]])


def test_hand_examples():
    """The lesson's 2×2 examples: [[2,1],[1,2]] PD (minors 2, 3), [[1,2],[2,1]] indefinite (minors 1, -3), [[1,1],[1,1]] PSD."""
    np.testing.assert_allclose(leading_principal_minors([[2.0, 1.0], [1.0, 2.0]]), [2.0, 3.0])
    np.testing.assert_allclose(leading_principal_minors([[1.0, 2.0], [2.0, 1.0]]), [1.0, -3.0])
    assert definiteness([[1.0, 1.0], [1.0, 1.0]]) == "positive semidefinite"
    assert definiteness([[-1.0, 0.0], [0.0, 0.0]]) == "negative semidefinite"
    assert definiteness([[-2.0, 1.0], [1.0, -2.0]]) == "negative definite"
    assert is_positive_definite([[1.0, 1.0], [1.0, 1.0]], method="minors") is False


def test_minors_of_large_matrix_do_not_overflow():
    """The minors test works on 200 × 200 matrices whose determinants overflow float64 (10 I) or underflow (0.01 I)."""
    for c in (10.0, 0.01):
        assert is_positive_definite(c * np.eye(200), method="minors") is True
    assert is_positive_definite(np.diag([1.0] * 199 + [-1.0]) * 10, method="minors") is False


def test_tol_is_respected():
    """An explicit tol moves the PD/PSD boundary: λ = 1e-6 counts as zero with tol=1e-5."""
    A = np.diag([1.0, 1e-6])
    assert definiteness(A) == "positive definite"
    assert definiteness(A, tol=1e-5) == "positive semidefinite"
    assert is_positive_definite(A, tol=1e-5) is False


def test_bad_method_and_tol():
    """An unknown method or a negative tol raises ValueError naming the choices."""
    with pytest.raises(ValueError, match="'eigen', 'cholesky', 'minors'"):
        is_positive_definite(np.eye(2), method="sylvester")
    with pytest.raises(ValueError):
        definiteness(np.eye(2), tol=-1.0)


@pytest.mark.parametrize("func", [definiteness, is_positive_definite, leading_principal_minors,
                                  lambda A: quadratic_form(A, np.ones(2))], ids=["definiteness", "is_pd", "minors", "qform"])
@pytest.mark.parametrize("case", zoo.BAD_INPUTS, ids=zoo.ids)
def test_bad_inputs(case, func):
    """Every function rejects empty, NaN, inf, 1-D, 3-D, string, complex and ragged input with a la4ml error."""
    _, bad, exc = case
    with pytest.raises(exc) as info:
        func(bad)
    assert isinstance(info.value, La4mlError)


def test_quadratic_form_shapes_and_errors():
    """One vector gives a float, a batch of m rows gives shape (m,); a wrong length is named."""
    A = np.array([[4.0, 1.0], [1.0, 3.0]])
    assert quadratic_form(A, [1.0, 2.0]) == 4 + 2 * 2 + 3 * 4
    assert quadratic_form(A, np.ones((5, 2))).shape == (5,)
    with pytest.raises(ShapeError, match=r"x must have shape \(2,\) or \(m, 2\)"):
        quadratic_form(A, np.ones(3))


def test_inputs_not_modified():
    """No function modifies its input."""
    A = zoo.select("spd")[1].A.copy()
    X = np.random.default_rng(0).standard_normal((10, A.shape[0]))
    A0, X0 = A.copy(), X.copy()
    quadratic_form(A, X)
    definiteness(A)
    for m in METHODS:
        is_positive_definite(A, method=m)
    leading_principal_minors(A)
    assert np.array_equal(A, A0) and np.array_equal(X, X0)


@st.composite
def symmetric_with_spectrum(draw):
    """Q diag(λ) Qᵀ with chosen eigenvalue signs (each |λ| in [0.1, 10], or exactly 0)."""
    n = draw(st.integers(1, 6))
    signs = draw(st.lists(st.sampled_from([-1, 0, 1]), min_size=n, max_size=n))
    mags = draw(st.lists(st.floats(0.1, 10), min_size=n, max_size=n))
    seed = draw(st.integers(0, 2**32 - 1))
    lam = np.array(signs) * np.array(mags)
    Q, _ = np.linalg.qr(np.random.default_rng(seed).standard_normal((n, n)))
    A = Q @ np.diag(lam) @ Q.T
    return (A + A.T) / 2, lam


def _class_from_signs(lam):
    pos, neg, zero = (lam > 0).any(), (lam < 0).any(), (lam == 0).any()
    if pos and neg:
        return "indefinite"
    if neg:
        return "negative semidefinite" if zero else "negative definite"
    return "positive semidefinite" if zero or not pos else "positive definite"


@settings(max_examples=50, deadline=None)
@given(symmetric_with_spectrum())
def test_property_definiteness_matches_eigenvalue_signs(case):
    """For Q diag(λ) Qᵀ, definiteness() is decided by the signs of λ; without zero eigenvalues the three PD tests agree.

    A zero eigenvalue comes out of rounding as ±1e-17 or so; the eigenvalue test (relative to max|λ|) and
    the Cholesky and minors tests (relative to each diagonal entry) may then legitimately disagree.
    """
    A, lam = case
    cls = definiteness(A)
    assert cls in DEFINITENESS_CLASSES
    assert cls == _class_from_signs(lam)
    if np.all(lam != 0):
        for m in METHODS:
            assert is_positive_definite(A, method=m) == (cls == "positive definite")
    elif cls != "positive definite":
        assert is_positive_definite(A, method="eigen") is False


@settings(max_examples=50, deadline=None)
@given(symmetric_with_spectrum(), st.integers(0, 2**32 - 1))
def test_property_quadratic_form_sign(case, seed):
    """xᵀAx ≥ 0 for every x when A is PSD, and the batch result equals the loop over single vectors."""
    A, lam = case
    X = np.random.default_rng(seed).standard_normal((20, A.shape[0]))
    q = quadratic_form(A, X)
    np.testing.assert_allclose(q, [quadratic_form(A, x) for x in X], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(q, np.einsum("ij,jk,ik->i", X, A, X), rtol=1e-10, atol=1e-10)
    if (lam >= 0).all():
        assert np.all(q >= -1e-10 * np.abs(lam).max() * (X**2).sum(1))


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 6).flatmap(lambda n: arrays(np.float64, (n, n), elements=st.floats(-5, 5))))
def test_property_minors_equal_determinants(A):
    """leading_principal_minors(A)[k-1] equals np.linalg.det(A[:k, :k]) for every k."""
    m = leading_principal_minors(A)
    assert m.shape == (A.shape[0],)
    for k in range(1, A.shape[0] + 1):
        assert np.isclose(m[k - 1], np.linalg.det(A[:k, :k]))


# near the largest float (issue #9) ------------------------------------------------------------------


def test_leading_minors_near_overflow():
    """det of blocks near 1e154: exact (det(A / s) s**k with s a power of two); beyond 1.8e308, a clear error."""
    from la4ml.errors import NumericOverflowError

    A = np.array([[2.0, 1.0], [1.0, 2.0]])
    assert leading_principal_minors(A).tolist() == [2.0, 3.0]
    assert np.allclose(leading_principal_minors(A * 1e150), [2e150, 3e300], rtol=1e-14)
    assert np.allclose(leading_principal_minors(A * 1e-150), [2e-150, 3e-300], rtol=1e-14)
    with pytest.raises(NumericOverflowError, match=r"leading minor 2 of A is about 2\*\*\d+ .*slogdet"):
        leading_principal_minors(A * 1e200)


def test_quadratic_form_near_overflow():
    """x^T A x with A and x near the float limits: exact where representable, NumericOverflowError beyond."""
    from la4ml.errors import NumericOverflowError

    A = np.diag([1e300, 2e300])
    assert np.isclose(quadratic_form(A, [1e-150, 1e-150]), 3.0)
    assert np.allclose(quadratic_form(A, np.array([[1e-150, 0.0], [0.0, 1e-150]])), [1.0, 2.0])
    with pytest.raises(NumericOverflowError, match="the quadratic form x\\^T A x is too large"):
        quadratic_form(A, [1e5, 1e5])  # 3e310
