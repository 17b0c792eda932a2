"""Exercise 9.3 — The pseudo-inverse from the SVD, with a cut-off (reference solution)."""

import numpy as np


def pseudo_inverse(A, rtol=None):
    """Return ``V_r diag(1 / σ_i) U_rᵀ`` over the singular values above ``rtol * σ_max``."""
    A = np.asarray(A, dtype=float)
    m, n = A.shape
    U, s, Vh = np.linalg.svd(A, full_matrices=False)  # U (m, k), s (k,), Vh (k, n), k = min(m, n)
    if rtol is None:
        rtol = max(m, n) * np.finfo(A.dtype).eps
    r = int(np.count_nonzero(s > rtol * s.max(initial=0.0)))
    return (Vh[:r].T / s[:r]) @ U[:, :r].T  # (n, r) @ (r, m): only the kept singular values are inverted


if __name__ == "__main__":
    A = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])
    P = pseudo_inverse(A)
    print("matches np.linalg.pinv(A, rtol=None):", np.allclose(P, np.linalg.pinv(A, rtol=None)))
    print("A A⁺ A = A:", np.allclose(A @ P @ A, A), "  A⁺ A A⁺ = A⁺:", np.allclose(P @ A @ P, P))
    b = np.array([1.0, 2.0, 4.0])
    x = P @ b
    print("x = A⁺ b =", x, "  residual |Ax - b| =", np.linalg.norm(A @ x - b))
