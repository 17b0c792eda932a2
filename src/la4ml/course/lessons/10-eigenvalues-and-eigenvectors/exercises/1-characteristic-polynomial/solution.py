"""Exercise 10.1 — Eigenvalues of a 2 × 2 matrix from its characteristic polynomial (reference solution)."""

import numpy as np


def eigenvalues_2x2(A):
    """The two eigenvalues of a real 2 × 2 matrix: real ones largest first, a complex pair as ``[re + i·im, re - i·im]``."""
    (a, b), (c, d) = np.asarray(A, dtype=float)
    tr = a + d
    det = a * d - b * c
    disc = (a - d) ** 2 + 4 * b * c             # = tr² - 4 det, but >= 0 whenever b = c
    if disc < 0:
        re, im = tr / 2, np.sqrt(-disc) / 2
        return np.array([re + 1j * im, re - 1j * im])
    big = (tr + np.copysign(np.sqrt(disc), tr)) / 2   # adds two numbers of the same sign: no cancellation
    small = det / big if big != 0 else 0.0            # λ₁ λ₂ = det
    return np.array(sorted([big, small], reverse=True), dtype=float)


if __name__ == "__main__":
    for M in ([[4.0, 1.0], [2.0, 3.0]], [[0.0, -1.0], [1.0, 0.0]], [[1e8, 1.0], [0.0, 1e-8]]):
        M = np.array(M)
        print(M.tolist(), "->", eigenvalues_2x2(M), "  np.linalg.eigvals:", np.linalg.eigvals(M))
