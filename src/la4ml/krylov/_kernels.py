"""Compiled loops of the Krylov solvers (numba). Validation lives in the callers; these only loop.

Each kernel makes ONE pass over its vectors where SciPy's loop makes one pass per NumPy
operation: the CSR product is fused with the dot product ``pᵀq``, and the updates of ``x`` and
``r`` with the new ``rᵀr``. Sums are accumulated in float64 even for float32 vectors.
"""

from __future__ import annotations

import numpy as np
from numba import njit


def unsigned(index_array):
    """View a CSR index array as unsigned (same bits): indices are never negative."""
    return index_array.view(np.uint32 if index_array.dtype.itemsize == 4 else np.uint64)


@njit(cache=True)
def csr_matvec_dot(indptr, indices, data, p, q):
    """q = A p for A in CSR, and return pᵀq (one pass over A and p)."""
    n = q.shape[0]
    s = 0.0
    for i in range(n):
        acc = 0.0
        for k in range(indptr[i], indptr[i + 1]):
            acc += data[k] * p[indices[k]]
        q[i] = acc
        s += acc * p[i]
    return s


@njit(cache=True)
def dot(u, v):
    s = 0.0
    for i in range(u.shape[0]):
        s += u[i] * v[i]
    return s


@njit(cache=True)
def update_xr(x, r, p, q, alpha):
    """x += alpha p; r -= alpha q; return rᵀr (one pass)."""
    s = 0.0
    for i in range(x.shape[0]):
        x[i] += alpha * p[i]
        ri = r[i] - alpha * q[i]
        r[i] = ri
        s += ri * ri
    return s


@njit(cache=True)
def scale_into(r, inv_d, z):
    """z = r * inv_d (the Jacobi preconditioner, in place)."""
    for i in range(r.shape[0]):
        z[i] = r[i] * inv_d[i]


@njit(cache=True)
def update_p(p, z, beta):
    """p = z + beta p (in place)."""
    for i in range(p.shape[0]):
        p[i] = z[i] + beta * p[i]


@njit(cache=True)
def ic0(indptr, indices, data, n):
    """IC(0) of the lower triangle given in CSR (sorted columns, diagonal last in each row).

    Returns (Ldata, bad_row, bad_value): bad_row = -1 on success, else the row whose pivot
    ``a_ii - sum_j l_ij²`` was not positive, and that value.
    """
    L = data.copy()
    for i in range(n):
        start = indptr[i]
        end = indptr[i + 1]
        for kk in range(start, end - 1):  # off-diagonal entries l_ik, k < i, in column order
            k = indices[kk]
            # s = sum over j < k in both row i and row k of l_ij l_kj (merge of two sorted rows)
            s = 0.0
            a = start
            c = indptr[k]
            cend = indptr[k + 1] - 1  # exclude row k's diagonal
            while a < kk and c < cend:
                ja = indices[a]
                jc = indices[c]
                if ja == jc:
                    s += L[a] * L[c]
                    a += 1
                    c += 1
                elif ja < jc:
                    a += 1
                else:
                    c += 1
            L[kk] = (L[kk] - s) / L[indptr[k + 1] - 1]
        s = 0.0
        for kk in range(start, end - 1):
            s += L[kk] * L[kk]
        d = L[end - 1] - s
        if not d > 0.0:
            return L, i, d
        L[end - 1] = d ** 0.5
    return L, -1, 0.0


@njit(cache=True)
def ic_solve(lp, li, lx, up, ui, ux, inv_d, r, z):
    """z = (L Lᵀ)⁻¹ r. L's strictly lower part in CSR (lp, li, lx), Lᵀ's strictly upper part in CSR
    (up, ui, ux), inv_d = 1 / diag(L). Both sweeps gather (row-oriented), so each row waits on
    one multiply-add chain only."""
    n = r.shape[0]
    for i in range(n):  # forward: L y = r (y stored in z)
        s = r[i]
        for kk in range(lp[i], lp[i + 1]):
            s -= lx[kk] * z[li[kk]]
        z[i] = s * inv_d[i]
    for i in range(n - 1, -1, -1):  # backward: Lᵀ z = y
        s = z[i]
        for kk in range(up[i], up[i + 1]):
            s -= ux[kk] * z[ui[kk]]
        z[i] = s * inv_d[i]


@njit(cache=True)
def mgs_orthogonalize(V, k1, w, h):
    """Modified Gram–Schmidt of ``w`` against the rows ``V[0], ..., V[k1-1]`` (orthonormal), in place:
    ``h[k] = v_kᵀ w`` with ``w`` already reduced by ``v_0 … v_{k-1}``, then ``w -= h[k] v_k``, exactly
    SciPy's GMRES loop. Returns ``(‖w‖ before, ‖w‖ after)``.

    One pass per basis vector where NumPy needs three or more: the update by ``v_k`` is fused with
    the dot product against ``v_{k+1}`` (the same numbers, as each entry of ``w`` is final before it
    enters the next dot product), the first dot with ``‖w‖`` before, the last update with ``‖w‖`` after."""
    n = w.shape[0]
    s0 = 0.0
    s = 0.0
    for i in range(n):
        wi = w[i]
        s0 += wi * wi
        s += V[0, i] * wi
    h[0] = s
    for k in range(k1):
        c = h[k]
        s = 0.0
        if k + 1 < k1:
            for i in range(n):
                wi = w[i] - c * V[k, i]
                w[i] = wi
                s += wi * V[k + 1, i]
            h[k + 1] = s
        else:
            for i in range(n):
                wi = w[i] - c * V[k, i]
                w[i] = wi
                s += wi * wi
    return s0 ** 0.5, s ** 0.5
