"""Exercise 8.1 — LU factorization with partial pivoting, from scratch.

Write ``lu_partial_pivoting(A)``: return ``(P, L, U)`` with ``A = P @ L @ U``, built by Gaussian
elimination with row swaps (partial pivoting). Compare with ``scipy.linalg.lu`` afterwards.
"""

import numpy as np


def lu_partial_pivoting(A):
    """Factor a square matrix as ``A = P @ L @ U`` by Gaussian elimination with partial pivoting.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        A square matrix of floats (possibly singular). Do not modify it.

    Returns
    -------
    P : ndarray of shape (n, n)
        A permutation matrix: ``P[perm[i], i] = 1`` where row ``i`` of ``L @ U`` is row
        ``perm[i]`` of ``A`` (SciPy's convention ``A = P L U``; the textbook's ``P A = L U`` uses
        the transpose).
    L : ndarray of shape (n, n)
        Unit lower triangular (ones on the diagonal, zeros above), every ``|L[i, j]| <= 1``.
    U : ndarray of shape (n, n)
        Upper triangular (zeros below the diagonal).

    Notes
    -----
    For each column ``j = 0, 1, ..., n-1``:

    1. pick the pivot row ``p >= j`` with the largest ``|U[p, j]|`` (the first one on a tie);
    2. swap rows ``j`` and ``p`` of ``U``, of the multipliers already stored in ``L[:, :j]``,
       and of the permutation;
    3. if the pivot ``U[j, j]`` is not zero: the multipliers are ``L[j+1:, j] = U[j+1:, j] / U[j, j]``,
       and ``U[j+1:, j:] -= np.outer(L[j+1:, j], U[j, j:])`` eliminates below the pivot.

    Do not call ``scipy.linalg.lu``, ``scipy.linalg.lu_factor`` or ``torch.linalg.lu``.

    Examples
    --------
    >>> P, L, U = lu_partial_pivoting(np.array([[1.0, 2.0], [3.0, 4.0]]))
    >>> P
    array([[0., 1.],
           [1., 0.]])
    >>> L
    array([[1.        , 0.        ],
           [0.33333333, 1.        ]])
    >>> U
    array([[3.        , 4.        ],
           [0.        , 0.66666667]])
    """
    # TODO: start from U = A.astype(float) (a copy), L = np.eye(n), perm = np.arange(n);
    #       for each column: choose the pivot, swap rows (U, L[:, :j], perm), eliminate below it.
    #       Build P from perm at the end (P[perm[i], i] = 1) and return P, L, np.triu(U).
    raise NotImplementedError


if __name__ == "__main__":
    import scipy.linalg

    A = np.array([[1e-20, 1.0], [1.0, 1.0]])
    P, L, U = lu_partial_pivoting(A)
    print("P =\n", P, "\nL =\n", L, "\nU =\n", U)
    Ps, Ls, Us = scipy.linalg.lu(A)
    print("matches scipy.linalg.lu:", np.array_equal(P, Ps) and np.allclose(L, Ls) and np.allclose(U, Us))
