"""Exercise 5.1 — Test linear independence by the numerical rank (reference solution)."""

import numpy as np


def is_linearly_independent(V, tol=1e-10):
    """Return True if the columns of ``V`` are linearly independent.

    Parameters
    ----------
    V : ndarray of shape (n, k)
        The k vectors are the columns, each of length n.
    tol : float, default 1e-10
        Relative tolerance: a singular value counts as nonzero only if it is greater than
        ``tol * σ_max``.

    Returns
    -------
    bool
        True if the numerical rank of ``V`` equals k, the number of columns.
    """
    V = np.asarray(V, dtype=float)
    n, k = V.shape
    s = np.linalg.svd(V, compute_uv=False)  # (min(n, k),) largest first
    if s.size == 0 or s[0] == 0:
        return False  # no vectors, or only zero vectors
    rank = int(np.count_nonzero(s > tol * s[0]))
    return rank == k  # compare with the number of vectors (columns), not of entries (rows)


if __name__ == "__main__":
    V = np.array([[1.0, 4.0, 7.0], [2.0, 5.0, 8.0], [3.0, 6.0, 9.0]])  # column 3 = 2 column 2 - column 1
    print("singular values:", np.linalg.svd(V, compute_uv=False))
    print("independent (tol=1e-10):", is_linearly_independent(V))
    print("independent (tol=0):    ", is_linearly_independent(V, tol=0.0), " <- fooled by rounding")
