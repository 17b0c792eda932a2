"""Exercise 8.2 — Solve A x = b from its LU factors, by forward and back substitution (reference solution)."""

import numpy as np


def solve_lu(P, L, U, b):
    """Solve ``A x = b`` given ``A = P @ L @ U``, by forward then back substitution."""
    P, L, U = (np.asarray(M, dtype=float) for M in (P, L, U))
    b = np.asarray(b, dtype=float)
    n = U.shape[0]
    tol = n * np.finfo(float).eps * np.abs(U).max()  # zero to working precision, relative to U's scale
    small = np.flatnonzero(np.abs(np.diag(U)) <= tol)
    if small.size:
        i = int(small[0])
        raise np.linalg.LinAlgError(f"A is singular to working precision: the pivot U[{i}, {i}] = {U[i, i]:.3g} "
                                    f"is at or below n·eps·max|U| = {tol:.3g}")
    y = P.T @ b  # P is a permutation: its inverse is its transpose
    z = np.zeros_like(y)
    for i in range(n):  # forward substitution: z[:i] is known when z[i] is computed
        z[i] = (y[i] - L[i, :i] @ z[:i]) / L[i, i]
    x = np.zeros_like(z)
    for i in range(n - 1, -1, -1):  # back substitution: x[i+1:] is known when x[i] is computed
        x[i] = (z[i] - U[i, i + 1:] @ x[i + 1:]) / U[i, i]
    return x


if __name__ == "__main__":
    import scipy.linalg

    A = np.array([[2.0, 1.0, 1.0], [4.0, -6.0, 0.0], [-2.0, 7.0, 2.0]])
    b = np.array([5.0, -2.0, 9.0])
    x = solve_lu(*scipy.linalg.lu(A), b)
    print("x =", x, "  np.linalg.solve:", np.linalg.solve(A, b))
