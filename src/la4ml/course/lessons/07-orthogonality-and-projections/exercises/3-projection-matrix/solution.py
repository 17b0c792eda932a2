"""Exercise 7.3 — The projection matrix onto a column space, for any rank (reference solution)."""

import numpy as np


def projection_matrix(A, tol=1e-10):
    """Return ``P = Q Qᵀ``, the projector onto the column space of ``A``, with ``Q`` from the SVD."""
    A = np.asarray(A, dtype=float)
    U, s, _ = np.linalg.svd(A, full_matrices=False)  # U: (m, min(m, n)); s: largest first
    keep = s > tol * s[0] if s.size else np.zeros(0, dtype=bool)  # A = 0: s[0] = 0, nothing is kept
    Q = U[:, keep]  # (m, r): an orthonormal basis of the column space
    return Q @ Q.T


if __name__ == "__main__":
    A = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 1.0, 2.0]])
    P = projection_matrix(A)
    b = np.array([1.0, 1.0, 0.0])
    print("P =\n", P)
    print("symmetric:", np.allclose(P, P.T), " P @ P == P:", np.allclose(P @ P, P))
    print("P @ b =", P @ b, " Aᵀ(b - P b) =", A.T @ (b - P @ b))
