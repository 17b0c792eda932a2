"""Exercise 22.2 — Householder QR from scratch, with a non-negative diagonal of R (reference solution)."""

import numpy as np

from la4ml.factorizations import householder_vector


def householder_qr(A, mode="reduced"):
    """Factor ``A = Q R`` by Householder reflections.

    Parameters
    ----------
    A : ndarray of shape (m, n), with m >= n
        The matrix to factor (any rank). Not modified.
    mode : {'reduced', 'complete'}, default 'reduced'
        ``'reduced'``: ``Q`` (m, n), ``R`` (n, n). ``'complete'``: ``Q`` (m, m), ``R`` (m, n).

    Returns
    -------
    Q : ndarray
        Orthonormal columns.
    R : ndarray
        Upper triangular with a non-negative diagonal, ``Q @ R == A`` to rounding.
    """
    if mode not in ("reduced", "complete"):
        raise ValueError(f"mode must be 'reduced' or 'complete', got {mode!r}")
    R = np.array(A, dtype=float)                  # a copy: A is not modified
    m, n = R.shape
    if m < n:
        raise ValueError(f"A must have at least as many rows as columns, got shape {R.shape}")
    Q = np.eye(m)
    for j in range(min(m - 1, n)):                # a square matrix's last column has nothing below its diagonal
        v, _ = householder_vector(R[j:, j])
        R[j:, j:] -= 2 * np.outer(v, v @ R[j:, j:])      # R = H_j R: rows j and below only
        Q[:, j:] -= 2 * np.outer(Q[:, j:] @ v, v)        # Q = Q H_j: columns j and after only
    R = np.triu(R)                                # the entries below the diagonal are rounding-size: make them 0
    d = np.where(np.diag(R) < 0, -1.0, 1.0)       # the sign fix: R's diagonal non-negative
    R[:n] *= d[:, None]
    Q[:, :n] *= d
    if mode == "reduced":
        return Q[:, :n], R[:n]
    return Q, R


if __name__ == "__main__":
    A = np.array([[3.0, 1.0], [4.0, 2.0], [0.0, 0.3]])
    Q, R = householder_qr(A)
    print("Q =\n", Q, "\nR =\n", R)
    Q_np, R_np = np.linalg.qr(A)
    D = np.sign(np.diag(R_np))
    print("equal to numpy's after the sign fix:", np.allclose(Q, Q_np * D) and np.allclose(R, D[:, None] * R_np))
