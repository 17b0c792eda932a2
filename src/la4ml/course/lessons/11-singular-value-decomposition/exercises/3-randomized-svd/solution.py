"""Exercise 11.3 — Randomized SVD from scratch, with power iterations (reference solution)."""

import numpy as np


def randomized_svd(A, k, n_oversamples=10, n_iter=2, seed=0):
    """Return ``(U, s, Vt)``, approximations of the ``k`` largest singular triplets of ``A``."""
    A = np.asarray(A, dtype=float)
    m, n = A.shape
    r = min(m, n)
    if not 1 <= k <= r:
        raise ValueError(f"k must satisfy 1 <= k <= min(m, n) = {r}, got {k}")
    Omega = np.random.default_rng(seed).standard_normal((n, k + n_oversamples))   # (n, l)
    Q, _ = np.linalg.qr(A @ Omega)                  # (m, l): an orthonormal basis of the sketch
    for _ in range(n_iter):
        Q, _ = np.linalg.qr(A.T @ Q)                # (n, l), re-orthonormalized ...
        Q, _ = np.linalg.qr(A @ Q)                  # (m, l) ... after every product
    B = Q.T @ A                                     # (l, n): A seen in the basis Q
    U_hat, s, Vt = np.linalg.svd(B, full_matrices=False)
    U = Q @ U_hat                                   # (m, l)
    return U[:, :k], s[:k], Vt[:k]


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    Uq, _ = np.linalg.qr(rng.standard_normal((300, 100)))
    Vq, _ = np.linalg.qr(rng.standard_normal((200, 100)))
    s_true = 0.97 ** np.arange(100)                         # a slowly decaying spectrum
    A = (Uq * s_true) @ Vq.T
    for q in (0, 1, 2):
        U, s, Vt = randomized_svd(A, 10, n_iter=q)
        print(f"n_iter = {q}: largest relative error of σ₁..σ₁₀ = {np.max(np.abs(s - s_true[:10]) / s_true[:10]):.2e}")
