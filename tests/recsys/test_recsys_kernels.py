"""Tests of la4ml.recsys._kernels: the compiled sparse helpers against SciPy and NumPy."""

import numpy as np
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


def test_sgd_interleaved_order():
    """sgd_epoch(interleave=True) equals SGD visiting the four quarters round-robin, one by one."""
    rng = np.random.default_rng(3)
    n, nu, ni, k = 103, 9, 7, 3
    u = rng.integers(0, nu, n).astype(np.int32)
    i = rng.integers(0, ni, n).astype(np.int32)
    r = rng.uniform(1, 5, n)
    P0, Q0 = rng.normal(0, 0.1, (nu, k)), rng.normal(0, 0.1, (ni, k))
    h = n // 4
    order = [q * h + p for p in range(h) for q in range(4)] + list(range(4 * h, n))
    args = (3.0, 0.01, 0.05, 0.02, True)
    P1, Q1, bu1, bi1 = P0.copy(), Q0.copy(), np.zeros(nu), np.zeros(ni)
    sse1 = _kernels.sgd_epoch(u, i, r, P1, Q1, bu1, bi1, *args, True, 0, n)
    P2, Q2, bu2, bi2 = P0.copy(), Q0.copy(), np.zeros(nu), np.zeros(ni)
    o = np.array(order)
    sse2 = _kernels.sgd_epoch(u[o], i[o], r[o], P2, Q2, bu2, bi2, *args, False, 0, n)
    np.testing.assert_allclose(P1, P2, atol=1e-12)
    np.testing.assert_allclose(Q1, Q2, atol=1e-12)
    np.testing.assert_allclose([sse1, *bu1, *bi1], [sse2, *bu2, *bi2], atol=1e-12)
