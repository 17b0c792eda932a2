"""Exercise 21.5 — Matrix-free ridge regression with conjugate gradients (reference solution)."""

import numpy as np
from scipy.sparse.linalg import LinearOperator

from la4ml.krylov import cg


def ridge_cg(X, y, alpha, rtol=1e-10):
    """Ridge weights by CG on ``v ↦ Xᵀ(Xv) + alpha v``; return ``(w, n_iter)``."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if not alpha > 0:
        raise ValueError(f"alpha must be > 0 (it makes XᵀX + alpha I positive definite), got {alpha}")
    n_features = X.shape[1]
    op = LinearOperator((n_features, n_features), matvec=lambda v: X.T @ (X @ v) + alpha * v, dtype=float)
    iterations = []
    w, info = cg(op, X.T @ y, rtol=rtol, callback=iterations.append)
    assert info == 0  # XᵀX + alpha I is SPD: CG converges within its default 10 * n_features iterations
    return w, len(iterations)


if __name__ == "__main__":
    from sklearn.datasets import load_digits

    X, y = load_digits(return_X_y=True)
    X = (X - X.mean(axis=0)) / 16.0
    y = (y == 3).astype(float) - np.mean(y == 3)
    for alpha in (0.01, 100.0):
        w, n_iter = ridge_cg(X, y, alpha)
        w_direct = np.linalg.solve(X.T @ X + alpha * np.eye(X.shape[1]), X.T @ y)
        print(f"alpha = {alpha:g}: {n_iter} CG iterations, relative difference from solve "
              f"{np.linalg.norm(w - w_direct) / np.linalg.norm(w_direct):.1e}")
