"""Tests of la4ml.recsys._kernels: the compiled sparse helpers against SciPy and NumPy."""

import numpy as np
import pytest
import scipy.sparse as sp

from la4ml.recsys import _kernels


def test_transpose_equals_scipy():
    """transpose_csr gives SciPy's CSC (sorted row indices within each column)."""
    A = sp.random_array((30, 17), density=0.2, random_state=0, format="csr", dtype=np.float32)
    A.sort_indices()
    ptr, idx, val = _kernels.transpose_csr(A.indptr.astype(np.int64), A.indices.astype(np.int32), A.data, 17)
    T = A.T.tocsr()
    T.sort_indices()
    np.testing.assert_array_equal(ptr, T.indptr)
    np.testing.assert_array_equal(idx, T.indices)
    np.testing.assert_array_equal(val, T.data)


def test_counting_sort_and_segments_give_lexsort():
    """counting_sort + sort_segments is a stable sort by (row, col), like np.lexsort."""
    rng = np.random.default_rng(0)
    rows = rng.integers(0, 9, 500).astype(np.int32)
    cols = rng.integers(0, 60, 500).astype(np.int32)
    ptr, perm = _kernels.counting_sort(rows, 9)
    _kernels.sort_segments(ptr, perm, cols)
    np.testing.assert_array_equal(perm, np.lexsort((cols, rows)))
    assert ptr[-1] == 500 and np.all(np.diff(ptr) == np.bincount(rows, minlength=9))


def test_split_rows_counts():
    """split_rows marks exactly the requested number of entries in each row."""
    ptr = np.array([0, 3, 3, 10, 12], dtype=np.int64)
    want = np.array([1, 0, 4, 2])
    mask = _kernels.split_rows(ptr, want, 7)
    got = np.add.reduceat(mask.astype(int), ptr[:-1])
    got[np.diff(ptr) == 0] = 0
    np.testing.assert_array_equal(got, want)


def test_specialized_equals_generic():
    """The generated half-step for k equals the generic loop on random data (both bias settings)."""
    rng = np.random.default_rng(1)
    A = sp.random_array((50, 20), density=0.3, random_state=1, format="csr", dtype=np.float32)
    A.sort_indices()
    ptr, idx, val = A.indptr.astype(np.int64), A.indices.astype(np.int32), A.data * 4 + 1
    k = 3
    for use_bias in (True, False):
        F = _kernels.padded_factors(20, k, np.float32, use_bias)  # float32: the kernels ALS compiles
        F[:, : k + 1] = rng.normal(size=(20, k + 1))
        X1 = _kernels.padded_factors(50, k, np.float32, use_bias)
        X2 = _kernels.padded_factors(50, k, np.float32, use_bias)
        _kernels.als_half_step(ptr, idx, val, F, k, 3.0, 0.1, True, use_bias, X1, 4)
        _kernels.specialized_half_step(k, use_bias)(ptr, idx, val, F, 3.0, 0.1, True, X2, 4, 2)
        np.testing.assert_allclose(X1, X2, atol=1e-6)
        assert X1.ctypes.data % 64 == 0 and X1.shape[1] == k + 1


def _augmented(P, Q, bu, bi):
    """SGD's augmented rows [p, b_u, 1, 0..] and [q, 1, b_i, 0..] from plain factors and biases."""
    k = P.shape[1]
    Pa, Qa = _kernels.sgd_rows(len(P), k, P.dtype), _kernels.sgd_rows(len(Q), k, Q.dtype)
    Pa[:, :k], Pa[:, k], Pa[:, k + 1] = P, bu, 1.0
    Qa[:, :k], Qa[:, k], Qa[:, k + 1] = Q, 1.0, bi
    return Pa, Qa


def test_sgd_rows_layout():
    """Rows are whole 64-byte lines with room for k factors and two bias lanes, 64-byte aligned."""
    for k, dtype, W in [(10, np.float32, 16), (14, np.float32, 16), (15, np.float32, 32), (10, np.float64, 16),
                        (3, np.float64, 8)]:
        A = _kernels.sgd_rows(7, k, dtype)
        assert A.shape == (7, W) and A.dtype == dtype and A.ctypes.data % 64 == 0 and not A.any()


def test_sgd_step_is_the_update_rule():
    """One rating through sgd_epoch applies the four textbook rules and leaves the other lanes alone."""
    rng = np.random.default_rng(2)
    k, mu, lr, reg, regb = 4, 3.5, 0.05, 0.1, 0.3
    p, q, bu, bi, r = rng.normal(size=k), rng.normal(size=k), 0.2, -0.4, 4.0
    Pa, Qa = _augmented(p[None], q[None], np.array([bu]), np.array([bi]))
    M = _kernels.sgd_lane_masks(k, Pa.shape[1], lr, reg, regb, np.float64)
    sse = _kernels.sgd_epoch(np.zeros(1, np.uint32), np.zeros(1, np.uint32), np.array([r]), Pa, Qa,
                             mu, M, False, False, 0, 1)
    e = r - (mu + bu + bi + p @ q)
    assert sse == pytest.approx(e * e, rel=1e-12)
    np.testing.assert_allclose(Pa[0, :k], p + lr * (e * q - reg * p), rtol=1e-12)
    np.testing.assert_allclose(Qa[0, :k], q + lr * (e * p - reg * q), rtol=1e-12)
    assert Pa[0, k] == pytest.approx(bu + lr * (e - regb * bu), rel=1e-12)
    assert Qa[0, k + 1] == pytest.approx(bi + lr * (e - regb * bi), rel=1e-12)
    assert Pa[0, k + 1] == 1.0 and Qa[0, k] == 1.0 and not Pa[0, k + 2:].any() and not Qa[0, k + 2:].any()


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_sgd_interleaved_order(dtype):
    """sgd_epoch(interleave=True) equals SGD visiting the four parts round-robin, one by one."""
    rng = np.random.default_rng(3)
    n, nu, ni, k = 103, 9, 7, 3
    u = rng.integers(0, nu, n).astype(np.uint32)
    i = rng.integers(0, ni, n).astype(np.uint32)
    r = rng.uniform(1, 5, n).astype(dtype)
    P0, Q0 = _augmented(rng.normal(0, 0.1, (nu, k)).astype(dtype), rng.normal(0, 0.1, (ni, k)).astype(dtype),
                        np.zeros(nu), np.zeros(ni))
    s = _kernels.SGD_STREAMS
    h = n // s
    order = [q * h + p for p in range(h) for q in range(s)] + list(range(s * h, n))
    args = (dtype(3.0), _kernels.sgd_lane_masks(k, P0.shape[1], 0.01, 0.05, 0.02, dtype))
    P1, Q1 = P0.copy(), Q0.copy()
    sse1 = _kernels.sgd_epoch(u, i, r, P1, Q1, *args, True, True, 0, n)
    P2, Q2 = P0.copy(), Q0.copy()
    o = np.array(order)
    sse2 = _kernels.sgd_epoch(u[o], i[o], r[o], P2, Q2, *args, False, False, 0, n)
    np.testing.assert_array_equal(P1, P2)  # the same operations in the same order: bit for bit
    np.testing.assert_array_equal(Q1, Q2)
    assert sse1 == sse2


def test_sgd_epoch_refuses_rows_narrower_than_the_masks():
    """The vector step reads W lanes per row: rows of another width are refused, not overrun."""
    P, Q = _kernels.sgd_rows(3, 3, np.float64), _kernels.sgd_rows(3, 3, np.float64)  # 8 lanes
    M = _kernels.sgd_lane_masks(10, 16, 0.01, 0.02, 0.02, np.float64)  # 16 lanes
    z = np.zeros(2, np.uint32)
    with pytest.raises(ValueError, match="as many columns as the lane masks"):
        _kernels.sgd_epoch(z, z, np.ones(2), P, Q, 3.0, M, False, False, 0, 2)
