"""Exercise 7.5 — Linear regression as a projection, on the diabetes data.

Write ``fit_by_projection(X, y, tol=1e-10)``. Then run this file: it fits the diabetes data,
checks that the residual is perpendicular to the columns, compares with scikit-learn, and refits
with a duplicated feature.
"""

import numpy as np


def fit_by_projection(X, y, tol=1e-10):
    """Least-squares fit of ``y`` on ``X`` with an intercept, as the projection of ``y`` onto a column space.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The features. Columns may be redundant (repeated, or combinations of others), and there may
        be more features than samples.
    y : ndarray of shape (n_samples,)
        The targets.
    tol : float, default 1e-10
        Singular values of the design matrix ``A = [1, X]`` that are ``<= tol * s_max`` count as zero.

    Returns
    -------
    y_hat : ndarray of shape (n_samples,)
        The fitted values: the projection of ``y`` onto the column space of ``A``, ``Q @ (Q.T @ y)``
        with ``Q`` the left singular vectors of ``A`` whose singular values are kept.
    residual : ndarray of shape (n_samples,)
        ``y - y_hat``; it is perpendicular to every column of ``A`` (so it sums to zero).
    r2 : float
        The coefficient of determination ``1 - (residual @ residual) / ((y - y.mean()) @ (y - y.mean()))``;
        ``1.0`` if ``y`` is constant (the fit is then perfect).

    Examples
    --------
    >>> y_hat, residual, r2 = fit_by_projection(np.array([[0.0], [1.0], [2.0]]), np.array([1.0, 2.0, 4.0]))
    >>> np.round(y_hat * 6, 10), round(r2 * 28, 10)
    (array([ 5., 14., 23.]), 27.0)
    """
    # TODO: A = [ones, X]; U, s, _ = np.linalg.svd(A, full_matrices=False); keep the columns of U with
    #       s > tol * s[0]; y_hat = Q @ (Q.T @ y); residual; r2 (1.0 for a constant y).
    raise NotImplementedError


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
