"""Exercise 19.5 — Kernel ridge regression (reference solution)."""

import numpy as np
import scipy.linalg


def kernel_ridge_fit(K, y, alpha=1.0):
    """Dual coefficients of kernel ridge regression: the solution ``c`` of ``(K + alpha I) c = y``.

    Parameters
    ----------
    K : ndarray of shape (n, n)
    y : ndarray of shape (n,) or (n, k)
    alpha : float, default 1.0

    Returns
    -------
    dual_coef : ndarray of the same shape as y
    """
    K = np.asarray(K, dtype=float)
    A = K + alpha * np.eye(len(K))                   # a new array: α on the diagonal only
    factor = scipy.linalg.cho_factor(A)              # A is symmetric positive definite for α > 0
    return scipy.linalg.cho_solve(factor, np.asarray(y, dtype=float))


def kernel_ridge_predict(K_test, dual_coef):
    """Predictions ``ŷ = K_test @ dual_coef``.

    Parameters
    ----------
    K_test : ndarray of shape (m, n)
    dual_coef : ndarray of shape (n,) or (n, k)

    Returns
    -------
    y_hat : ndarray of shape (m,) or (m, k)
    """
    return np.asarray(K_test, dtype=float) @ dual_coef


if __name__ == "__main__":
    from sklearn.datasets import load_diabetes
    from sklearn.kernel_ridge import KernelRidge
    from sklearn.metrics.pairwise import rbf_kernel

    X, y = load_diabetes(return_X_y=True)
    X_tr, X_te, y_tr = X[:300], X[300:], y[:300]
    K, K_test = rbf_kernel(X_tr, gamma=1.0), rbf_kernel(X_te, X_tr, gamma=1.0)
    y_mean = y_tr.mean()
    y_hat = kernel_ridge_predict(K_test, kernel_ridge_fit(K, y_tr - y_mean, alpha=0.1)) + y_mean
    ref = KernelRidge(alpha=0.1, kernel="precomputed").fit(K, y_tr - y_mean).predict(K_test) + y_mean
    print("first predictions:", np.round(y_hat[:4], 2))
    print("equal to scikit-learn's KernelRidge:", np.allclose(y_hat, ref))
