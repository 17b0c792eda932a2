"""Exercise 19.2 — The polynomial kernel and its explicit feature map.

Write ``poly_kernel(X, Y=None, degree=2, coef0=1.0)`` and ``poly2_features(X, coef0=1.0)``, whose
rows are feature vectors with ``poly2_features(X) @ poly2_features(Y).T == poly_kernel(X, Y)``.
"""

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
        The constant added to the inner product before the power.

    Returns
    -------
    K : ndarray of shape (n, m)

    Examples
    --------
    >>> poly_kernel(np.array([[2.0]]), np.array([[3.0]]))
    array([[49.]])
    """
    # TODO: one line with X @ Y.T (set Y = X first when it is None).
    raise NotImplementedError


def poly2_features(X, coef0=1.0):
    """The explicit feature map of the degree-2 polynomial kernel ``(xᵀy + coef0)²``.

    Parameters
    ----------
    X : ndarray of shape (n, d)
    coef0 : float, default 1.0
        ``coef0 >= 0``.

    Returns
    -------
    Phi : ndarray of shape (n, 1 + d + d * (d + 1) // 2)
        Columns in this order: ``coef0``; ``sqrt(2 * coef0) * X[:, i]`` for ``i = 0..d-1``;
        ``X[:, i] ** 2`` for ``i = 0..d-1``; ``sqrt(2) * X[:, i] * X[:, j]`` for the pairs
        ``i < j`` in the order of ``np.triu_indices(d, 1)``. ``Phi @ Phi.T`` equals
        ``poly_kernel(X, degree=2, coef0=coef0)``.

    Examples
    --------
    >>> poly2_features(np.array([[2.0]]))
    array([[1.        , 2.82842712, 4.        ]])
    """
    # TODO: expand (xᵀy + c)² = (xᵀy)² + 2c xᵀy + c² and read off the features.
    raise NotImplementedError


if __name__ == "__main__":
    X = np.array([[1.0, 2.0], [3.0, -1.0]])
    Phi = poly2_features(X)
    print(Phi)
    print(Phi @ Phi.T, poly_kernel(X), sep="\n")
