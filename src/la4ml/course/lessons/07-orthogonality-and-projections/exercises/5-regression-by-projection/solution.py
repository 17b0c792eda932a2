"""Exercise 7.5 — Linear regression as a projection, on the diabetes data (reference solution)."""

import numpy as np


def fit_by_projection(X, y, tol=1e-10):
    """Return ``(y_hat, residual, r2)``: ``y`` projected onto the column space of ``[1, X]``."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    A = np.column_stack([np.ones(len(X)), X])  # (n_samples, 1 + n_features): intercept first
    U, s, _ = np.linalg.svd(A, full_matrices=False)
    Q = U[:, s > tol * s[0]]  # orthonormal basis of the column space; s[0] >= ‖ones‖ > 0
    y_hat = Q @ (Q.T @ y)  # the projection, without forming the n × n matrix Q Qᵀ
    residual = y - y_hat
    sst = np.sum((y - y.mean()) ** 2)
    r2 = 1.0 - (residual @ residual) / sst if sst > 0 else 1.0
    return y_hat, residual, float(r2)


if __name__ == "__main__":
    from sklearn.datasets import load_diabetes
    from sklearn.linear_model import LinearRegression

    X, y = load_diabetes(return_X_y=True)  # (442, 10)
    y_hat, residual, r2 = fit_by_projection(X, y)
    A = np.column_stack([np.ones(len(X)), X])
    print("largest |Aᵀ residual|:", np.abs(A.T @ residual).max(), " (|y| is about", round(np.abs(y).mean()), ")")
    print("R² =", r2, " scikit-learn:", LinearRegression().fit(X, y).score(X, y))
    print("max |y_hat - sklearn| =", np.abs(y_hat - LinearRegression().fit(X, y).predict(X)).max())
    X_dup = np.column_stack([X, 2 * X[:, 2]])  # body-mass index twice
    print("with a duplicated feature, y_hat changes by", np.abs(fit_by_projection(X_dup, y)[0] - y_hat).max())
