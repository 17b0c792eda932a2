"""Exercise 9.2 — Orthonormal bases of the four fundamental subspaces (reference solution)."""

import numpy as np


def four_subspaces(A, rtol=None):
    """Return ``(column_space, null_space, row_space, left_null_space)`` from the full SVD of ``A``."""
    A = np.asarray(A, dtype=float)
    m, n = A.shape
    U, s, Vh = np.linalg.svd(A, full_matrices=True)  # U (m, m), Vh (n, n): the null spaces need all of them
    if rtol is None:
        rtol = max(m, n) * np.finfo(A.dtype).eps
    r = int(np.count_nonzero(s > rtol * s.max(initial=0.0)))
    column_space = U[:, :r]  # (m, r)
    left_null_space = U[:, r:]  # (m, m - r)
    row_space = Vh[:r].T  # (n, r): the first r ROWS of Vh, as columns
    null_space = Vh[r:].T  # (n, n - r): the last n - r rows of Vh, as columns
    return column_space, null_space, row_space, left_null_space


if __name__ == "__main__":
    import scipy.linalg

    A = np.array([[1.0, 2.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 2.0, 1.0, 2.0]])
    col, null, row, left = four_subspaces(A)
    print("shapes:", col.shape, null.shape, row.shape, left.shape)
    N = scipy.linalg.null_space(A)
    print("same null space as SciPy:", np.allclose(null @ null.T, N @ N.T))
    print("A @ null_space ≈ 0:", np.allclose(A @ null, 0), "  Aᵀ @ left_null_space ≈ 0:", np.allclose(A.T @ left, 0))
