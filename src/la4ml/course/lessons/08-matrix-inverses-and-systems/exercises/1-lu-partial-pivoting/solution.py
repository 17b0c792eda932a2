"""Exercise 8.1 — LU factorization with partial pivoting, from scratch (reference solution)."""

import numpy as np


def lu_partial_pivoting(A):
    """Factor a square matrix as ``A = P @ L @ U`` by Gaussian elimination with partial pivoting."""
    U = np.array(A, dtype=float)  # a copy: A itself is never modified
    n = len(U)  # A is square: n × n
    L = np.eye(n)
    perm = np.arange(n)  # row i of L @ U is row perm[i] of A
    for j in range(n):
        p = j + int(np.argmax(np.abs(U[j:, j])))  # largest |entry| at or below the diagonal; first on a tie
        if p != j:
            U[[j, p]] = U[[p, j]]
            L[[j, p], :j] = L[[p, j], :j]  # the multipliers already computed move with their rows
            perm[[j, p]] = perm[[p, j]]
        if U[j, j] != 0:  # a zero pivot: the column is zero from j down, nothing to eliminate
            L[j + 1:, j] = U[j + 1:, j] / U[j, j]
            U[j + 1:, j:] -= np.outer(L[j + 1:, j], U[j, j:])
    P = np.eye(n)[:, perm]  # P[perm[i], i] = 1, so A = P @ L @ U
    return P, L, np.triu(U)  # triu: what elimination left below the diagonal is rounding, not data


if __name__ == "__main__":
    import scipy.linalg

    A = np.array([[1e-20, 1.0], [1.0, 1.0]])
    P, L, U = lu_partial_pivoting(A)
    print("P =\n", P, "\nL =\n", L, "\nU =\n", U)
    Ps, Ls, Us = scipy.linalg.lu(A)
    print("matches scipy.linalg.lu:", np.array_equal(P, Ps) and np.allclose(L, Ls) and np.allclose(U, Us))
