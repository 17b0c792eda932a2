"""Exercise 21.5 — Matrix-free ridge regression with conjugate gradients."""

import numpy as np
from scipy.sparse.linalg import LinearOperator

from la4ml.krylov import cg


def ridge_cg(X, y, alpha, rtol=1e-10):
    """Ridge weights ``w = (XᵀX + alpha I)⁻¹ Xᵀy`` by CG, without forming ``XᵀX``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    alpha : float
        Ridge penalty, > 0 (it makes the system positive definite).
    rtol : float
        CG's relative tolerance: stop when ``‖Xᵀy − (XᵀX + alpha I) w‖ < rtol · ‖Xᵀy‖``.

    Returns
    -------
    w : ndarray of shape (n_features,)
    n_iter : int
        Number of CG iterations (callback calls).

    Raises
    ------
    ValueError
        If ``alpha <= 0``.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]])
    >>> y = np.array([1.0, 2.0, 3.0])
    >>> w, n_iter = ridge_cg(X, y, alpha=0.5)
    >>> np.allclose(w, np.linalg.solve(X.T @ X + 0.5 * np.eye(2), X.T @ y))
    True
    """
    # TODO: validate alpha; build LinearOperator((d, d), matvec=lambda v: X.T @ (X @ v) + alpha * v);
    #       run cg(op, X.T @ y, rtol=rtol, callback=...) counting the calls.
    raise NotImplementedError


if __name__ == "__main__":
    from sklearn.datasets import load_digits

    X, y = load_digits(return_X_y=True)
    print(ridge_cg(X / 16.0, (y == 3).astype(float), alpha=1.0)[1], "iterations")
