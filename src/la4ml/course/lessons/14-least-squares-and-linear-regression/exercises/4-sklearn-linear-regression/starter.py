"""Exercise 14.4 — The same fit with scikit-learn's LinearRegression: weights and MSE compared.

Write ``sklearn_weights_and_mse(X, y)`` and ``training_mse(X, y, weights)``, then run this file to
compare scikit-learn with the normal equations on the 50 samples of exercise 14.3.
"""

import numpy as np
from sklearn.linear_model import LinearRegression


def sklearn_weights_and_mse(X, y):
    """Fit scikit-learn's ``LinearRegression`` and return its weights and training MSE.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The features (no column of ones: the estimator fits the intercept). Do not modify it.
    y : ndarray of shape (n_samples,)

    Returns
    -------
    weights : ndarray of shape (n_features + 1,)
        ``[intercept_, coef_[0], …, coef_[n_features - 1]]``, the intercept first.
    mse : float
        The training mean squared error ``mean((y - model.predict(X))²)``.
    """
    # TODO: model = LinearRegression().fit(X, y); weights = np.concatenate([[model.intercept_], model.coef_]);
    #       the MSE is the MEAN of the squared residuals.
    raise NotImplementedError


def training_mse(X, y, weights):
    """Mean squared error of the weights ``[b, w1, …, wd]`` on ``(X, y)``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    weights : ndarray of shape (n_features + 1,)
        The intercept first.

    Returns
    -------
    mse : float
        ``mean((b + X w - y)²)``.

    Examples
    --------
    >>> training_mse(np.array([[0.0], [1.0]]), np.array([1.0, 3.0]), np.array([1.0, 1.0]))
    0.5
    """
    # TODO: predictions weights[0] + X @ weights[1:]; return the mean of the squared errors as a float.
    raise NotImplementedError


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
