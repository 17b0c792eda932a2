"""Exercise 19.2 — The polynomial kernel and its explicit feature map (reference solution)."""

import numpy as np


def poly_kernel(X, Y=None, degree=2, coef0=1.0):
    """The polynomial kernel matrix ``K[i, j] = (X[i] @ Y[j] + coef0) ** degree``.

    Parameters
    ----------
    X : ndarray of shape (n, d)
    Y : ndarray of shape (m, d), optional
        ``None`` means ``Y = X``.
    degree : int, default 2
    coef0 : float, default 1.0

    Returns
    -------
    K : ndarray of shape (n, m)
    """
    X = np.asarray(X, dtype=float)
    Y = X if Y is None else np.asarray(Y, dtype=float)
    return (X @ Y.T + coef0) ** degree


def poly2_features(X, coef0=1.0):
    """The explicit feature map of the degree-2 polynomial kernel ``(xᵀy + coef0)²``.

    Parameters
    ----------
    X : ndarray of shape (n, d)
    coef0 : float, default 1.0

    Returns
    -------
    Phi : ndarray of shape (n, 1 + d + d * (d + 1) // 2)
    """
    X = np.asarray(X, dtype=float)
    n, d = X.shape
    i, j = np.triu_indices(d, 1)                     # the pairs i < j
    return np.hstack([
        np.full((n, 1), float(coef0)),               # c² = c · c
        np.sqrt(2.0 * coef0) * X,                    # 2c xᵀy = Σ (√(2c) x_i)(√(2c) y_i)
        X**2,                                        # the squares x_i² y_i²
        np.sqrt(2.0) * X[:, i] * X[:, j],            # each cross term x_i x_j y_i y_j appears twice
    ])


if __name__ == "__main__":
    from sklearn.metrics.pairwise import polynomial_kernel

    X = np.array([[1.0, 2.0], [3.0, -1.0]])
    Phi = poly2_features(X)
    print("Phi =\n", Phi)
    print("Phi Phiᵀ =\n", Phi @ Phi.T)
    print("poly_kernel =\n", poly_kernel(X))
    print("equals scikit-learn's:", np.allclose(poly_kernel(X), polynomial_kernel(X, degree=2, gamma=1.0, coef0=1.0)))
