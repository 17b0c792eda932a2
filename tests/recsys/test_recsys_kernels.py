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
    F = rng.normal(size=(20, 3))
    ob = rng.normal(size=20)
    for use_bias in (True, False):
        X1, X2 = np.zeros((50, 3)), np.zeros((50, 3))
        b1, b2 = np.zeros(50), np.zeros(50)
        _kernels.als_half_step(ptr, idx, val, F, ob, 3.0, 0.1, True, use_bias, X1, b1, 4)
        _kernels.specialized_half_step(3, use_bias)(ptr, idx, val, F, ob, 3.0, 0.1, True, X2, b2, 4)
        np.testing.assert_allclose(X1, X2, atol=1e-12)
        np.testing.assert_allclose(b1, b2, atol=1e-12)
