"""Exercise 22.5 — Polynomial regression by QR on the diabetes data.

Write ``fit_polynomial_qr(x, y, degree)`` and ``training_mse_by_degree(x, y, max_degree)``.
"""

import numpy as np
import scipy.linalg
from sklearn.datasets import load_diabetes


def fit_polynomial_qr(x, y, degree):
    """Least-squares polynomial coefficients by QR of the Vandermonde design matrix.

    Parameters
    ----------
    x, y : ndarray of shape (n_samples,)
        The feature and the target. Do not modify them.
    degree : int
        The polynomial degree, ``0 <= degree < n_samples``.

    Returns
    -------
    coef : ndarray of shape (degree + 1,)
        ``coef[k]`` multiplies ``x**k`` (constant term first), minimizing
        ``||np.vander(x, degree + 1, increasing=True) @ coef - y||``.

    Raises
    ------
    ValueError
        ``degree + 1 > n_samples``: more coefficients than data points.

    Examples
    --------
    >>> x = np.array([0.0, 1.0, 2.0])
    >>> fit_polynomial_qr(x, np.array([1.0, 2.0, 4.0]), 1)  # the best line
    array([0.83333333, 1.5       ])
    """
    # TODO: V = np.vander(x, degree + 1, increasing=True); Q, R = np.linalg.qr(V);
    #       return scipy.linalg.solve_triangular(R, Q.T @ y).
    raise NotImplementedError


def training_mse_by_degree(x, y, max_degree):
    """Training mean squared error of the QR polynomial fit for each degree 0, ..., max_degree.

    Returns
    -------
    mse : ndarray of shape (max_degree + 1,)
        ``mse[d] = np.mean((np.vander(x, d + 1, increasing=True) @ coef_d - y) ** 2)``.
    """
    # TODO: fit each degree with fit_polynomial_qr and collect the mean squared errors.
    raise NotImplementedError


if __name__ == "__main__":
    X, y = load_diabetes(return_X_y=True)
    bmi = X[:, 2]
    print("cubic coefficients:", fit_polynomial_qr(bmi, y, 3))
    print("training MSE by degree 0..8:", np.round(training_mse_by_degree(bmi, y, 8), 2))
