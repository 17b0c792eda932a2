"""Exercise 22.5 — Polynomial regression by QR on the diabetes data (reference solution)."""

import numpy as np
import scipy.linalg
from sklearn.datasets import load_diabetes


def fit_polynomial_qr(x, y, degree):
    """Least-squares polynomial coefficients (constant term first) by QR of the Vandermonde matrix."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if degree + 1 > len(x):
        raise ValueError(f"degree {degree} needs at least {degree + 1} samples, got {len(x)}")
    V = np.vander(x, degree + 1, increasing=True)     # (n_samples, degree + 1): 1, x, ..., x**degree
    Q, R = np.linalg.qr(V)                             # reduced: Q (n_samples, degree + 1)
    return scipy.linalg.solve_triangular(R, Q.T @ y)   # R c = Qᵀ y, never VᵀV


def training_mse_by_degree(x, y, max_degree):
    """Training mean squared error of the QR polynomial fit for each degree 0, ..., max_degree."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    mse = np.empty(max_degree + 1)
    for d in range(max_degree + 1):
        coef = fit_polynomial_qr(x, y, d)
        residual = np.vander(x, d + 1, increasing=True) @ coef - y
        mse[d] = np.mean(residual ** 2)
    return mse


if __name__ == "__main__":
    X, y = load_diabetes(return_X_y=True)
    bmi = X[:, 2]
    print("cubic coefficients:", fit_polynomial_qr(bmi, y, 3))
    print("training MSE by degree 0..8:", np.round(training_mse_by_degree(bmi, y, 8), 2))
