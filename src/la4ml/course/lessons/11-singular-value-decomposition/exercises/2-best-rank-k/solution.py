"""Exercise 11.2 — The best rank-k approximation and its Eckart–Young errors (reference solution)."""

import numpy as np


def best_rank_k(A, k):
    """Return ``(A_k, spectral_error, frobenius_error)``: the truncated SVD and the Eckart–Young errors."""
    A = np.asarray(A, dtype=float)
    r = min(A.shape)
    if not 0 <= k <= r:
        raise ValueError(f"k must satisfy 0 <= k <= min(m, n) = {r}, got {k}")
    U, s, Vt = np.linalg.svd(A, full_matrices=False)   # U (m, r), s (r,), Vt (r, n)
    A_k = (U[:, :k] * s[:k]) @ Vt[:k]                  # scale the first k columns of U, then combine
    dropped = s[k:]                                    # σ_{k+1}, ..., σ_r (0-based: s[k] is σ_{k+1})
    spectral_error = float(dropped[0]) if dropped.size else 0.0
    frobenius_error = float(np.sqrt(np.sum(dropped**2)))
    return A_k, spectral_error, frobenius_error


if __name__ == "__main__":
    from sklearn.datasets import load_digits

    X = load_digits().data                      # (1797, 64)
    for k in (1, 5, 10, 30):
        X_k, spec, frob = best_rank_k(X, k)
        print(f"k = {k:2d}: predicted {spec:8.3f} {frob:8.3f}   measured {np.linalg.norm(X - X_k, 2):8.3f} "
              f"{np.linalg.norm(X - X_k):8.3f}")
