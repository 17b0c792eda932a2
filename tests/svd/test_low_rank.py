"""Tests of la4ml.svd.low_rank_approximation (Eckart–Young) and la4ml.svd.energy."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import zoo
from la4ml.errors import InvalidParameterError, La4mlError, OutOfRangeError, ZeroVectorError
from la4ml.svd import EckartYoungError, energy, low_rank_approximation

EPS = np.finfo(float).eps
CASES = [z for z in zoo.ZOO if z.A.size]


@pytest.mark.parametrize("case", CASES, ids=zoo.ids)
def test_zoo_every_k_error_formula_matches_measured(case):
    """For every k: ‖A − A_k‖₂ = σ_{k+1} and ‖A − A_k‖_F = sqrt(Σ_{i>k} σᵢ²), measured, to N·eps·σ₁."""
    A = case.A
    m, n = A.shape
    eps = float(np.finfo(A.dtype).eps)
    s = np.linalg.svd(A.astype(np.float64), compute_uv=False)
    tol = 10 * max(m, n) * eps * max(float(s[0]), np.finfo(float).tiny)
    for k in range(min(m, n) + 1):
        A_k, error = low_rank_approximation(A, k)
        assert A_k.shape == A.shape and A_k.dtype == A.dtype
        assert isinstance(error, EckartYoungError)
        assert type(error.spectral) is float and type(error.frobenius) is float
        assert error.spectral == pytest.approx(s[k] if k < len(s) else 0.0, rel=10 * eps, abs=tol)
        assert error.frobenius == pytest.approx(np.sqrt(np.sum(s[k:] ** 2)), rel=10 * eps, abs=tol)
        D = (A - A_k).astype(np.float64)
        assert abs(np.linalg.norm(D, 2) - error.spectral) <= tol
        assert abs(np.linalg.norm(D, "fro") - error.frobenius) <= tol
        # A_k has rank at most k: its (k+1)-th singular value is rounding
        if k < min(m, n):
            assert np.linalg.svd(A_k.astype(np.float64), compute_uv=False)[k] <= tol


def test_worked_example():
    """diag(3, 2, 1), k = 1: A_1 = diag(3, 0, 0), spectral error σ₂ = 2, Frobenius error √5."""
    A_1, error = low_rank_approximation(np.diag([3.0, 2.0, 1.0]), 1)
    assert np.array_equal(A_1, np.diag([3.0, 0.0, 0.0]))
    assert error == (2.0, pytest.approx(np.sqrt(5.0), rel=2 * EPS))
    assert error.spectral == 2.0 and error.frobenius == pytest.approx(np.sqrt(5), rel=2 * EPS)


def test_endpoints():
    """k = 0 gives zeros with errors (σ₁, ‖A‖_F); k = min(m, n) gives A back with errors exactly (0, 0)."""
    A = np.random.default_rng(0).standard_normal((7, 4))
    A_0, e0 = low_rank_approximation(A, 0)
    assert np.array_equal(A_0, np.zeros_like(A))
    assert e0.spectral == pytest.approx(np.linalg.norm(A, 2), rel=1e-14)
    assert e0.frobenius == pytest.approx(np.linalg.norm(A, "fro"), rel=1e-14)
    A_4, e4 = low_rank_approximation(A, 4)
    assert np.allclose(A_4, A, atol=10 * 7 * EPS * np.linalg.norm(A, 2), rtol=0)
    assert e4 == (0.0, 0.0)


def test_wide_and_tall_agree_by_transposition():
    """low_rank_approximation(Aᵀ, k) is low_rank_approximation(A, k) transposed, with the same errors."""
    A = np.random.default_rng(1).standard_normal((3, 9))
    for k in range(4):
        A_k, e = low_rank_approximation(A, k)
        B_k, f = low_rank_approximation(A.T, k)
        assert A_k.shape == (3, 9) and B_k.shape == (9, 3)
        assert np.allclose(A_k, B_k.T, atol=100 * EPS * np.linalg.norm(A, 2))
        assert np.allclose(e, f, rtol=1e-13)


def test_tie_errors_are_unique():
    """σ₁ = σ₂ = 3 (tall-svd-tie-9x4): the rank-1 approximation is not unique, its errors are: 3 and sqrt(9 + 1 + 1e-6)."""
    (case,) = [z for z in zoo.ZOO if z.name == "tall-svd-tie-9x4"]
    A_1, e = low_rank_approximation(case.A, 1)
    assert e.spectral == pytest.approx(3.0, rel=1e-14)
    assert e.frobenius == pytest.approx(np.sqrt(9.0 + 1.0 + 1e-6), rel=1e-14)
    assert np.linalg.norm(case.A - A_1, 2) == pytest.approx(3.0, rel=1e-13)


@pytest.mark.parametrize("scale", [1e-300, 1e-6, 1e6, 1e300])
def test_scale(scale):
    """A times 1e±6 or 1e±300: A_k and both errors scale with A (the Frobenius tail neither overflows nor underflows)."""
    A = np.array([[3.0, 0.0], [4.0, 5.0], [0.0, 1.0]])
    A_k, e = low_rank_approximation(A, 1)
    B_k, f = low_rank_approximation(A * scale, 1)
    assert np.allclose(B_k, A_k * scale, rtol=1e-13, atol=0)
    assert f.spectral == pytest.approx(e.spectral * scale, rel=1e-13)
    assert f.frobenius == pytest.approx(e.frobenius * scale, rel=1e-13)


def test_float32_kept_and_input_untouched():
    """float32 stays float32; the caller's array is not modified."""
    A = zoo.select("float32")[0].A
    before = A.copy()
    A_k, e = low_rank_approximation(A, 2)
    assert A_k.dtype == np.float32 and np.array_equal(A, before)


@pytest.mark.parametrize("k, exc", [(-1, OutOfRangeError), (4, OutOfRangeError), (1.0, InvalidParameterError),
                                    (True, InvalidParameterError), ("2", InvalidParameterError),
                                    (None, InvalidParameterError)])
def test_bad_k(k, exc):
    """k outside 0..min(m, n), a float, a bool, a str or None: a clear error naming k and the allowed range."""
    with pytest.raises(exc, match="k must"):
        low_rank_approximation(np.ones((5, 3)), k)


def test_numpy_integer_k():
    """A NumPy integer k is an int."""
    A_k, e = low_rank_approximation(np.eye(3), np.int64(2))
    assert e == (1.0, 1.0)


@pytest.mark.parametrize("case", zoo.BAD_INPUTS, ids=zoo.ids)
def test_bad_input(case):
    """Bad matrices raise a la4ml error naming A."""
    _, A, exc = case
    with pytest.raises(exc) as info:
        low_rank_approximation(A, 0)
    assert isinstance(info.value, La4mlError) and "A" in str(info.value)


@st.composite
def matrix_and_rank(draw):
    m, n = draw(st.integers(1, 9)), draw(st.integers(1, 9))
    A = np.random.default_rng(draw(st.integers(0, 2**32 - 1))).standard_normal((m, n))
    return A, draw(st.integers(0, min(m, n))), draw(st.integers(0, 2**32 - 1))


@settings(max_examples=50, deadline=None, derandomize=True)
@given(case=matrix_and_rank())
@example(case=(np.array([[1.0, 0.0], [0.0, 1.0]]), 1, 0))
def test_property_eckart_young_optimal(case):
    """No other rank-k matrix (random ones, and projections of A on random k-dim subspaces) is closer in 2- or F-norm."""
    A, k, seed = case
    m, n = A.shape
    A_k, e = low_rank_approximation(A, k)
    rng = np.random.default_rng(seed)
    slack = 10 * max(m, n) * EPS * np.linalg.norm(A, 2)
    for _ in range(5):
        Q, _ = np.linalg.qr(rng.standard_normal((m, k)))
        for B in (Q @ (Q.T @ A), rng.standard_normal((m, k)) @ rng.standard_normal((k, n))):
            assert np.linalg.norm(A - B, 2) >= e.spectral - slack
            assert np.linalg.norm(A - B, "fro") >= e.frobenius - slack


# ---------------------------------------------------------------------------------------------------- energy

def test_energy_exact_example():
    """s = (2, 1, 1, 1, 1): squares 4, 1, 1, 1, 1 of 8 → (0.5, 0.625, 0.75, 0.875, 1) exactly (σ would give 2/6 first)."""
    e = energy([2.0, 1.0, 1.0, 1.0, 1.0])
    assert e.dtype == np.float64 and e.shape == (5,)
    assert np.array_equal(e, [0.5, 0.625, 0.75, 0.875, 1.0])


@pytest.mark.parametrize("case", [z for z in CASES if np.any(z.A != 0)], ids=zoo.ids)
def test_energy_is_one_minus_relative_frobenius_error_squared(case):
    """energy(s)[k-1] = 1 − ‖A − A_k‖_F² / ‖A‖_F² for every k, on every nonzero zoo matrix; last entry exactly 1."""
    A = case.A.astype(np.float64)
    s = np.linalg.svd(A, compute_uv=False)
    e = energy(s)
    assert e[-1] == 1.0 and np.all(np.diff(e) >= 0) and np.all((e > 0) & (e <= 1))
    for k in range(1, len(s) + 1):
        A_k, _ = low_rank_approximation(A, k)
        rel = np.linalg.norm(A - A_k) ** 2 / np.linalg.norm(A) ** 2
        assert abs(e[k - 1] - (1 - rel)) <= 100 * max(A.shape) * EPS


@pytest.mark.parametrize("scale", [1e-200, 1e-6, 1e6, 1e200])
def test_energy_scale_free(scale):
    """Singular values times 1e±200 (squares would overflow or underflow) or 1e±6 give the same fractions."""
    s = np.array([2.0, 1.0, 1.0, 1.0, 1.0])
    assert np.allclose(energy(s * scale), energy(s), rtol=4 * EPS, atol=0)


def test_energy_single_and_repeated():
    """One singular value → [1.0]; a rank-1 spectrum (σ, 0, 0) → [1, 1, 1]; trailing zeros keep the curve flat."""
    assert np.array_equal(energy([5.0]), [1.0])
    assert np.array_equal(energy([5.0, 0.0, 0.0]), [1.0, 1.0, 1.0])
    assert np.array_equal(energy(np.array([3.0, 3.0])), [0.5, 1.0])


def test_energy_does_not_modify_input():
    """The caller's array is not modified (the scaling makes a copy)."""
    s = np.array([4.0, 2.0, 1.0])
    energy(s)
    assert np.array_equal(s, [4.0, 2.0, 1.0])


@pytest.mark.parametrize("s, exc, words", [
    ([1.0, 2.0, 3.0], InvalidParameterError, "sorted largest first"),
    ([3.0, -1.0], OutOfRangeError, "never negative"),
    ([0.0, 0.0], ZeroVectorError, "all zeros"),
    ([], ValueError, "empty"),
    ([1.0, np.nan], ValueError, "finite"),
    ([[1.0, 2.0]], ValueError, "1-D"),
])
def test_energy_bad_input(s, exc, words):
    """Ascending (eigh's order), negative, all-zero, empty, NaN or 2-D s: an error that says what is wrong."""
    with pytest.raises(exc, match=words):
        energy(s)
