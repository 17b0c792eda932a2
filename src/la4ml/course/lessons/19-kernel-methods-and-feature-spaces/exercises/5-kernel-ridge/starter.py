"""Exercise 19.5 — Kernel ridge regression: solve (K + αI) c = y.

Write ``kernel_ridge_fit(K, y, alpha=1.0)`` and ``kernel_ridge_predict(K_test, dual_coef)``.
"""

import numpy as np
import scipy.linalg


def kernel_ridge_fit(K, y, alpha=1.0):
    """Dual coefficients of kernel ridge regression: the solution ``c`` of ``(K + alpha I) c = y``.

    Parameters
    ----------
    K : ndarray of shape (n, n)
        Training Gram matrix (symmetric positive semidefinite). Do not modify it.
    y : ndarray of shape (n,) or (n, k)
        Targets.
    alpha : float, default 1.0
        Regularization ``α > 0``, added to the diagonal of ``K``.

    Returns
    -------
    dual_coef : ndarray of the same shape as y

    Examples
    --------
    >>> kernel_ridge_fit(np.eye(2), np.array([2.0, 4.0]))   # (I + I) c = y
    array([1., 2.])
    """
    # TODO: build K + alpha * I (a new array) and solve it for y, without an explicit inverse.
    raise NotImplementedError


def kernel_ridge_predict(K_test, dual_coef):
    """Predictions ``ŷ = K_test @ dual_coef``.

    Parameters
    ----------
    K_test : ndarray of shape (m, n)
        ``K_test[a, i] = k(test point a, training point i)``.
    dual_coef : ndarray of shape (n,) or (n, k)

    Returns
    -------
    y_hat : ndarray of shape (m,) or (m, k)
    """
    # TODO: one line.
    raise NotImplementedError


if __name__ == "__main__":
    c = kernel_ridge_fit(np.eye(2), np.array([2.0, 4.0]))
    print(c, kernel_ridge_predict(np.array([[0.5, 0.5]]), c))
