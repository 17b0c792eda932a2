"""Exercise 14.3 — Two features plus bias: the normal equations, and lstsq read correctly (reference solution)."""

import numpy as np


def add_bias_column(X):
    """``[1 X]``: shape ``(n_samples, n_features + 1)``, the column of ones first."""
    X = np.asarray(X, dtype=float)
    return np.column_stack([np.ones(X.shape[0]), X])


def normal_equation_weights(X, y):
    """``[b, w1, …, wd]`` solving ``(AᵀA) w = Aᵀy``, ``A = [1 X]``; ``LinAlgError`` if ``A`` has dependent columns."""
    A = add_bias_column(X)
    rank = np.linalg.matrix_rank(A)  # tolerance relative to the largest singular value
    if rank < A.shape[1]:
        raise np.linalg.LinAlgError(f"the columns of the design [1 X] are dependent (rank {rank}): AᵀA is singular")
    return np.linalg.solve(A.T @ A, A.T @ np.asarray(y, dtype=float))


def lstsq_weights(X, y):
    """``(weights, rss)`` from ``np.linalg.lstsq`` on ``A = [1 X]``; the rss computed from the residual."""
    A = add_bias_column(X)
    y = np.asarray(y, dtype=float)
    weights = np.linalg.lstsq(A, y, rcond=None)[0]  # (solution, residuals, rank, s): the solution only
    residual = y - A @ weights
    return weights, float(residual @ residual)


if __name__ == "__main__":
    rng = np.random.default_rng(42)
    X = rng.uniform(0, 10, size=(50, 2))  # 50 samples, 2 features
    y = 5 + X @ np.array([2.0, -3.0]) + rng.standard_normal(50)
    print("normal equations: [b, w1, w2] =", normal_equation_weights(X, y))
    weights, rss = lstsq_weights(X, y)
    print("np.linalg.lstsq : [b, w1, w2] =", weights, f" rss = {rss:.3f}")
