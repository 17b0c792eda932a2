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


def _rows_of(counts, n_cols, seed):
    """A CSR whose row r has counts[r] distinct columns (sorted) and ratings in [1, 5]."""
    rng = np.random.default_rng(seed)
    idx = [np.sort(rng.choice(n_cols, size=c, replace=False)) for c in counts]
    ptr = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    ind = np.concatenate(idx).astype(np.int32) if sum(counts) else np.zeros(0, np.int32)
    val = rng.uniform(1, 5, ind.size).astype(np.float32)
    return ptr, ind, val


# rows around the prefetch distance (16), empty rows, and 27 rows: with one block, three full
# groups of the 8 systems the generated kernel solves side by side and a partial one; with three
# blocks of 9, a full group and a group of one in each
_COUNTS = [1, 2, 0, 15, 16, 17, 100, 3, 0, 7, 8, 9, 31, 1, 1, 40, 2, 16, 5, 4, 0, 1, 18, 2, 33, 6, 1]


@pytest.mark.parametrize("n_blocks", [1, 3])
@pytest.mark.parametrize("kernel", ["generic", "generated"])
@pytest.mark.parametrize("use_bias", [False, True], ids=["nobias", "bias"])
@pytest.mark.parametrize("weighted", [True, False], ids=["weighted", "unweighted"])
def test_half_step_solves_each_row(kernel, use_bias, weighted, n_blocks):
    """Every row's output solves ``(Σ f_j f_jᵀ + λ w I) z = Σ (r_j − mu − b_j) f_j`` (np.linalg.solve),
    with the mean subtracted with and without biases (issue #17), and empty rows give zeros."""
    k, mu, reg, n_cols = 4, 3.1, 0.1, 120
    ptr, ind, val = _rows_of(_COUNTS, n_cols, 2)
    rng = np.random.default_rng(3)
    F = _kernels.padded_factors(n_cols, k, np.float64, use_bias)
    F[:, : k + 1 if use_bias else k] = rng.normal(size=(n_cols, k + 1 if use_bias else k))
    X = _kernels.padded_factors(len(_COUNTS), k, np.float64, use_bias)
    X[:] = np.nan  # every entry the kernel owns must be written
    if kernel == "generic":
        _kernels.als_half_step(ptr, ind, val, F, k, mu, reg, weighted, use_bias, X, n_blocks)
    else:
        _kernels.specialized_half_step(k, use_bias)(ptr, ind, val, F, mu, reg, weighted, X, n_blocks, 16)
    m = k + 1 if use_bias else k
    for r, c in enumerate(_COUNTS):
        j = ind[ptr[r]:ptr[r + 1]]
        f = np.hstack([F[j, :k], np.ones((c, 1))]) if use_bias else F[j, :k]
        t = val[ptr[r]:ptr[r + 1]].astype(np.float64) - mu - (F[j, k] if use_bias else 0.0)
        lam = reg * c if weighted else reg
        want = np.linalg.solve(f.T @ f + lam * np.eye(m), f.T @ t) if c else np.zeros(m)
        np.testing.assert_allclose(X[r, :m], want, rtol=1e-10, atol=1e-12, err_msg=f"row {r} ({c} ratings)")
    if not use_bias:
        assert np.isnan(X[:, k]).all()  # the bias column is left alone without biases


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("weighted", [True, False], ids=["weighted", "unweighted"])
def test_als_objective_equals_numpy(dtype, weighted):
    """als_objective = (Σ (r − mu − b_u − b_i − x_u·y_j)², λ Σ w (|x|² + b²)) computed in float64 by NumPy,
    for float32 or float64 storage, and does not depend on the number of blocks."""
    k, mu, reg, n_cols = 4, 3.1, 0.7, 120
    ptr, ind, val = _rows_of(_COUNTS, n_cols, 4)
    rng = np.random.default_rng(5)
    Xp = _kernels.padded_factors(len(_COUNTS), k, dtype, True)
    Yp = _kernels.padded_factors(n_cols, k, dtype, True)
    Xp[:] = rng.normal(size=Xp.shape)
    Yp[:] = rng.normal(size=Yp.shape)
    counts_i = np.bincount(ind, minlength=n_cols)
    X, Y = Xp.astype(np.float64), Yp.astype(np.float64)
    u = np.repeat(np.arange(len(_COUNTS)), _COUNTS)
    e = val.astype(np.float64) - mu - X[u, k] - Y[ind, k] - np.einsum("ij,ij->i", X[u, :k], Y[ind, :k])
    wu = np.array(_COUNTS, float) if weighted else np.ones(len(_COUNTS))
    wi = counts_i.astype(float) if weighted else np.ones(n_cols)
    pen = reg * (wu @ np.sum(X**2, axis=1) + wi @ np.sum(Y**2, axis=1))
    scale = len(val) * np.finfo(np.float64).eps
    for n_blocks in (1, 3, 64):
        sse, penalty = _kernels.als_objective(ptr, ind, val, counts_i, Xp, Yp, k, mu, reg, weighted, n_blocks)
        assert sse == pytest.approx(e @ e, rel=scale) and penalty == pytest.approx(pen, rel=scale)


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
