"""Exercise 8.5 — Newton's method for regularized logistic regression: one linear solve per step.

Write ``newton_step(w, X, y, lam)`` and ``fit_newton(X, y, lam, n_steps)``, then fit the
breast-cancer data set and compare with scikit-learn.
"""

import numpy as np


def newton_step(w, X, y, lam):
    """One Newton step for the L2-regularized logistic loss.

    Parameters
    ----------
    w : ndarray of shape (n_features,)
        The current weights.
    X : ndarray of shape (n_samples, n_features)
        The design matrix.
    y : ndarray of shape (n_samples,)
        Labels, 0 or 1.
    lam : float
        The regularization strength, ``> 0``.

    Returns
    -------
    w_new : ndarray of shape (n_features,)
        ``w - Δ`` where ``H Δ = g``: ``g`` and ``H`` are the gradient and Hessian of
        ``L(w) = mean(-y log p - (1 - y) log(1 - p)) + (lam / 2) ‖w‖²`` at ``w``, ``p = sigmoid(X w)``.

    Notes
    -----
    ``g = X.T @ (p - y) / n + lam * w`` and ``H = X.T @ (s[:, None] * X) / n + lam * np.eye(d)``
    with ``s = p * (1 - p)`` and ``n`` the number of samples. Solve ``H Δ = g`` with
    ``np.linalg.solve``; do not form ``np.linalg.inv(H)``. Do not modify ``w``, ``X`` or ``y``.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> newton_step(np.zeros(2), X, np.array([1.0, 0.0, 1.0]), 0.1).round(6)
    array([ 1.385281, -0.4329  ])
    """
    # TODO: p = 1 / (1 + np.exp(-X @ w)); g = ...; H = ...; return w - np.linalg.solve(H, g)
    raise NotImplementedError


def fit_newton(X, y, lam=1e-2, n_steps=10):
    """Fit regularized logistic regression by ``n_steps`` Newton steps from ``w = 0``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
        Labels, 0 or 1.
    lam : float, default 1e-2
        The regularization strength.
    n_steps : int, default 10
        The number of Newton steps.

    Returns
    -------
    w : ndarray of shape (n_features,)
        The weights after ``n_steps`` steps.
    grad_norms : ndarray of shape (n_steps + 1,)
        ``‖g(w_k)‖`` for ``k = 0, 1, ..., n_steps``: at the start, after each step.
    """
    # TODO: w = np.zeros(X.shape[1]); record ‖g(w)‖, then loop n_steps times: w = newton_step(...), record ‖g(w)‖
    raise NotImplementedError


if __name__ == "__main__":
    from sklearn.datasets import load_breast_cancer
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    X, y = load_breast_cancer(return_X_y=True)
    X = StandardScaler().fit_transform(X)                     # (569, 30)
    lam = 1e-2
    w, grad_norms = fit_newton(X, y, lam=lam)
    print("‖g‖ per step:", np.array2string(grad_norms, precision=2))
    sk = LogisticRegression(C=1 / (lam * len(X)), fit_intercept=False, tol=1e-12, max_iter=10_000).fit(X, y)
    print("max |w - scikit-learn's| =", np.abs(w - sk.coef_.ravel()).max())
