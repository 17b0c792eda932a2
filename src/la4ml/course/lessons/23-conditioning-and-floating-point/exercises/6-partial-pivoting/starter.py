"""Exercise 23.6 — Gaussian elimination with partial pivoting, and the tiny pivot it defuses.

Write ``solve_partial_pivoting(A, b)``, then run this file on a 2 × 2 system with a pivot of 1e-20.
"""

import numpy as np


def solve_partial_pivoting(A, b):
    """Solve Ax = b by Gaussian elimination with partial pivoting and back substitution.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        A square matrix. Not modified.
    b : ndarray of shape (n,)
        The right-hand side. Not modified.

    Returns
    -------
    x : ndarray of shape (n,)
        The solution, as accurate as ``np.linalg.solve(A, b)``.

    Raises
    ------
    numpy.linalg.LinAlgError
        At some step the largest ``|A[i, k]|`` over rows ``i >= k`` is ``<= n * eps * max|A|``:
        the matrix is singular to working precision.
    """
    # TODO: copy A and b; for each column k: pick the row p >= k with the largest |A[p, k]|, swap rows k and p
    #       of A and b, check the pivot, eliminate below; then back substitution.
    raise NotImplementedError


if __name__ == "__main__":
    A = np.array([[1e-20, 1.0], [1.0, 1.0]])
    b = np.array([1.0, 2.0])
    print("with partial pivoting:", solve_partial_pivoting(A, b))
    print("np.linalg.solve:      ", np.linalg.solve(A, b))
    print("condition number:      ", np.linalg.cond(A))
