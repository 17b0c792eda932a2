"""Tests of la4ml.svd.randomized_svd: parity with scikit-learn's, exactness on low rank, accuracy, parameters."""

import numpy as np
import pytest
import scipy.sparse
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sklearn.utils.extmath import randomized_svd as sk_randomized_svd

import zoo
from la4ml.errors import (DTypeError, InvalidParameterError, La4mlError, NonFiniteError, NumericOverflowError,
                          OutOfRangeError)
from la4ml.svd import randomized_svd, svd_flip

EPS = np.finfo(float).eps
CASES = [z for z in zoo.ZOO if z.A.size]


def _decaying(m, n, rate=0.7, seed=0):
    """m × n with singular values rate**i (known), random singular vectors."""
    s = rate ** np.arange(min(m, n))
    return zoo._with_singular_values(m, n, s, seed), s


@pytest.mark.parametrize("case", CASES, ids=zoo.ids)
@pytest.mark.parametrize("params", [{}, {"n_iter": 0}, {"n_iter": 2, "n_oversamples": 3},
                                    {"n_iter": 5, "power_iteration_normalizer": "QR"},
                                    {"n_iter": 3, "power_iteration_normalizer": "none"}],
                         ids=["defaults", "q0", "q2-p3", "q5-QR", "q3-none"])
def test_zoo_same_as_scikit_learn(case, params):
    """Every zoo matrix, k = 1 and k = min(m, n): U, s, Vt equal scikit-learn's for the same seed, to rounding."""
    A = case.A
    for k in sorted({1, min(A.shape)}):
        ours = randomized_svd(A, k, random_state=7, **params)
        theirs = sk_randomized_svd(A, k, random_state=7, **params)
        for name, a, b in zip("U s Vt".split(), ours, theirs):
            assert a.shape == b.shape and a.dtype == b.dtype, name
            scale = np.finfo(a.dtype).eps * 100 * max(A.shape)
            assert np.allclose(a, b, rtol=scale, atol=scale * max(1.0, float(np.abs(b).max()))), (name, k)


@pytest.mark.parametrize("fmt", ["csr", "csc", "coo", "lil"])
def test_sparse_same_as_scikit_learn_and_dense(fmt):
    """Sparse input in four formats: the result equals scikit-learn's on it, and ours on the dense copy."""
    S = scipy.sparse.random(300, 80, density=0.05, random_state=0, format=fmt)
    ours = randomized_svd(S, 6, random_state=1)
    dense = randomized_svd(S.toarray(), 6, random_state=1)
    theirs = sk_randomized_svd(S.tocsr(), 6, random_state=1)
    for a, b, c in zip(ours, dense, theirs):
        assert np.allclose(a, b, atol=1e-12) and np.allclose(a, c, atol=1e-12)


def test_sparse_input_is_not_densified():
    """A 100,000 × 50,000 sparse matrix (dense would be 40 GB) is decomposed; A is left as it was."""
    rng = np.random.default_rng(0)
    rows, cols = rng.integers(0, 100_000, 100_000), rng.integers(0, 50_000, 100_000)
    block_r, block_c = np.divmod(np.arange(2500), 50)            # plus a 50 × 50 block of 10s: σ₁ ≈ 500, a clear gap
    S = scipy.sparse.csr_array((np.r_[rng.standard_normal(100_000), np.full(2500, 10.0)],
                                (np.r_[rows, block_r], np.r_[cols, block_c])), shape=(100_000, 50_000))
    before = (S.data.copy(), S.indices.copy(), S.indptr.copy())
    U, s, Vt = randomized_svd(S, 3, n_iter=2, random_state=0)
    assert U.shape == (100_000, 3) and Vt.shape == (3, 50_000)
    assert all(np.array_equal(a, b) for a, b in zip(before, (S.data, S.indices, S.indptr)))
    # the top singular value agrees with ARPACK's
    assert s[0] == pytest.approx(scipy.sparse.linalg.svds(S, k=1, random_state=0)[1][0], rel=1e-6)


@pytest.mark.parametrize("shape", [(60, 20), (20, 60), (30, 30)])
def test_exact_when_rank_fits_in_the_sketch(shape):
    """rank(A) = 8 ≤ k + p = 5 + 10: σ, and the subspaces, equal np.linalg.svd's to rounding even with n_iter = 0."""
    m, n = shape
    s_true = np.array([5.0, 4.0, 3.0, 2.0, 1.0, 0.5, 0.25, 0.125])
    A = zoo._with_singular_values(m, n, s_true, 3)
    U, s, Vt = randomized_svd(A, 5, n_iter=0, random_state=0)
    assert np.allclose(s, s_true[:5], rtol=100 * EPS * 8, atol=0)
    U0, s0, Vt0 = np.linalg.svd(A, full_matrices=False)
    signs = np.sign(np.sum(U * U0[:, :5], axis=0))
    assert np.allclose(U, U0[:, :5] * signs, atol=1e-12) and np.allclose(Vt, Vt0[:5] * signs[:, None], atol=1e-12)


def test_orthonormal_factors_and_signs():
    """U has orthonormal columns, Vt orthonormal rows; the largest |entry| of each column of U is positive (tall and wide)."""
    for A in (_decaying(200, 50)[0], _decaying(50, 200)[0]):
        U, s, Vt = randomized_svd(A, 10, random_state=0)
        assert np.linalg.norm(U.T @ U - np.eye(10), 2) <= 100 * EPS
        assert np.linalg.norm(Vt @ Vt.T - np.eye(10), 2) <= 100 * EPS
        assert np.all(U[np.argmax(np.abs(U), axis=0), np.arange(10)] > 0)
        assert np.all(np.diff(s) <= 0)
        U2, Vt2 = svd_flip(U, Vt)
        assert np.array_equal(U2, U) and np.array_equal(Vt2, Vt)


def test_singular_values_never_exceed_the_true_ones():
    """Each computed σᵢ ≤ true σᵢ (a projection QQᵀA has smaller singular values), on a slowly decaying spectrum."""
    A, s_true = _decaying(300, 100, rate=0.97, seed=4)
    for q in (0, 1, 3):
        s = randomized_svd(A, 20, n_iter=q, random_state=q)[1]
        assert np.all(s <= s_true[:20] * (1 + 100 * EPS))


def test_power_iterations_reach_the_optimal_error():
    """Decaying spectrum 0.8^i: with 0 iterations the spectral error is above σ_{k+1}; with 7 it is within 1% of it."""
    A, s_true = _decaying(400, 150, rate=0.8, seed=5)
    k = 10
    errors = {}
    for q in (0, 7):
        U, s, Vt = randomized_svd(A, k, n_iter=q, n_oversamples=2, random_state=0)
        errors[q] = np.linalg.norm(A - (U * s) @ Vt, 2)
    assert errors[0] > 1.01 * s_true[k]
    assert s_true[k] * (1 - 1e-12) <= errors[7] <= 1.01 * s_true[k]  # Eckart–Young: nothing beats σ_{k+1}


def test_halko_martinsson_tropp_bound():
    """Mean Frobenius error of QQᵀA over 20 seeds ≤ sqrt(1 + k/(p−1)) · sqrt(Σ_{i>k} σᵢ²) (HMT 2011, Thm 10.5; q = 0)."""
    A, s_true = _decaying(200, 80, rate=0.9, seed=6)
    k, p = 10, 5
    tail = np.sqrt(np.sum(s_true[k:] ** 2))
    errs = []
    for seed in range(20):
        U, s, Vt = randomized_svd(A, k, n_oversamples=p, n_iter=0, random_state=seed)
        # the full sketch's projection error is what the theorem bounds; the rank-k truncation adds at most tail
        errs.append(np.linalg.norm(A - (U * s) @ Vt))
    assert np.mean(errs) <= (np.sqrt(1 + k / (p - 1)) + 1) * tail
    assert min(errs) >= tail * (1 - 1e-12)


def test_auto_rules():
    """n_iter='auto' is 7 below 0.1·min(m, n) components, else 4; the normalizer 'auto' is 'none' for n_iter ≤ 2, else 'LU'."""
    A = _decaying(120, 100, seed=7)[0]
    same = lambda a, b: all(np.array_equal(x, y) for x, y in zip(a, b))  # noqa: E731
    assert same(randomized_svd(A, 9, random_state=0), randomized_svd(A, 9, n_iter=7, power_iteration_normalizer="LU",
                                                                       random_state=0))
    assert same(randomized_svd(A, 10, random_state=0), randomized_svd(A, 10, n_iter=4, power_iteration_normalizer="LU",
                                                                        random_state=0))
    assert same(randomized_svd(A, 10, n_iter=2, random_state=0),
                randomized_svd(A, 10, n_iter=2, power_iteration_normalizer="none", random_state=0))
    assert not same(randomized_svd(A, 10, n_iter=3, random_state=0),
                    randomized_svd(A, 10, n_iter=3, power_iteration_normalizer="none", random_state=0))


def test_random_state_kinds():
    """An int, a RandomState seeded alike, and a Generator reproduce; None works; two ints differ on a hard matrix."""
    A = _decaying(80, 60, rate=0.99, seed=8)[0]
    a = randomized_svd(A, 5, n_iter=0, random_state=3)
    b = randomized_svd(A, 5, n_iter=0, random_state=np.random.RandomState(3))
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    g1 = randomized_svd(A, 5, n_iter=0, random_state=np.random.default_rng(3))
    g2 = randomized_svd(A, 5, n_iter=0, random_state=np.random.default_rng(3))
    assert all(np.array_equal(x, y) for x, y in zip(g1, g2))
    c = randomized_svd(A, 5, n_iter=0, random_state=4)
    assert not np.array_equal(a[1], c[1])
    U, s, Vt = randomized_svd(A, 5, random_state=None)
    assert U.shape == (80, 5)


def test_float32_and_integer_input():
    """float32 stays float32 (scikit-learn's rule); integers become float64; the input is not modified."""
    A32 = zoo.select("float32")[0].A
    U, s, Vt = randomized_svd(A32, 2, random_state=0)
    assert U.dtype == s.dtype == Vt.dtype == np.float32
    Ai = np.arange(12).reshape(4, 3)
    before = Ai.copy()
    U, s, Vt = randomized_svd(Ai, 2, random_state=0)
    assert s.dtype == np.float64 and np.array_equal(Ai, before)
    assert np.allclose(s, np.linalg.svd(Ai.astype(float), compute_uv=False)[:2])


def test_zero_matrix():
    """The zero matrix: s = 0 and orthonormal U, Vt, no warnings."""
    with np.errstate(all="raise"):
        U, s, Vt = randomized_svd(np.zeros((30, 10)), 3, random_state=0)
    assert np.array_equal(s, np.zeros(3))
    assert np.allclose(U.T @ U, np.eye(3)) and np.allclose(Vt @ Vt.T, np.eye(3))


@pytest.mark.parametrize("kwargs, exc, words", [
    ({"n_components": 0}, OutOfRangeError, "n_components"),
    ({"n_components": 11}, OutOfRangeError, "min"),
    ({"n_components": 2.0}, InvalidParameterError, "n_components must be an int"),
    ({"n_components": 2, "n_oversamples": -1}, OutOfRangeError, "n_oversamples"),
    ({"n_components": 2, "n_iter": -1}, OutOfRangeError, "n_iter"),
    ({"n_components": 2, "n_iter": "many"}, InvalidParameterError, "auto"),
    ({"n_components": 2, "power_iteration_normalizer": "qr"}, InvalidParameterError, "'QR'"),
    ({"n_components": 2, "random_state": -1}, OutOfRangeError, "random_state"),
    ({"n_components": 2, "random_state": "0"}, DTypeError, "random_state"),
    ({"n_components": 2, "random_state": True}, DTypeError, "random_state"),
])
def test_bad_parameters(kwargs, exc, words):
    """Each bad parameter raises an error naming it and what is allowed."""
    with pytest.raises(exc, match=words):
        randomized_svd(np.ones((20, 10)), **kwargs)


@pytest.mark.parametrize("case", zoo.BAD_INPUTS, ids=zoo.ids)
def test_bad_input(case):
    """Bad dense matrices raise a la4ml error naming A."""
    _, A, exc = case
    with pytest.raises(exc) as info:
        randomized_svd(A, 1)
    assert isinstance(info.value, La4mlError) and "A" in str(info.value)


def test_bad_sparse_input():
    """Sparse with NaN, complex or empty: clear errors."""
    S = scipy.sparse.csr_array(np.array([[1.0, 0.0], [0.0, np.nan]]))
    with pytest.raises(NonFiniteError, match="finite"):
        randomized_svd(S, 1)
    with pytest.raises(DTypeError, match="real"):
        randomized_svd(scipy.sparse.csr_array(np.array([[1j, 0], [0, 1]])), 1)
    with pytest.raises(ValueError, match="empty"):
        randomized_svd(scipy.sparse.csr_array((0, 3)), 1)


@pytest.mark.parametrize("value", [1e307, 1e-300])
@pytest.mark.parametrize("normalizer", ["none", "LU"])
def test_extreme_entries_are_rescaled(value, normalizer):
    """Entries 1e307 (products overflow) or 1e-300 (powers underflow): A is rescaled, σ₁ = sqrt(mn)·value exactly."""
    A = np.full((4, 3), value)
    A[0, 0] *= 2
    s0 = np.linalg.svd(A / value, compute_uv=False) * value
    with np.errstate(all="raise"):
        U, s, Vt = randomized_svd(A, 2, n_iter=2, power_iteration_normalizer=normalizer, random_state=0)
    assert s[0] == pytest.approx(s0[0], rel=1e-13)
    assert np.allclose((U * s) @ Vt / value, A / value, atol=1e-12)


def test_singular_value_beyond_the_float_range():
    """Every entry 1e308 in a 4 × 3 matrix: σ₁ = sqrt(12)·1e308 overflows — a NumericOverflowError, not inf or NaN."""
    with pytest.raises(NumericOverflowError, match="too large"):
        randomized_svd(np.full((4, 3), 1e308), 1, random_state=0)


@st.composite
def low_rank(draw):
    m, n = draw(st.integers(2, 30)), draw(st.integers(2, 30))
    r = draw(st.integers(1, min(m, n)))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((m, r)) @ rng.standard_normal((r, n))
    k = draw(st.integers(1, min(m, n)))
    return A, r, k, seed


@settings(max_examples=40, deadline=None, derandomize=True)
@given(case=low_rank())
@example(case=(np.ones((2, 2)), 1, 2, 0))
def test_property_rank_at_most_k_plus_p_is_exact(case):
    """rank r ≤ k + 10: the top-k σ are np.linalg.svd's, and when k ≥ r, U diag(s) Vt rebuilds A."""
    A, r, k, seed = case
    U, s, Vt = randomized_svd(A, k, n_iter=1, random_state=seed)
    s0 = np.linalg.svd(A, compute_uv=False)
    scale = 1e3 * max(A.shape) * EPS * s0[0]
    if r <= k + 10:
        assert np.allclose(s, s0[:k], atol=scale, rtol=0)
    if k >= r:
        assert np.linalg.norm(A - (U * s) @ Vt, 2) <= scale
