"""Exercise 12.3 — Evaluate xᵀAx for many random x at once (reference solution)."""

import numpy as np


def quadratic_forms(A, X):
    """Evaluate ``xᵀ A x`` for every row ``x`` of ``X``; returns shape (m,)."""
    A = np.asarray(A, dtype=float)
    X = np.asarray(X, dtype=float)
    return np.sum((X @ A) * X, axis=1)  # row i: Σ_j (X A)[i, j] X[i, j] = X[i] A X[i]ᵀ


def sample_quadratic_forms(A, n_samples=1000, seed=0):
    """Evaluate ``xᵀ A x`` on ``n_samples`` standard-normal vectors; return (values, all_positive)."""
    A = np.asarray(A, dtype=float)
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, len(A)))  # (n_samples, n)
    values = quadratic_forms(A, X)
    return values, bool(np.all(values > 0))


if __name__ == "__main__":
    values, ok = sample_quadratic_forms(np.array([[4.0, 1.0], [1.0, 3.0]]))
    print(f"A = [[4, 1], [1, 3]]: all positive? {ok}; smallest value {values.min():.4f}")
    values, ok = sample_quadratic_forms(np.array([[1.0, 2.0], [2.0, 1.0]]))
    print(f"A = [[1, 2], [2, 1]]: all positive? {ok}; smallest value {values.min():.4f}")
