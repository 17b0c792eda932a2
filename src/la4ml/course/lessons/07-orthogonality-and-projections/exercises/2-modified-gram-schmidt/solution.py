"""Exercise 7.2 — Modified Gram–Schmidt, from scratch (reference solution)."""

import numpy as np


def modified_gram_schmidt(A, tol=1e-10):
    """Return ``(Q, R)`` with ``A = Q R``, by modified Gram–Schmidt; raise LinAlgError on a dependent column."""
    A = np.asarray(A, dtype=float)
    m, n = A.shape
    Q = np.zeros((m, n))
    R = np.zeros((n, n))
    for j in range(n):
        v = A[:, j].copy()
        for i in range(j):
            R[i, j] = Q[:, i] @ v  # from what is LEFT of the column: the "modified" in MGS
            v -= R[i, j] * Q[:, i]
        R[j, j] = np.linalg.norm(v)
        if R[j, j] <= tol * np.linalg.norm(A[:, j]):  # relative to the column's own length; a zero column too
            raise np.linalg.LinAlgError(f"column {j} depends on the earlier columns: nothing new is left of it")
        Q[:, j] = v / R[j, j]
    return Q, R


if __name__ == "__main__":
    delta = 1e-8
    A = np.vstack([np.ones((1, 3)), delta * np.eye(3)])  # Läuchli's matrix: nearly parallel columns
    Q, R = modified_gram_schmidt(A)
    print("modified:  |QᵀQ - I| =", np.linalg.norm(Q.T @ Q - np.eye(3), 2), " |QR - A| =", np.linalg.norm(Q @ R - A))
    from la4ml.factorizations import gram_schmidt
    Q_c, _ = gram_schmidt(A, method="classical")
    print("classical: |QᵀQ - I| =", np.linalg.norm(Q_c.T @ Q_c - np.eye(3), 2))
