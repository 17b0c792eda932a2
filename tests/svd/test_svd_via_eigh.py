"""Tests of la4ml.svd.svd_via_eigh: the SVD through eigh(AᵀA), against np.linalg.svd, with its accuracy loss bounded."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import zoo
from la4ml.errors import La4mlError
from la4ml.svd import svd_via_eigh

EPS = np.finfo(float).eps
CASES = [z for z in zoo.ZOO if z.A.size and z.A.dtype == np.float64]


def _orthonormality(Q):
    """‖QᵀQ − I‖₂ for a matrix with orthonormal columns (ideally)."""
    return np.linalg.norm(Q.T @ Q - np.eye(Q.shape[1]), 2)


def _expected_sigma_error(s_true, m, n):
    """The bound the Notes state, per singular value: min(C·N·eps·σ₁²/σᵢ, sqrt(C·N·eps)·σ₁), N = max(m, n)."""
    N, C = max(m, n), 8.0
    s1 = s_true[0]
    if s1 == 0:
        return np.zeros_like(s_true)
    with np.errstate(divide="ignore"):
        first_order = C * N * EPS * s1**2 / s_true
    return np.minimum(first_order, np.sqrt(C * N * EPS) * s1)


@pytest.mark.parametrize("case", CASES, ids=zoo.ids)
def test_zoo_shapes_values_and_factors(case):
    """On every float64 zoo matrix: thin shapes, σ as NumPy's within the κ² bound, V orthonormal, A = U diag(s) Vt."""
    A = case.A
    m, n = A.shape
    k = min(m, n)
    U, s, Vt = svd_via_eigh(A)
    assert U.shape == (m, k) and s.shape == (k,) and Vt.shape == (k, n)
    assert U.dtype == s.dtype == Vt.dtype == np.float64
    s_true = np.linalg.svd(A, compute_uv=False)
    assert np.all(np.diff(s) <= 0) and np.all(s >= 0)
    assert np.all(np.abs(s - s_true) <= _expected_sigma_error(s_true, m, n) + 1e-300)
    # the side that comes from eigh (V when m >= n, U when m < n) is orthonormal to rounding whatever κ;
    # the side computed as A v / σ loses orthogonality like κ² (its noise-level columns are completed exactly)
    from_eigh, computed = (Vt.T, U) if m >= n else (U, Vt.T)
    assert _orthonormality(from_eigh) <= 10 * k * EPS
    kappa = s_true[0] / s_true[-1] if s_true[-1] > 0 else np.inf
    assert _orthonormality(computed) <= 10 * k * EPS + 10 * max(m, n) * EPS * kappa**2 \
        or _orthonormality(computed) <= 1e-6
    # A is reproduced to the noise level of the eigenvalues, sqrt(N·eps)·σ₁ (far better when well conditioned)
    assert np.linalg.norm(A - (U * s) @ Vt, 2) <= 4 * np.sqrt(max(m, n) * EPS) * s_true[0] + 1e-300


@pytest.mark.parametrize("case", [z for z in CASES if np.linalg.cond(z.A) < 100], ids=zoo.ids)
def test_well_conditioned_matches_numpy_closely(case):
    """κ < 100: σ to N·eps·κ² relative, vectors equal NumPy's up to the sign of each pair, A rebuilt to N·eps·κ·‖A‖."""
    A = case.A
    m, n = A.shape
    U, s, Vt = svd_via_eigh(A)
    U0, s0, Vt0 = np.linalg.svd(A, full_matrices=False)
    kappa = s0[0] / s0[-1]
    N = max(m, n)
    assert np.allclose(s, s0, rtol=10 * N * EPS * kappa**2, atol=0)
    gaps = np.abs(np.diff(s0))
    if gaps.size and np.all(gaps > 1e-3 * s0[0]):  # singular vectors are determined (up to sign) only for distinct σ
        signs = np.sign(np.sum(U * U0, axis=0))
        assert set(np.unique(signs)) <= {-1.0, 1.0}
        tol = 10 * N * EPS * kappa**2 * s0[0] / gaps.min()
        assert np.allclose(U, U0 * signs, atol=tol) and np.allclose(Vt, Vt0 * signs[:, None], atol=tol)
    assert np.linalg.norm(A - (U * s) @ Vt, 2) <= 10 * N * EPS * kappa * s0[0]


def test_worked_example():
    """[[2, 2], [-1, 2]]: AᵀA = [[5, 2], [2, 8]] has eigenvalues 9 and 4, so σ = (3, 2); U, V are the rotations by hand."""
    A = np.array([[2.0, 2.0], [-1.0, 2.0]])
    U, s, Vt = svd_via_eigh(A)
    assert np.allclose(s, [3.0, 2.0], rtol=4 * EPS, atol=0)
    # signs: the largest entry of each column of U is positive → u₁ = (2, 1)/√5, u₂ = (-1, 2)/√5
    assert np.allclose(U, np.array([[2.0, -1.0], [1.0, 2.0]]) / np.sqrt(5), atol=4 * EPS)
    assert np.allclose(Vt, np.array([[1.0, 2.0], [-2.0, 1.0]]) / np.sqrt(5), atol=4 * EPS)


def test_signs_follow_svd_flip():
    """The entry of largest magnitude in every column of U is positive (reproducible signs)."""
    for case in CASES:
        U, _, _ = svd_via_eigh(case.A)
        top = U[np.argmax(np.abs(U), axis=0), np.arange(U.shape[1])]
        assert np.all(top > 0), case.name


@pytest.mark.parametrize("kappa", [1e2, 1e4, 1e6])
def test_loss_grows_like_kappa_squared(kappa):
    """σ_min's relative error is at most ~N·eps·κ² through AᵀA, and np.linalg.svd's at most ~N·eps·κ."""
    A = zoo._with_singular_values(40, 10, np.geomspace(1.0, 1.0 / kappa, 10), 100)
    s_true = np.geomspace(1.0, 1.0 / kappa, 10)
    err_eigh = abs(svd_via_eigh(A)[1][-1] - s_true[-1]) / s_true[-1]
    err_svd = abs(np.linalg.svd(A, compute_uv=False)[-1] - s_true[-1]) / s_true[-1]
    assert err_eigh <= 40 * 10 * EPS * kappa**2
    assert err_svd <= 40 * 10 * EPS * kappa


@pytest.mark.parametrize("seed", range(5))
def test_sigma_below_sqrt_eps_is_lost(seed):
    """σ_min = 1e-10·σ_max (below √eps·σ_max ≈ 1.5e-8): AᵀA cannot see it — not one correct digit is left."""
    s_true = np.geomspace(1.0, 1e-10, 8)
    A = zoo._with_singular_values(30, 8, s_true, seed)
    err = abs(svd_via_eigh(A)[1][-1] - s_true[-1]) / s_true[-1]
    assert err >= 0.5  # the eigenvalue noise, ~N·eps·σ₁² = 7e-15, swamps σ_min² = 1e-20 (σ̂ is 0 or ~1e-7)
    assert np.isclose(np.linalg.svd(A, compute_uv=False)[-1], s_true[-1], rtol=1e-4)


def test_rank_deficient_gives_orthonormal_completion():
    """A rank-2 tall matrix: the two noise-level columns of U complete an orthonormal basis; σ₃, σ₄ are noise-sized."""
    (case,) = [z for z in zoo.ZOO if z.name == "tall-rank2-6x4"]
    U, s, Vt = svd_via_eigh(case.A)
    assert _orthonormality(U) <= 100 * EPS
    assert np.all(s[2:] <= 4 * np.sqrt(6 * EPS) * s[0])
    assert np.allclose(s[:2], [3.0, 1.0], rtol=1e-12)


def test_zero_matrix():
    """The zero matrix: s = 0, U and V orthonormal, nothing divided by zero."""
    with np.errstate(all="raise"):
        U, s, Vt = svd_via_eigh(np.zeros((5, 3)))
    assert np.array_equal(s, np.zeros(3))
    assert _orthonormality(U) == 0 and _orthonormality(Vt.T) == 0


def test_wide_uses_the_smaller_gram_matrix():
    """A wide 3 × 200 matrix: shapes (3, 3), (3,), (3, 200), and σ as NumPy's (AAᵀ is 3 × 3, not AᵀA 200 × 200)."""
    A = np.random.default_rng(0).standard_normal((3, 200))
    U, s, Vt = svd_via_eigh(A)
    assert U.shape == (3, 3) and s.shape == (3,) and Vt.shape == (3, 200)
    assert np.allclose(s, np.linalg.svd(A, compute_uv=False), rtol=1e-12)
    assert _orthonormality(U) <= 30 * EPS


@pytest.mark.parametrize("scale", [1e-200, 1e-6, 1e6, 1e200])
def test_scale_invariance(scale):
    """A times 1e±200 or 1e±6: σ scales exactly (AᵀA would overflow or underflow without the power-of-two scaling)."""
    A = np.array([[2.0, 2.0], [-1.0, 2.0], [0.5, 1.0]])
    U1, s1, Vt1 = svd_via_eigh(A)
    U2, s2, Vt2 = svd_via_eigh(A * scale)
    assert np.allclose(s2, s1 * scale, rtol=8 * EPS, atol=0)
    assert np.allclose(U2, U1, atol=8 * EPS) and np.allclose(Vt2, Vt1, atol=8 * EPS)


def test_float32_kept():
    """float32 in, float32 out, σ correct to float32 rounding times κ²."""
    A = zoo.select("float32")[0].A
    U, s, Vt = svd_via_eigh(A)
    assert U.dtype == s.dtype == Vt.dtype == np.float32
    s0 = np.linalg.svd(A.astype(np.float64), compute_uv=False)
    assert np.allclose(s, s0, rtol=50 * np.finfo(np.float32).eps * (s0[0] / s0[-1]) ** 2)


def test_integer_input_and_no_modification():
    """Integer input becomes float64; the caller's array is not modified."""
    A = np.array([[2, 2], [-1, 2]])
    before = A.copy()
    U, s, Vt = svd_via_eigh(A)
    assert s.dtype == np.float64 and np.array_equal(A, before)


@pytest.mark.parametrize("case", zoo.BAD_INPUTS, ids=zoo.ids)
def test_bad_input(case):
    """Empty, NaN, inf, 1-D, 3-D, strings, complex and ragged input raise a la4ml error naming A."""
    _, A, exc = case
    with pytest.raises(exc) as info:
        svd_via_eigh(A)
    assert isinstance(info.value, La4mlError) and "A" in str(info.value)


@st.composite
def full_rank(draw):
    m = draw(st.integers(1, 12))
    n = draw(st.integers(1, 12))
    k = min(m, n)
    s = np.sort(np.array(draw(st.lists(st.floats(0.1, 10.0), min_size=k, max_size=k))))[::-1]
    return zoo._with_singular_values(m, n, s, draw(st.integers(0, 2**32 - 1))), s


@settings(max_examples=40, deadline=None, derandomize=True)
@given(case=full_rank())
@example(case=(np.array([[1.0]]), np.array([1.0])))
def test_property_random_full_rank(case):
    """Random m × n with σ in [0.1, 10] (κ ≤ 100): σ exact to N·eps·κ², A rebuilt, U and V orthonormal."""
    A, s_true = case
    m, n = A.shape
    U, s, Vt = svd_via_eigh(A)
    kappa = s_true[0] / s_true[-1]
    N = max(m, n)
    assert np.allclose(s, s_true, rtol=20 * N * EPS * kappa**2, atol=0)
    assert np.linalg.norm(A - (U * s) @ Vt, 2) <= 20 * N * EPS * kappa * s_true[0]
    from_eigh, computed = (Vt.T, U) if m >= n else (U, Vt.T)
    assert _orthonormality(computed) <= 20 * N * EPS * kappa**2 and _orthonormality(from_eigh) <= 20 * N * EPS
