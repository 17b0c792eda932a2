"""Tests of la4ml.spaces._rank: singular_values and numerical_rank."""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

import zoo
from la4ml.errors import DTypeError
from la4ml.spaces import numerical_rank, singular_values

SETTINGS = settings(max_examples=40, deadline=None)
NONEMPTY = [z for z in zoo.ZOO if z.A.size]


def with_rank(m, n, r, seed, smallest=1e-3):
    """An m x n matrix of rank exactly r with singular values between 1 and `smallest`."""
    rng = np.random.default_rng(seed)
    U, _ = np.linalg.qr(rng.standard_normal((m, m)))
    V, _ = np.linalg.qr(rng.standard_normal((n, n)))
    return (U[:, :r] * np.geomspace(1, smallest, r)) @ V[:, :r].T if r else np.zeros((m, n))


@st.composite
def rank_r_matrices(draw):
    m, n = draw(st.integers(1, 8)), draw(st.integers(1, 8))
    r = draw(st.integers(0, min(m, n)))
    return with_rank(m, n, r, draw(st.integers(0, 2**31))), r


@pytest.mark.parametrize("case", NONEMPTY, ids=zoo.ids)
def test_matches_numpy_matrix_rank_on_zoo(case):
    """numerical_rank(A) == np.linalg.matrix_rank(A), float32 included (its own eps)."""
    assert numerical_rank(case.A) == np.linalg.matrix_rank(case.A)


@pytest.mark.parametrize("case", NONEMPTY, ids=zoo.ids)
def test_singular_values_match_scipy(case):
    """singular_values(A) == scipy.linalg.svdvals(A), largest first."""
    s = singular_values(case.A)
    assert np.allclose(s, scipy.linalg.svdvals(case.A), rtol=1e-5, atol=1e-6 * s[0] if s[0] else 0)
    assert np.all(np.diff(s) <= 0)


@SETTINGS
@given(rank_r_matrices())
def test_recovers_constructed_rank(Ar):
    """A matrix built with r singular values in [1e-3, 1] and the rest 0 has numerical rank r, as matrix_rank says."""
    A, r = Ar
    assert numerical_rank(A) == r == np.linalg.matrix_rank(A)


@SETTINGS
@given(rank_r_matrices(), st.integers(0, 2**31))
def test_rank_inequalities(Ar, seed):
    """rank A <= min(m, n); rank A = rank A^T = rank A^T A; rank AB <= min(rank A, rank B)."""
    A, r = Ar
    m, n = A.shape
    assert numerical_rank(A) <= min(m, n)
    assert numerical_rank(A) == numerical_rank(A.T) == numerical_rank(A.T @ A)
    B = np.random.default_rng(seed).standard_normal((n, 3))
    assert numerical_rank(A @ B) <= min(numerical_rank(A), numerical_rank(B))


def test_default_tolerance_is_numpys():
    """The threshold is S.max() * max(m, n) * eps: a singular value just above it counts, just below does not."""
    m, n = 6, 3
    eps = np.finfo(np.float64).eps
    tol = 1.0 * max(m, n) * eps
    for sigma, expected in [(2 * tol, 3), (tol / 2, 2)]:
        A = with_rank(m, n, 3, 0)
        U, _, Vt = np.linalg.svd(A, full_matrices=False)
        A = U @ np.diag([1.0, 0.5, sigma]) @ Vt
        assert numerical_rank(A) == expected == np.linalg.matrix_rank(A)
        assert numerical_rank(A, tol=tol) == expected


def test_exact_zero_tolerance_overcounts():
    """[[1,2,3],[4,5,6],[7,8,9]] has rank 2, but its third computed singular value is ~1e-16, not 0: tol=0 says 3."""
    A = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])
    assert 0 < singular_values(A)[-1] < 1e-14
    assert numerical_rank(A) == 2
    assert numerical_rank(A, tol=0) == 3


def test_user_tolerance_for_noisy_data():
    """A tolerance at the noise level gives the rank the data 'really' have (near-dependent zoo matrix: 4 vs 2)."""
    (case,) = [z for z in zoo.ZOO if z.name == "near-dependent-10x4"]
    assert numerical_rank(case.A) == 4  # singular values 1, 1e-2, 1e-5, 1e-9 are all above rounding
    assert numerical_rank(case.A, tol=1e-4) == 2


def test_zero_matrix_has_rank_zero():
    """The zero matrix has rank 0 (its largest singular value is 0, so the default tolerance is 0)."""
    assert numerical_rank(np.zeros((3, 4))) == 0


@pytest.mark.parametrize("tol", [-1.0, "small", np.nan, True])
def test_rejects_bad_tol(tol):
    """tol must be a finite real >= 0; the message names tol."""
    with pytest.raises((ValueError, DTypeError), match=r"^tol must be"):
        numerical_rank(np.eye(2), tol=tol)


@pytest.mark.parametrize("case", zoo.BAD_INPUTS, ids=zoo.ids)
@pytest.mark.parametrize("f", [numerical_rank, singular_values], ids=lambda f: f.__name__)
def test_rejects_bad_inputs(case, f):
    """Every zoo bad input raises its expected type naming A."""
    _, bad, exc = case
    with pytest.raises(exc, match=r"\bA\b"):
        f(bad)
