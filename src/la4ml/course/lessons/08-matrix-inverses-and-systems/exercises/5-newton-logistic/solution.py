"""Exercise 8.5 — Newton's method for regularized logistic regression (reference solution)."""

import numpy as np


def _gradient_and_hessian(w, X, y, lam):
    n, d = X.shape
    p = 1.0 / (1.0 + np.exp(-(X @ w)))  # predicted probabilities, (n_samples,)
    g = X.T @ (p - y) / n + lam * w  # (n_features,)
    s = p * (1.0 - p)  # the curvature each sample contributes
    H = X.T @ (s[:, None] * X) / n + lam * np.eye(d)  # (n_features, n_features), positive definite for lam > 0
    return g, H


def newton_step(w, X, y, lam):
    """One Newton step for the L2-regularized logistic loss."""
    w, X, y = (np.asarray(v, dtype=float) for v in (w, X, y))
    with np.errstate(over="ignore"):  # exp(-z) overflows for z << 0; the sigmoid is then exactly 0, as it should be
        g, H = _gradient_and_hessian(w, X, y, lam)
    return w - np.linalg.solve(H, g)  # H Δ = g: a solve, never inv(H) @ g


def fit_newton(X, y, lam=1e-2, n_steps=10):
    """Fit regularized logistic regression by ``n_steps`` Newton steps from ``w = 0``."""
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1])
    grad_norms = []
    for step in range(n_steps + 1):
        with np.errstate(over="ignore"):
            g, _ = _gradient_and_hessian(w, X, y, lam)
        grad_norms.append(np.linalg.norm(g))
        if step < n_steps:
            w = newton_step(w, X, y, lam)
    return w, np.array(grad_norms)


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
