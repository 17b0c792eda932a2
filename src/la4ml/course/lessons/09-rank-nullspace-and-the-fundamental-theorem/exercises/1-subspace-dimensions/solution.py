"""Exercise 9.1 — The dimensions of the four fundamental subspaces (reference solution)."""

import numpy as np


def subspace_dimensions(A, rtol=None):
    """Return ``(r, n - r, r, m - r)`` with ``r`` the number of singular values above ``rtol * σ_max``."""
    A = np.asarray(A, dtype=float)
    m, n = A.shape
    s = np.linalg.svd(A, compute_uv=False)  # (min(m, n),), largest first
    if rtol is None:
        rtol = max(m, n) * np.finfo(A.dtype).eps  # the SVD's own rounding level, relative to σ_max
    cutoff = rtol * s.max(initial=0.0)
    r = int(np.count_nonzero(s > cutoff))  # strictly greater: the zero matrix (cut-off 0) has rank 0
    return (r, n - r, r, m - r)


if __name__ == "__main__":
    A = np.array([[1.0, 2.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 2.0, 1.0, 2.0]])
    for scale in [1.0, 1e6]:
        print(f"scale {scale:g}: dimensions {subspace_dimensions(scale * A)}, "
              f"np.linalg.matrix_rank: {np.linalg.matrix_rank(scale * A)}")
