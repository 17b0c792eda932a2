"""Exercise 6.5 — Lasso vs Ridge: count the weights that are exactly zero.

Write ``count_zero_weights(X, y, alphas)`` and run it on the diabetes data.
"""

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
        Penalty strengths; fit one Lasso(alpha=alpha) and one Ridge(alpha=alpha) per value.

    Returns
    -------
    zeros_lasso : list of int
        ``zeros_lasso[k]`` is how many entries of the Lasso's ``coef_`` equal 0 for ``alphas[k]``.
    zeros_ridge : list of int
        The same for Ridge.
    """
    # TODO: loop over alphas; fit Lasso (L1) and Ridge (L2); count coef_ == 0 for each.
    raise NotImplementedError


if __name__ == "__main__":
    X, y = load_diabetes(return_X_y=True)
    alphas = [0.01, 0.1, 0.5, 1.0, 2.0, 5.0]
    zeros_lasso, zeros_ridge = count_zero_weights(X, y, alphas)
    for a, zl, zr in zip(alphas, zeros_lasso, zeros_ridge):
        print(f"alpha {a:5}: Lasso {zl:2d} zero weights of {X.shape[1]},  Ridge {zr}")
