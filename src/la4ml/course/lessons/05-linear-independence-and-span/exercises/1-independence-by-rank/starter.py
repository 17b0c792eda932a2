"""Exercise 5.1 — Test linear independence by the numerical rank.

Write ``is_linearly_independent(V, tol=1e-10)``: True exactly when the columns of ``V`` are
linearly independent, judged by counting the singular values above ``tol * σ_max``.
"""

import numpy as np


def is_linearly_independent(V, tol=1e-10):
    """Return True if the columns of ``V`` are linearly independent.

    Parameters
    ----------
    V : ndarray of shape (n, k), n >= 1, k >= 1
        The k vectors are the columns, each of length n.
    tol : float, default 1e-10
        Relative tolerance: a singular value counts as nonzero only if it is greater than
        ``tol * σ_max``, where ``σ_max`` is the largest singular value of ``V``.

    Returns
    -------
    bool
        True if the numerical rank of ``V`` equals k, the number of columns; False otherwise
        (including when V is all zeros, or when there are more vectors than entries, k > n).

    Examples
    --------
    >>> is_linearly_independent(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]))
    True
    >>> is_linearly_independent(np.array([[1.0, 4.0, 7.0], [2.0, 5.0, 8.0], [3.0, 6.0, 9.0]]))
    False
    """
    # TODO: compute the singular values (np.linalg.svd(V, compute_uv=False)), count those above
    #       tol * their maximum, and compare the count with the number of columns of V.
    raise NotImplementedError


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
