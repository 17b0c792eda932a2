"""Exercise 6.5 — Lasso vs Ridge: count the weights that are exactly zero (reference solution)."""

import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso, Ridge


def count_zero_weights(X, y, alphas):
    """For each alpha, the number of exactly-zero weights of a Lasso and of a Ridge fit.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    alphas : sequence of float > 0

    Returns
    -------
    zeros_lasso, zeros_ridge : list of int
    """
    zeros_lasso, zeros_ridge = [], []
    for alpha in alphas:
        lasso = Lasso(alpha=alpha).fit(X, y)  # L1 penalty: soft-thresholds weights to exactly 0
        ridge = Ridge(alpha=alpha).fit(X, y)  # L2 penalty: shrinks, never to exactly 0
        zeros_lasso.append(int(np.sum(lasso.coef_ == 0)))
        zeros_ridge.append(int(np.sum(ridge.coef_ == 0)))
    return zeros_lasso, zeros_ridge


if __name__ == "__main__":
    X, y = load_diabetes(return_X_y=True)
    alphas = [0.01, 0.1, 0.5, 1.0, 2.0, 5.0]
    zeros_lasso, zeros_ridge = count_zero_weights(X, y, alphas)
    for a, zl, zr in zip(alphas, zeros_lasso, zeros_ridge):
        print(f"alpha {a:5}: Lasso {zl:2d} zero weights of {X.shape[1]},  Ridge {zr}")
