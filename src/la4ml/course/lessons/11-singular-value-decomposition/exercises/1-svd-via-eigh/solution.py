"""Exercise 11.1 — The SVD from the eigendecomposition of AᵀA, from scratch (reference solution)."""

import numpy as np


def svd_via_eigh(A):
    """Return the thin SVD ``(U, s, Vt)`` of ``A``, computed from ``np.linalg.eigh(A.T @ A)``."""
    A = np.asarray(A, dtype=float)
    m, n = A.shape
    k = min(m, n)
    lam, V = np.linalg.eigh(A.T @ A)              # ascending eigenvalues, eigenvectors as columns
    lam, V = lam[::-1][:k], V[:, ::-1][:, :k]     # the k largest, largest first
    s = np.sqrt(np.maximum(lam, 0.0))             # rounding can make a zero eigenvalue slightly negative
    smallest, largest = s[-1], s[0]
    if smallest <= np.sqrt(max(m, n) * np.finfo(float).eps) * largest:
        raise ValueError(f"A is rank-deficient to the precision of AᵀA: sigma_min = {smallest:.3g}, "
                         f"sigma_max = {largest:.3g}")
    U = (A @ V) / s                               # u_i = A v_i / sigma_i: the signs pair up with V's
    return U, s, V.T


if __name__ == "__main__":
    A = np.array([[2.0, 2.0], [-1.0, 2.0]])
    U, s, Vt = svd_via_eigh(A)
    print("s =", s, "(np.linalg.svd:", np.linalg.svd(A, compute_uv=False), ")")
    print("U Σ Vᵀ == A:", np.allclose(U @ np.diag(s) @ Vt, A))
    W = np.array([[1.0, 0.0, 2.0, 1.0, 0.0], [0.0, 3.0, 1.0, 0.0, 1.0]])
    U, s, Vt = svd_via_eigh(W)
    print("wide 2 × 5: shapes", U.shape, s.shape, Vt.shape, " s =", s)
