"""Exercise 5.1 — Test linear independence by the numerical rank (reference solution)."""

import numpy as np


def is_linearly_independent(V, tol=1e-10):
    """Return True if the columns of ``V`` are linearly independent.

    Parameters
    ----------
    V : ndarray of shape (n, k), n >= 1, k >= 1
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
    s = np.linalg.svd(V, compute_uv=False)  # (min(n, k),) largest first: s[0] is σ_max
    rank = int(np.count_nonzero(s > tol * s[0]))  # all zeros: nothing is > 0, rank 0
    return rank == V.shape[1]  # compare with the number of vectors (columns), not of entries (rows)


if __name__ == "__main__":
    V = np.array([[1.0, 4.0, 7.0], [2.0, 5.0, 8.0], [3.0, 6.0, 9.0]])  # column 3 = 2 column 2 - column 1
    print("singular values:", np.linalg.svd(V, compute_uv=False))
    print("independent (tol=1e-10):", is_linearly_independent(V))
    print("independent (tol=0):    ", is_linearly_independent(V, tol=0.0), " <- fooled by rounding")
    P = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])  # two independent columns
    print("both columns times 1e-12:", is_linearly_independent(1e-12 * P), " <- a common change of units is harmless")
    Q = P * [1.0, 1e-12]
    print("only column 1 times 1e-12:", is_linearly_independent(Q), " <- σ₂/σ₁ is now about 1e-12 < tol")
    print("after scaling the columns to length 1:", is_linearly_independent(Q / np.linalg.norm(Q, axis=0)))
