"""la4ml.tensors against direct definitions, NumPy and Kolda & Bader (SIAM Review 2009)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from la4ml.errors import InvalidParameterError, NonFiniteError, OutOfRangeError, ShapeError
from la4ml.tensors import fold, kron, kron_matvec, mode_product, unfold, unvec, vec

EPS = np.finfo(float).eps


def _rng(seed=0):
    return np.random.default_rng(seed)


# ---------------------------------------------------------------- vec / unvec
def test_vec_is_column_major_by_definition():
    X = _rng().standard_normal((3, 5))
    v = vec(X)
    m, n = X.shape
    assert v.shape == (m * n,)
    for i, j in itertools.product(range(m), range(n)):
        assert v[i + j * m] == X[i, j]


def test_vec_is_not_row_major():
    X = np.arange(6.0).reshape(2, 3)
    assert not np.array_equal(vec(X), X.ravel())
    np.testing.assert_array_equal(vec(X), [0, 3, 1, 4, 2, 5])


def test_vec_returns_a_copy_and_keeps_float32():
    X = np.ones((2, 2), dtype=np.float32)
    v = vec(X)
    v[0] = 5
    assert X[0, 0] == 1 and v.dtype == np.float32


def test_unvec_inverts_vec_on_non_square():
    X = _rng(1).standard_normal((4, 7))
    np.testing.assert_array_equal(unvec(vec(X), X.shape), X)
    np.testing.assert_array_equal(vec(unvec(np.arange(12.0), (3, 4))), np.arange(12.0))


def test_vec_identity_with_kron_and_row_major_fails():
    rng = _rng(2)
    A, X, B = rng.standard_normal((3, 4)), rng.standard_normal((4, 5)), rng.standard_normal((5, 2))
    lhs = vec(A @ X @ B)
    rhs = kron(B.T, A) @ vec(X)
    scale = np.linalg.norm(A) * np.linalg.norm(X) * np.linalg.norm(B)
    assert np.linalg.norm(lhs - rhs) <= 20 * 20 * EPS * scale
    # the row-major vec needs the factors the other way round: (A ⊗ Bᵀ) ravel(X)
    wrong = kron(B.T, A) @ X.ravel()
    assert np.linalg.norm(wrong - lhs) > 0.1 * np.linalg.norm(lhs)
    np.testing.assert_allclose((A @ X @ B).ravel(), kron(A, B.T) @ X.ravel(), rtol=0, atol=20 * 20 * EPS * scale)


@pytest.mark.parametrize("bad", [np.zeros(3), np.zeros((2, 2, 2)), 5.0])
def test_vec_rejects_non_matrix(bad):
    with pytest.raises(ShapeError, match="X must be a 2-D matrix"):
        vec(bad)


def test_unvec_errors_name_the_parameter():
    with pytest.raises(ShapeError, match="v has length 5 but shape=\\(2, 3\\) needs m \\* n = 6"):
        unvec(np.zeros(5), (2, 3))
    with pytest.raises(ShapeError, match="v must be a 1-D vector"):
        unvec(np.zeros((2, 3)), (2, 3))
    for shape in [(6,), (1, 2, 3), (-2, -3), (2.5, 2), "ab", 6]:
        with pytest.raises(InvalidParameterError, match="shape must be a pair"):
            unvec(np.zeros(6), shape)


# ---------------------------------------------------------------- kron
def _kron_direct(A, B):
    (m, n), (p, q) = A.shape, B.shape
    K = np.empty((m * p, n * q))
    for i, j, k, l in itertools.product(range(m), range(n), range(p), range(q)):
        K[i * p + k, j * q + l] = A[i, j] * B[k, l]
    return K


@pytest.mark.parametrize("shapes", [((2, 3), (4, 1)), ((1, 1), (3, 2)), ((3, 3), (2, 2)), ((2, 5), (1, 4))])
def test_kron_matches_definition_and_numpy_exactly(shapes):
    rng = _rng(3)
    A, B = rng.standard_normal(shapes[0]), rng.standard_normal(shapes[1])
    K = kron(A, B)
    np.testing.assert_array_equal(K, _kron_direct(A, B))  # one product per entry: exact
    np.testing.assert_array_equal(K, np.kron(A, B))


def test_kron_empty_and_int_input():
    assert kron(np.zeros((0, 2)), np.ones((3, 1))).shape == (0, 2)
    np.testing.assert_array_equal(kron([[1, 2]], [[1], [1]]), [[1.0, 2.0], [1.0, 2.0]])


def test_kron_refuses_what_cannot_fit():
    A = np.ones((1, 1))
    with pytest.raises(OutOfRangeError, match="kron_matvec"):
        # (2**20)**2 entries of 8 bytes = 8 TiB: refused before any allocation
        kron(np.broadcast_to(A, (2**10, 2**10)), np.broadcast_to(A, (2**10, 2**10)))


def test_kron_rejects_vectors():
    with pytest.raises(ShapeError, match="A must be a 2-D matrix"):
        kron(np.ones(3), np.ones((2, 2)))
    with pytest.raises(ShapeError, match="B must be a 2-D matrix"):
        kron(np.ones((2, 2)), np.ones(3))


# ---------------------------------------------------------------- kron_matvec
@pytest.mark.parametrize("shapes", [((3, 2), (4, 5)), ((5, 6), (2, 3)), ((1, 4), (4, 1)), ((4, 1), (1, 4)), ((6, 6), (6, 6))])
def test_kron_matvec_matches_formed_product(shapes):
    rng = _rng(4)
    A, B = rng.standard_normal(shapes[0]), rng.standard_normal(shapes[1])
    x = rng.standard_normal(A.shape[1] * B.shape[1])
    got = kron_matvec(A, B, x)
    want = np.kron(A, B) @ x
    assert got.shape == want.shape
    # error bound of a dot product of length n q with entries |A_ij B_kl x_r|
    bound = 2 * A.shape[1] * B.shape[1] * EPS * (np.abs(np.kron(A, B)) @ np.abs(x))
    assert np.all(np.abs(got - want) <= bound)


@pytest.mark.parametrize("scale", [1e-6, 1.0, 1e6])
def test_kron_matvec_relative_accuracy_at_every_scale(scale):
    rng = _rng(5)
    A, B = scale * rng.standard_normal((7, 3)), rng.standard_normal((2, 9))
    x = scale * rng.standard_normal(27)
    got, want = kron_matvec(A, B, x), np.kron(A, B) @ x
    bound = 2 * 27 * EPS * (np.abs(np.kron(A, B)) @ np.abs(x))
    assert np.all(np.abs(got - want) <= bound)


def test_kron_matvec_with_identity_factors():
    x = np.arange(12.0)
    np.testing.assert_array_equal(kron_matvec(np.eye(3), np.eye(4), x), x)
    B = _rng(6).standard_normal((4, 4))
    # I ⊗ B is block diagonal: B applied to each consecutive piece of 4
    np.testing.assert_allclose(kron_matvec(np.eye(3), B, x), np.concatenate([B @ x[4 * i:4 * i + 4] for i in range(3)]),
                               rtol=8 * EPS)


def test_kron_matvec_accepts_column_and_rejects_wrong_length():
    A, B = np.ones((2, 3)), np.ones((4, 5))
    assert kron_matvec(A, B, np.ones((15, 1))).shape == (8,)
    with pytest.raises(ShapeError, match="x must have length 15"):
        kron_matvec(A, B, np.ones(8))
    with pytest.raises(NonFiniteError, match="x must contain only finite"):
        kron_matvec(A, B, np.r_[np.ones(14), np.nan])


@settings(max_examples=40, deadline=None)
@given(m=st.integers(1, 5), n=st.integers(1, 5), p=st.integers(1, 5), q=st.integers(1, 5), seed=st.integers(0, 2**16))
@example(m=1, n=5, p=5, q=1, seed=0)
def test_kron_matvec_property(m, n, p, q, seed):
    rng = _rng(seed)
    A, B, x = rng.standard_normal((m, n)), rng.standard_normal((p, q)), rng.standard_normal(n * q)
    K = np.kron(A, B)
    bound = 2 * n * q * EPS * (np.abs(K) @ np.abs(x)) + np.finfo(float).tiny
    assert np.all(np.abs(kron_matvec(A, B, x) - K @ x) <= bound)


# ---------------------------------------------------------------- unfold / fold / mode_product
def _kolda_bader():
    # SIAM Review 51(3), 2009, §2.4: X in R^{3x4x2}, X1 = [[1 4 7 10], [2 5 8 11], [3 6 9 12]], X2 = [[13 ...]]
    return np.arange(1.0, 25.0).reshape(3, 4, 2, order="F")


def test_unfold_reproduces_kolda_bader_example():
    T = _kolda_bader()
    np.testing.assert_array_equal(T[:, :, 0], [[1, 4, 7, 10], [2, 5, 8, 11], [3, 6, 9, 12]])
    np.testing.assert_array_equal(unfold(T, 0), [[1, 4, 7, 10, 13, 16, 19, 22],
                                                 [2, 5, 8, 11, 14, 17, 20, 23],
                                                 [3, 6, 9, 12, 15, 18, 21, 24]])
    np.testing.assert_array_equal(unfold(T, 1), [[1, 2, 3, 13, 14, 15],
                                                 [4, 5, 6, 16, 17, 18],
                                                 [7, 8, 9, 19, 20, 21],
                                                 [10, 11, 12, 22, 23, 24]])
    np.testing.assert_array_equal(unfold(T, 2), [np.arange(1, 13), np.arange(13, 25)])


def _unfold_direct(T, n):
    shape = T.shape
    rest = [k for k in range(T.ndim) if k != n]
    M = np.full((shape[n], T.size // shape[n]), np.nan)
    for idx in itertools.product(*map(range, shape)):
        col, J = 0, 1
        for k in rest:  # Kolda & Bader: j = sum_k i_k J_k, J_k = prod of earlier other sizes
            col += idx[k] * J
            J *= shape[k]
        M[idx[n], col] = T[idx]
    return M


@pytest.mark.parametrize("shape", [(2, 3, 4), (4, 1, 3), (3, 2), (2, 3, 2, 2)])
def test_unfold_matches_index_formula_and_fold_inverts(shape):
    T = _rng(7).standard_normal(shape)
    for n in range(len(shape)):
        M = unfold(T, n)
        np.testing.assert_array_equal(M, _unfold_direct(T, n))
        np.testing.assert_array_equal(fold(M, n, shape), T)


def test_unfold_of_matrix_is_matrix_and_transpose():
    X = np.arange(6.0).reshape(2, 3)
    np.testing.assert_array_equal(unfold(X, 0), X)
    np.testing.assert_array_equal(unfold(X, 1), X.T)


@pytest.mark.parametrize("mode", [0, 1, 2])
def test_mode_product_matches_einsum_and_definition(mode):
    rng = _rng(8)
    T = rng.standard_normal((3, 4, 5))
    M = rng.standard_normal((2, T.shape[mode]))
    Y = mode_product(T, M, mode)
    spec = {0: "ijk,ri->rjk", 1: "ijk,rj->irk", 2: "ijk,rk->ijr"}[mode]
    want = np.einsum(spec, T, M)
    assert Y.shape == want.shape
    bound = 2 * T.shape[mode] * EPS * np.einsum(spec, np.abs(T), np.abs(M))
    assert np.all(np.abs(Y - want) <= bound)
    # fibers: every mode-n fiber multiplied by M
    fib = np.moveaxis(T, mode, -1)[1, 2]
    np.testing.assert_allclose(np.moveaxis(Y, mode, -1)[1, 2], M @ fib, rtol=1e-13)


def test_mode_product_properties_from_kolda_bader():
    rng = _rng(9)
    T = rng.standard_normal((3, 4, 5))
    A, B = rng.standard_normal((2, 3)), rng.standard_normal((6, 4))
    C = rng.standard_normal((7, 2))
    # distinct modes commute; same mode composes: (T x_n A) x_n C = T x_n (C A)
    np.testing.assert_allclose(mode_product(mode_product(T, A, 0), B, 1), mode_product(mode_product(T, B, 1), A, 0), rtol=1e-12)
    np.testing.assert_allclose(mode_product(mode_product(T, A, 0), C, 0), mode_product(T, C @ A, 0), rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(mode_product(T, np.eye(4), 1), T)


def test_mode_errors():
    T = np.zeros((2, 3, 4))
    for mode in (3, -1, 1.0, True, "0"):
        with pytest.raises(InvalidParameterError, match="mode must be an integer from 0 to 2"):
            unfold(T, mode)
    with pytest.raises(ShapeError, match="T must be a tensor with at least 2 axes"):
        unfold(np.zeros(3), 0)
    with pytest.raises(ShapeError, match="M must have 3 columns"):
        mode_product(T, np.zeros((2, 2)), 1)
    with pytest.raises(ShapeError, match=r"M must have shape \(3, 8\)"):
        fold(np.zeros((8, 3)), 1, (2, 3, 4))
    with pytest.raises(InvalidParameterError, match="shape must be a tuple"):
        fold(np.zeros((2, 3)), 0, (6,))
    with pytest.raises(InvalidParameterError, match="mode must be"):
        fold(np.zeros((2, 12)), 3, (2, 3, 4))
