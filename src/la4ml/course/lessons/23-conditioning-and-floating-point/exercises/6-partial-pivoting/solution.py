"""Exercise 23.6 — Gaussian elimination with partial pivoting, and the tiny pivot it defuses (reference solution).

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
    U = np.array(A, dtype=float)  # copies: the caller's arrays stay as they were
    y = np.array(b, dtype=float)
    n = len(y)
    tol = n * np.finfo(float).eps * np.abs(U).max()
    for k in range(n):
        p = k + int(np.argmax(np.abs(U[k:, k])))  # the largest entry IN SIZE, among rows k..n-1 only
        if abs(U[p, k]) <= tol:
            raise np.linalg.LinAlgError(f"A is singular to working precision: no pivot above {tol:.3g} in column {k}")
        if p != k:
            U[[k, p]] = U[[p, k]]
            y[[k, p]] = y[[p, k]]
        ell = U[k + 1:, k] / U[k, k]  # multipliers, each of size <= 1
        U[k + 1:, k:] -= np.outer(ell, U[k, k:])
        y[k + 1:] -= ell * y[k]
    x = np.zeros(n)
    for i in range(n - 1, -1, -1):
        x[i] = (y[i] - U[i, i + 1:] @ x[i + 1:]) / U[i, i]
    return x


if __name__ == "__main__":
    A = np.array([[1e-20, 1.0], [1.0, 1.0]])
    b = np.array([1.0, 2.0])
    print("with partial pivoting:", solve_partial_pivoting(A, b))
    print("np.linalg.solve:      ", np.linalg.solve(A, b))
    print("condition number:      ", np.linalg.cond(A))
