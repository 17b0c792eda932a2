"""Compiled inner loops of the recommender engine (numba, cached on disk).

Everything here works on plain arrays: CSR triples ``(indptr, indices, data)``, factor matrices
``X`` (one row per user or item) and bias vectors. The Python side (``_data``, ``_als``, ``_sgd``)
validates inputs and owns the objects; these functions only loop. ``cache=True`` keeps the compiled
code between processes, so only the very first call on a machine pays the compile time.
"""

from __future__ import annotations

import os

import numpy as np
from numba import njit, prange

from la4ml.recsys._intrinsics import prefetch_item, sgd_step_lanes

# ----------------------------------------------------------------------------------------------
# Sparse structure: canonical (row, col) order, duplicates, transposition, per-row splitting
# ----------------------------------------------------------------------------------------------


@njit(cache=True)
def is_canonical(rows, cols):
    """True when the pairs are sorted by row, then by column, without repeats."""
    for p in range(1, rows.size):
        if rows[p] < rows[p - 1] or (rows[p] == rows[p - 1] and cols[p] <= cols[p - 1]):
            return False
    return True


@njit(cache=True)
def counting_sort(rows, n_rows):
    """Stable permutation that sorts ``rows``; returns ``(indptr, perm)``."""
    counts = np.zeros(n_rows + 1, dtype=np.int64)
    for p in range(rows.size):
        counts[rows[p] + 1] += 1
    for r in range(n_rows):
        counts[r + 1] += counts[r]
    indptr = counts.copy()
    nxt = counts[:-1].copy()
    perm = np.empty(rows.size, dtype=np.int64)
    for p in range(rows.size):
        r = rows[p]
        perm[nxt[r]] = p
        nxt[r] += 1
    return indptr, perm


@njit(cache=True)
def sort_segments(indptr, perm, cols):
    """Stably sort each segment ``perm[indptr[r]:indptr[r+1]]`` by ``cols[perm]`` (in place)."""
    n = indptr.size - 1
    for r in range(n):
        lo = indptr[r]
        hi = indptr[r + 1]
        if hi - lo <= 32:  # insertion sort: stable and fastest for short rows
            for p in range(lo + 1, hi):
                v = perm[p]
                c = cols[v]
                q = p - 1
                while q >= lo and cols[perm[q]] > c:
                    perm[q + 1] = perm[q]
                    q -= 1
                perm[q + 1] = v
        else:
            seg = perm[lo:hi].copy()
            keys = cols[seg]
            order = np.argsort(keys, kind="mergesort")
            for p in range(hi - lo):
                perm[lo + p] = seg[order[p]]


@njit(cache=True)
def find_duplicates(rows, cols):
    """For pairs in canonical order with possible repeats: ``(n_repeats, first_repeat_position)``."""
    count = 0
    first = -1
    for p in range(1, rows.size):
        if rows[p] == rows[p - 1] and cols[p] == cols[p - 1]:
            if first < 0:
                first = p
            count += 1
    return count, first


@njit(cache=True)
def merge_duplicates(rows, cols, vals, how):
    """Collapse repeated pairs (canonical order): how 0 = mean, 1 = first, 2 = last."""
    n = rows.size
    keep = np.zeros(n, dtype=np.bool_)
    out = vals.copy()
    p = 0
    while p < n:
        q = p + 1
        s = np.float64(vals[p])
        while q < n and rows[q] == rows[p] and cols[q] == cols[p]:
            s += vals[q]
            q += 1
        if how == 0:
            out[p] = s / (q - p)
        elif how == 2:
            out[p] = vals[q - 1]
        keep[p] = True
        p = q
    return keep, out


@njit(cache=True)
def transpose_csr(indptr, indices, data, n_cols):
    """CSR of the transpose (CSC of the matrix), rows of the result sorted by column index."""
    nnz = indices.size
    t_indptr = np.zeros(n_cols + 1, dtype=np.int64)
    for p in range(nnz):
        t_indptr[indices[p] + 1] += 1
    for c in range(n_cols):
        t_indptr[c + 1] += t_indptr[c]
    nxt = t_indptr[:-1].copy()
    t_indices = np.empty(nnz, dtype=np.int32)
    t_data = np.empty(nnz, dtype=data.dtype)
    for r in range(indptr.size - 1):
        for p in range(indptr[r], indptr[r + 1]):
            c = indices[p]
            q = nxt[c]
            t_indices[q] = r
            t_data[q] = data[p]
            nxt[c] = q + 1
    return t_indptr, t_indices, t_data


@njit(cache=True)
def split_rows(indptr, test_counts, seed):
    """Mark ``test_counts[r]`` random entries of each row as test; returns a boolean mask."""
    n = indptr.size - 1
    mask = np.zeros(indptr[-1], dtype=np.bool_)
    n_blocks = 64
    block = (n + n_blocks - 1) // n_blocks
    for t in range(n_blocks):
        np.random.seed(seed + t)  # one random stream per block of rows: reproducible
        for r in range(t * block, min(n, (t + 1) * block)):
            lo = indptr[r]
            cnt = indptr[r + 1] - lo
            m = test_counts[r]
            # partial Fisher-Yates on positions: choose m distinct of cnt
            if m == 0:
                continue
            pos = np.arange(cnt)
            for j in range(m):
                s = j + np.random.randint(0, cnt - j)
                tmp = pos[j]
                pos[j] = pos[s]
                pos[s] = tmp
                mask[lo + pos[j]] = True
    return mask


# ----------------------------------------------------------------------------------------------
# ALS: one half-step solves one small ridge system per row
# ----------------------------------------------------------------------------------------------


@njit(parallel=True, cache=True, fastmath=True)
def als_half_step(indptr, indices, data, F, k, mu, reg, weighted, use_bias, X, n_blocks):
    """Solve, for every row ``u`` of the CSR, the ridge system of ALS (any ``k``).

    ``F`` and ``X`` hold one factor row per item (user) in their first ``k`` columns and, when
    ``use_bias``, the bias in column ``k`` (the padded layout of ``padded_factors``). With
    ``f_j = F[j, :k]`` (and a trailing 1 when ``use_bias``) and targets
    ``t_uj = r_uj - mu - F[j, k]`` (``t_uj = r_uj - mu`` without biases; the caller passes
    ``mu = 0`` for an uncentered model)::

        (sum_j f_j f_j^T + lam I) z_u = sum_j t_uj f_j,   lam = reg * n_u (weighted) or reg

    ``z_u`` goes to ``X[u, :k]`` (and its last entry, the bias, to ``X[u, k]``). Rows without
    ratings get zeros. Gram matrices are accumulated in float64 and solved by Cholesky.
    """
    n = indptr.size - 1
    m = k + 1 if use_bias else k
    block = (n + n_blocks - 1) // n_blocks
    for t in prange(n_blocks):
        A = np.empty((m, m))
        b = np.empty(m)
        f = np.empty(m)
        for u in range(t * block, min(n, (t + 1) * block)):
            lo = indptr[u]
            hi = indptr[u + 1]
            cnt = hi - lo
            if cnt == 0:
                for a in range(m):
                    X[u, a] = 0.0
                continue
            A[:, :] = 0.0
            b[:] = 0.0
            if use_bias:
                f[k] = 1.0
            for p in range(lo, hi):
                j = indices[p]
                r = np.float64(data[p]) - mu
                if use_bias:
                    r -= F[j, k]
                for a in range(k):
                    f[a] = F[j, a]
                for a in range(m):
                    fa = f[a]
                    b[a] += r * fa
                    for c in range(a + 1):
                        A[a, c] += fa * f[c]
            lam = reg * cnt if weighted else reg
            for a in range(m):
                A[a, a] += lam
            for j in range(m):
                s = A[j, j]
                for c in range(j):
                    s -= A[j, c] * A[j, c]
                d = np.sqrt(s) if s > 0.0 else 1e-12
                dinv = 1.0 / d
                A[j, j] = dinv  # the diagonal holds 1 / L[j, j]
                for i in range(j + 1, m):
                    s2 = A[i, j]
                    for c in range(j):
                        s2 -= A[i, c] * A[j, c]
                    A[i, j] = s2 * dinv
            for i in range(m):
                s = b[i]
                for c in range(i):
                    s -= A[i, c] * b[c]
                b[i] = s * A[i, i]
            for i in range(m - 1, -1, -1):
                s = b[i]
                for c in range(i + 1, m):
                    s -= A[c, i] * b[c]
                b[i] = s * A[i, i]
            for a in range(m):
                X[u, a] = b[a]


def padded_factors(n, k, dtype, use_bias, align=False):
    """Zeroed ``(n, k + 1)`` factor storage with the bias in the last column, 64-byte aligned.

    Keeping the bias beside the factors means one gather per rating instead of two. With
    ``align=True`` rows are padded to whole cache lines (fewer lines per row, but a larger
    footprint, which measured slower: the fixed factors then fall out of L2 sooner).
    """
    return aligned_rows(n, k + 1, dtype, whole_lines=align)


def aligned_rows(n, width, dtype, whole_lines=False):
    """Zeroed ``(n, W)`` array whose first row starts on a 64-byte boundary; ``W = width``, or
    ``width`` rounded up to whole 64-byte lines when ``whole_lines`` (then every row is aligned)."""
    dtype = np.dtype(dtype)
    per_line = 64 // dtype.itemsize
    W = -(-width // per_line) * per_line if whole_lines else width
    buf = np.zeros(n * W + per_line, dtype=dtype)
    off = (-buf.ctypes.data % 64) // dtype.itemsize
    return buf[off:off + n * W].reshape(n, W)


@njit(parallel=True, cache=True, fastmath=True)
def als_objective(indptr, indices, data, item_counts, Xp, Yp, k, mu, reg, weighted, n_blocks):
    """ALS's objective on the padded layout: returns ``(sse, penalty)``, both float64.

    ``Xp`` (users) and ``Yp`` (items) hold the factors in columns ``:k`` and the bias in column
    ``k`` (zero when the model has none), as ``padded_factors`` lays them out. With
    ``e_uj = r_uj - (mu + Xp[u, k] + Yp[j, k] + Xp[u, :k] . Yp[j, :k])`` over the CSR by user::

        sse = sum e_uj^2,   penalty = reg (sum_u w_u ||Xp[u, :k+1]||^2 + sum_i w_i ||Yp[i, :k+1]||^2)

    with ``w`` the row counts (``item_counts`` for items) when ``weighted``, else 1. Products are
    taken in float64 whatever the storage, and the per-block partial sums are added in block
    order, so for a given ``n_blocks`` the result does not depend on how threads share the blocks.
    """
    n = indptr.size - 1
    n_items = Yp.shape[0]
    m = Xp.shape[1]
    block = (n + n_blocks - 1) // n_blocks
    block_i = (n_items + n_blocks - 1) // n_blocks
    sse = np.zeros(n_blocks)
    pen = np.zeros(n_blocks)
    pen_i = np.zeros(n_blocks)
    for t in prange(n_blocks):
        s = 0.0
        q = 0.0
        for u in range(t * block, min(n, (t + 1) * block)):
            xb = np.float64(Xp[u, k])
            for p in range(indptr[u], indptr[u + 1]):
                j = indices[p]
                pred = mu + xb + np.float64(Yp[j, k])
                for a in range(k):
                    pred += np.float64(Xp[u, a]) * np.float64(Yp[j, a])
                e = np.float64(data[p]) - pred
                s += e * e
            w = np.float64(indptr[u + 1] - indptr[u]) if weighted else 1.0
            nx = 0.0
            for a in range(m):
                nx += np.float64(Xp[u, a]) * np.float64(Xp[u, a])
            q += w * nx
        sse[t] = s
        pen[t] = q
        q = 0.0
        for i in range(t * block_i, min(n_items, (t + 1) * block_i)):
            w = np.float64(item_counts[i]) if weighted else 1.0
            ny = 0.0
            for a in range(m):
                ny += np.float64(Yp[i, a]) * np.float64(Yp[i, a])
            q += w * ny
        pen_i[t] = q
    total_sse = 0.0
    total_pen = 0.0
    for t in range(n_blocks):
        total_sse += sse[t]
        total_pen += pen[t] + pen_i[t]
    return total_sse, reg * total_pen


@njit(cache=True, fastmath=True)
def predict_pairs(users, items, X, Y, bu, bi, mu, use_bias, out):
    """``out[p] = mu + bu[u] + bi[i] + X[u] . Y[i]`` for each pair ``p``."""
    k = X.shape[1]
    for p in range(users.size):
        u = users[p]
        j = items[p]
        s = 0.0
        for a in range(k):
            s += X[u, a] * Y[j, a]
        if use_bias:
            s += mu + bu[u] + bi[j]
        out[p] = s


# ----------------------------------------------------------------------------------------------
# SGD (Funk-style biased matrix factorization): one pass over the ratings, in the given order
# ----------------------------------------------------------------------------------------------
#
# Layout: a user's row of P is ``[p_0 .. p_{k-1}, b_u, 1, 0 ..]`` and an item's row of Q is
# ``[q_0 .. q_{k-1}, 1, b_i, 0 ..]``, both padded to W lanes (a whole number of 64-byte cache lines,
# rows 64-byte aligned: see ``sgd_rows``). Then ``mu + b_u + b_i + p . q`` is ``mu + P[u] . Q[i]``
# over all W lanes, and the four update rules are one rule over the lanes with per-lane learning
# rates and penalties (``sgd_lane_masks``: zero on the constant 1 and on the padding, which
# therefore never move). ``_intrinsics.sgd_step_lanes`` runs that rule as W-wide vector code:
# written as numba loops over the lanes it compiled to scalar code with a long dependency chain
# per rating (numba leaves LLVM's SLP vectorizer off), the ceiling of the earlier kernel here.
# Speeds against Cornac and Surprise: benchmarks/recsys/bench_sgd.py and its results/.

SGD_STREAMS = 4  # interleaved update chains (sgd_epoch writes out four; 5 and more measured slower)
_SGD_PREFETCH = 16  # ratings ahead whose rows' first line is prefetched (all lines measured slower)


def sgd_rows(n, k, dtype):
    """Zeroed ``(n, W)`` storage for SGD's augmented rows: W = k + 2 rounded up to whole 64-byte
    lines, and the first row 64-byte aligned, so each row of a k <= 14 float32 model is one line."""
    return aligned_rows(n, k + 2, dtype, whole_lines=True)


def sgd_lane_masks(k, W, lr, reg, reg_bias, dtype):
    """Per-lane ``lr_P, reg_P, lr_Q, reg_Q`` for the augmented rows of ``sgd_rows``: four W-tuples
    of ``dtype`` scalars (a tuple, not an array, so that W is part of the compiled type).

    Lanes ``a < k`` are factors (lr, reg). Lane ``k`` is ``b_u`` in P (lr, reg_bias) and the
    constant 1 in Q (frozen: lr 0). Lane ``k + 1`` is the constant 1 in P (frozen) and ``b_i`` in Q
    (lr, reg_bias). The padding beyond is frozen at 0.
    """
    dtype = np.dtype(dtype)
    M = np.zeros((4, W), dtype=dtype)
    M[:, :k] = [[lr], [reg], [lr], [reg]]
    M[0, k], M[1, k] = lr, reg_bias
    M[2, k + 1], M[3, k + 1] = lr, reg_bias
    return tuple(tuple(dtype.type(x) for x in row) for row in M)


@njit(cache=True)
def sgd_visit_arrays(user_perm, order, indptr, users, items, ratings, users_out, items_out, ratings_out):
    """Fill SGD's visiting-order arrays in one pass (no int64 order array for ``order='user'``).

    With ``user_perm`` (one entry or more): users in that order, each user's ratings together,
    read from the CSR ``indptr`` over ``items, ratings``; ``users_out`` gets the visiting
    position of the user (users are relabeled while fitting). Otherwise with ``order``: the
    ratings at those positions, users unchanged. ``*_out`` have the output dtypes (uint32 rows).
    """
    if user_perm.size > 0:
        p = 0
        for j in range(user_perm.size):
            u = user_perm[j]
            for q in range(indptr[u], indptr[u + 1]):
                users_out[p] = j
                items_out[p] = items[q]
                ratings_out[p] = ratings[q]
                p += 1
    else:
        for p in range(order.size):
            q = order[p]
            users_out[p] = users[q]
            items_out[p] = items[q]
            ratings_out[p] = ratings[q]


@njit(cache=True, fastmath=True, boundscheck=False, nogil=True)
def sgd_epoch(users, items, ratings, P, Q, mu, masks, interleave, prefetch_users, lo, hi):
    """One epoch of SGD over positions ``lo:hi``, updating the augmented rows ``P, Q`` in place;
    returns the sum of squared errors.

    For each rating ``r_ui``: ``e = r_ui - (mu + b_u + b_i + p_u . q_i)``, then
    ``b_u += lr (e - reg_bias b_u)``, ``b_i += lr (e - reg_bias b_i)``,
    ``p_u += lr (e q_i - reg p_u)`` and ``q_i += lr (e p_u - reg q_i)`` with the old ``p_u``
    (``masks`` from ``sgd_lane_masks``, whose length W must be the rows' length). The
    scalars arrive in P's dtype, so float32 stays float32. Without biases the caller passes
    ``mu = 0`` and leaves the two constant-1 lanes at 0, so the biases stay 0.

    ``interleave=False`` visits the ratings in array order. ``interleave=True`` deals them into
    ``SGD_STREAMS`` contiguous parts visited round-robin (``s0[0], s1[0], s2[0], s3[0], s0[1], ...``):
    still plain SGD in a fixed order, one update after the other, but consecutive updates belong to
    different users, so the CPU overlaps their dependency chains (dot product, error, update of
    ``p_u``, then the next rating of the same user) instead of waiting on each.

    The first line of each upcoming item's row is prefetched; with ``prefetch_users`` the user's
    too, which pays off when users come in random order (``order='shuffle'``: measured 2.2x in
    alternated rounds) and costs about 4% when they come one after the other.

    The GIL is released (``nogil``): threads running this on disjoint parts of the order share the
    parameters without locks, which is Hogwild! (Recht et al., 2011): rarely-shared rows make the
    races harmless for convergence, but the result is no longer bit-for-bit reproducible.
    """
    W = len(masks[0])
    if P.shape[1] != W or Q.shape[1] != W:
        raise ValueError("sgd_epoch: P and Q must have as many columns as the lane masks")
    sse = 0.0
    start = lo
    if interleave:
        h = (hi - lo) // SGD_STREAMS
        for t0 in range(lo, lo + h):
            t1 = t0 + h
            t2 = t1 + h
            t3 = t2 + h
            if t3 + _SGD_PREFETCH < hi:
                prefetch_item(Q, items[t0 + _SGD_PREFETCH], 0)
                prefetch_item(Q, items[t1 + _SGD_PREFETCH], 0)
                prefetch_item(Q, items[t2 + _SGD_PREFETCH], 0)
                prefetch_item(Q, items[t3 + _SGD_PREFETCH], 0)
                if prefetch_users:  # written out: an inline helper for these pairs measured 5% slower
                    prefetch_item(P, users[t0 + _SGD_PREFETCH], 0)
                    prefetch_item(P, users[t1 + _SGD_PREFETCH], 0)
                    prefetch_item(P, users[t2 + _SGD_PREFETCH], 0)
                    prefetch_item(P, users[t3 + _SGD_PREFETCH], 0)
            sse += sgd_step_lanes(P, users[t0], Q, items[t0], ratings[t0], mu, masks)
            sse += sgd_step_lanes(P, users[t1], Q, items[t1], ratings[t1], mu, masks)
            sse += sgd_step_lanes(P, users[t2], Q, items[t2], ratings[t2], mu, masks)
            sse += sgd_step_lanes(P, users[t3], Q, items[t3], ratings[t3], mu, masks)
        start = lo + SGD_STREAMS * h
    for t in range(start, hi):
        if t + _SGD_PREFETCH < hi:
            prefetch_item(Q, items[t + _SGD_PREFETCH], 0)
            if prefetch_users:
                prefetch_item(P, users[t + _SGD_PREFETCH], 0)
        sse += sgd_step_lanes(P, users[t], Q, items[t], ratings[t], mu, masks)
    return sse


# ----------------------------------------------------------------------------------------------
# ALS, fast path: a half-step specialized to the system size m, with the Gram matrix in registers
# ----------------------------------------------------------------------------------------------
#
# The generic ``als_half_step`` keeps the m x m Gram matrix in memory and pays a load and a store
# per multiply-add. For a fixed m the accumulators can be local scalars that LLVM keeps in
# registers, which is 2-3 times faster. Numba cannot specialize on a value, so the source of the
# kernel is generated for each m, written to a cache folder and imported from there (so that
# numba's ``cache=True`` keeps the compiled code between processes).

_MAX_UNROLLED = 24  # beyond this the generated code gets long to compile; the generic loop is used

_TEMPLATE_HEAD = '''\
"""Generated by la4ml.recsys._kernels for m = {m}, use_bias = {use_bias}. Do not edit."""
import numpy as np
from numba import njit, prange

from la4ml.recsys._intrinsics import prefetch_item

LANES = 8  # systems solved side by side: independent Cholesky chains keep the FPU busy


@njit(parallel=True, cache=True, fastmath=True, boundscheck=False)
def half_step(indptr, indices, data, F, mu, reg, weighted, X, n_blocks, prefetch):
    n = indptr.size - 1
    nnz = indices.size
    block = (n + n_blocks - 1) // n_blocks
    for t in prange(n_blocks):
        A = np.empty(({m}, {m}, LANES))
        b = np.empty(({m}, LANES))
        u0 = t * block
        u1 = min(n, (t + 1) * block)
        for g in range(u0, u1, LANES):
            for q in range(LANES):
                u = g + q
                cnt = 0
                lo = 0
                hi = 0
                if u < u1:
                    lo = indptr[u]
                    hi = indptr[u + 1]
                    cnt = hi - lo
                if cnt == 0:  # no ratings (or past the block's end): identity system, zero solution
                    for a in range({m}):
                        for c in range({m}):
                            A[a, c, q] = 0.0
                        A[a, a, q] = 1.0
                        b[a, q] = 0.0
                    continue
{init}
                for p in range(lo, hi):
                    j = indices[p]
                    if prefetch > 0 and p + prefetch < nnz:  # both ends of the row: it may straddle 2 lines
                        jj = indices[p + prefetch]
                        prefetch_item(F, jj, 0)
                        prefetch_item(F, jj, {m} - 1)
                    r = np.float64(data[p]){minus_bias}
{load}
{accumulate}
{store}
                lam = reg * cnt if weighted else reg
                for a in range({m}):
                    A[a, a, q] += lam
            # Cholesky A = L L^T of the LANES systems at once; the diagonal keeps 1 / L[j, j]
            for jj in range({m}):
                for c in range(jj):
                    for q in range(LANES):
                        A[jj, jj, q] -= A[jj, c, q] * A[jj, c, q]
                for q in range(LANES):
                    d = A[jj, jj, q]
                    A[jj, jj, q] = 1.0 / np.sqrt(d if d > 0.0 else 1e-24)
                for i in range(jj + 1, {m}):
                    for c in range(jj):
                        for q in range(LANES):
                            A[i, jj, q] -= A[i, c, q] * A[jj, c, q]
                    for q in range(LANES):
                        A[i, jj, q] *= A[jj, jj, q]
            for i in range({m}):
                for c in range(i):
                    for q in range(LANES):
                        b[i, q] -= A[i, c, q] * b[c, q]
                for q in range(LANES):
                    b[i, q] *= A[i, i, q]
            for i in range({m} - 1, -1, -1):
                for c in range(i + 1, {m}):
                    for q in range(LANES):
                        b[i, q] -= A[c, i, q] * b[c, q]
                for q in range(LANES):
                    b[i, q] *= A[i, i, q]
            for q in range(min(LANES, u1 - g)):
                for a in range({k}):
                    X[g + q, a] = b[a, q]
{write_bias}
'''


def _generate_half_step(k: int, use_bias: bool) -> str:
    m = k + 1 if use_bias else k
    ind3, ind4 = " " * 16, " " * 20
    f = [f"f{a}" for a in range(k)] + (["1.0"] if use_bias else [])
    init = [f"{ind3}b{a} = 0.0" for a in range(m)]
    init += [f"{ind3}a{a}_{c} = 0.0" for a in range(m) for c in range(a + 1)]
    load = [f"{ind4}f{a} = np.float64(F[j, {a}])" for a in range(k)]
    acc = [f"{ind4}b{a} += r * {f[a]}" for a in range(m)]
    acc += [f"{ind4}a{a}_{c} += {f[a]} * {f[c]}" for a in range(m) for c in range(a + 1)]
    store = [f"{ind3}b[{a}, q] = b{a}" for a in range(m)]
    store += [f"{ind3}A[{a}, {c}, q] = a{a}_{c}" for a in range(m) for c in range(a + 1)]
    return _TEMPLATE_HEAD.format(
        m=m, k=k, use_bias=use_bias,
        minus_bias=f" - mu - F[j, {k}]" if use_bias else " - mu",
        init="\n".join(init), load="\n".join(load), accumulate="\n".join(acc), store="\n".join(store),
        write_bias=(" " * 16 + f"X[g + q, {k}] = b[{k}, q]") if use_bias else "",
    )


_SPECIALIZED: dict = {}


def _kernel_dir():
    import os
    from pathlib import Path

    env = os.environ.get("LA4ML_KERNEL_CACHE")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("la4ml", appauthor=False)) / "recsys-kernels"


def specialized_half_step(k: int, use_bias: bool):
    """The half-step compiled for this ``k`` (None when ``k`` is too large: use the generic one)."""
    m = k + 1 if use_bias else k
    if m > _MAX_UNROLLED:
        return None
    key = (k, bool(use_bias))
    if key in _SPECIALIZED:
        return _SPECIALIZED[key]
    import hashlib
    import importlib.util
    import sys

    source = _generate_half_step(k, use_bias)
    digest = hashlib.sha1(source.encode()).hexdigest()[:12]
    name = f"la4ml_als_k{k}_{'bias' if use_bias else 'nobias'}_{digest}"
    try:
        folder = _kernel_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.py"
        if not path.exists():
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(source)
            os.replace(tmp, path)  # atomic: concurrent processes never see half a file
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        fn = module.half_step
    except OSError:  # no writable cache folder: compile in memory (no cache between processes)
        import numba

        ns: dict = {}
        exec(compile(source.replace("cache=True", "cache=False"), name, "exec"), ns)  # noqa: S102
        fn = ns["half_step"]
        del numba
    _SPECIALIZED[key] = fn
    return fn


@njit(cache=True)
def residual_sums(rows, cols, vals, mu, col_bias, n_rows):
    """``out[r] = sum over entries (r, c, v) of (v - mu - col_bias[c])``, without temporaries."""
    out = np.zeros(n_rows)
    for p in range(rows.size):
        out[rows[p]] += vals[p] - mu - col_bias[cols[p]]
    return out
