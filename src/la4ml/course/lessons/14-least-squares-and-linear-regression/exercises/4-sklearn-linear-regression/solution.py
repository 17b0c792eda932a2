"""Exercise 14.4 — The same fit with scikit-learn's LinearRegression: weights and MSE compared (reference solution)."""

import numpy as np
from sklearn.linear_model import LinearRegression


def sklearn_weights_and_mse(X, y):
    """``([intercept_, *coef_], training MSE)`` of ``LinearRegression().fit(X, y)``."""
    model = LinearRegression().fit(X, y)
    weights = np.concatenate([[model.intercept_], model.coef_])  # intercept first, as [b, w1, …, wd]
    residual = np.asarray(y, dtype=float) - model.predict(X)
    return weights, float(np.mean(residual**2))


def training_mse(X, y, weights):
    """``mean((b + X w - y)²)`` for ``weights = [b, w1, …, wd]``."""
    X, y, weights = np.asarray(X, dtype=float), np.asarray(y, dtype=float), np.asarray(weights, dtype=float)
    residual = weights[0] + X @ weights[1:] - y
    return float(np.mean(residual**2))


if __name__ == "__main__":
    rng = np.random.default_rng(42)
    X = rng.uniform(0, 10, size=(50, 2))  # the data of exercise 14.3
    y = 5 + X @ np.array([2.0, -3.0]) + rng.standard_normal(50)
    weights, mse = sklearn_weights_and_mse(X, y)
    A = np.column_stack([np.ones(len(X)), X])
    w_normal = np.linalg.solve(A.T @ A, A.T @ y)  # the normal equations, as in 14.3
    print("scikit-learn    :", weights, f" MSE {mse:.6f}")
    print("normal equations:", w_normal, f" MSE {training_mse(X, y, w_normal):.6f}")
    print(f"largest weight difference: {np.abs(weights - w_normal).max():.1e}")
