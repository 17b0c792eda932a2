"""Exercise 19.4 — Center a kernel matrix in feature space, for training and test points.

Write ``center_kernel(K)`` and ``center_test_kernel(K_test, K_train)``.
"""

import numpy as np


def center_kernel(K):
    """The Gram matrix of the centered training features, ``(φ_i - φ̄)ᵀ(φ_j - φ̄)``.

    Parameters
    ----------
    K : ndarray of shape (n, n)
        Training Gram matrix ``K[i, j] = φ(x_i)ᵀφ(x_j)``. Do not modify it.

    Returns
    -------
    K_c : ndarray of shape (n, n)
        Every row and every column sums to zero (up to rounding).

    Examples
    --------
    >>> X = np.array([[0.0, 1.0], [2.0, 3.0], [4.0, 8.0]])
    >>> Xc = X - X.mean(axis=0)
    >>> bool(np.allclose(center_kernel(X @ X.T), Xc @ Xc.T))
    True
    """
    # TODO: expand (φ_i - φ̄)ᵀ(φ_j - φ̄) with φ̄ = mean of the φ_k, and write it with means of K.
    raise NotImplementedError


def center_test_kernel(K_test, K_train):
    """The kernel between centered test and centered training features, with the TRAINING mean.

    Parameters
    ----------
    K_test : ndarray of shape (m, n)
        ``K_test[a, i] = φ(t_a)ᵀφ(x_i)``: test points (rows) against training points (columns).
    K_train : ndarray of shape (n, n)
        The training Gram matrix. Do not modify either input.

    Returns
    -------
    K_test_c : ndarray of shape (m, n)
        ``(φ(t_a) - φ̄)ᵀ(φ(x_i) - φ̄)`` with ``φ̄`` the mean of the training features.

    Examples
    --------
    >>> X, T = np.array([[0.0, 1.0], [2.0, 3.0], [4.0, 8.0]]), np.array([[1.0, 1.0]])
    >>> mu = X.mean(axis=0)
    >>> bool(np.allclose(center_test_kernel(T @ X.T, X @ X.T), (T - mu) @ (X - mu).T))
    True
    """
    # TODO: which means are over training points only? φ(t_a)ᵀφ̄ is a mean over a row of K_test;
    #       φ̄ᵀφ(x_i) and φ̄ᵀφ̄ come from K_train.
    raise NotImplementedError


if __name__ == "__main__":
    X = np.array([[0.0, 1.0], [2.0, 3.0], [4.0, 8.0]])
    print(center_kernel(X @ X.T))
