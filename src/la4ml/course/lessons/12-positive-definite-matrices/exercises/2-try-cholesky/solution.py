"""Exercise 12.2 — Attempt a Cholesky factorization, from scratch (reference solution)."""

import numpy as np


def try_cholesky(A, rtol=None):
    """Return the Cholesky factor ``L`` of ``A`` (``A = L Lᵀ``), or ``None`` if a pivot is ``<= rtol * A[j, j]``."""
    A = np.asarray(A, dtype=float)
    n = len(A)
    if rtol is None:
        rtol = n * np.finfo(float).eps  # rounding level of a pivot, relative to its diagonal entry
    L = np.zeros_like(A)
    for j in range(n):
        pivot = A[j, j] - L[j, :j] @ L[j, :j]
        if not pivot > rtol * A[j, j]:  # negative, zero to rounding, or NaN (A[j, j] <= 0 fails too)
            return None  # leading minor j+1 is not (clearly) positive
        L[j, j] = np.sqrt(pivot)
        L[j + 1:, j] = (A[j + 1:, j] - L[j + 1:, :j] @ L[j, :j]) / L[j, j]
    return L


if __name__ == "__main__":
    A = np.array([[4.0, 2.0], [2.0, 3.0]])
    L = try_cholesky(A)
    print("L =\n", L)
    print("matches np.linalg.cholesky:", L is not None and np.allclose(L, np.linalg.cholesky(A)))
    print("try_cholesky([[1, 2], [2, 1]]) ->", try_cholesky(np.array([[1.0, 2.0], [2.0, 1.0]])))
