"""Exercise 22.4 — Givens rotations, and a QR factorization built from them (reference solution)."""

import numpy as np


def givens_rotation(a, b):
    """Return ``(c, s, r)`` with ``[[c, s], [-s, c]] @ [a, b] == [r, 0]``."""
    r = float(np.hypot(a, b))     # no overflow at 1e200, no underflow at 1e-200
    if r == 0.0:
        return 1.0, 0.0, 0.0      # nothing to rotate: the identity
    return float(a / r), float(b / r), r


def givens_qr(A):
    """Factor ``A = Q R`` with Givens rotations (complete factors: Q is m × m, R is m × n)."""
    R = np.array(A, dtype=float)  # a copy: A is not modified
    m, n = R.shape
    Q = np.eye(m)
    for j in range(min(m - 1, n)):
        for i in range(m - 1, j, -1):             # bottom up: zero R[i, j] against the row above
            c, s, r = givens_rotation(R[i - 1, j], R[i, j])
            G = np.array([[c, s], [-s, c]])
            R[[i - 1, i], j:] = G @ R[[i - 1, i], j:]    # only two rows change
            R[i, j] = 0.0                                # exactly zero, not rounding-size
            Q[:, [i - 1, i]] = Q[:, [i - 1, i]] @ G.T    # A = (G_k ⋯ G_1)ᵀ R
    return Q, R


if __name__ == "__main__":
    print("givens_rotation(3, 4) =", givens_rotation(3.0, 4.0))
    A = np.array([[3.0, 1.0], [4.0, 2.0]])
    Q, R = givens_qr(A)
    print("Q =\n", Q, "\nR =\n", R, "\nQ R == A:", np.allclose(Q @ R, A))
