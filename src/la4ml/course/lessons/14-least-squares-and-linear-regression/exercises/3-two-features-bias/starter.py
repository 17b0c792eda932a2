"""Exercise 14.3 — Two features plus bias: the normal equations, and lstsq read correctly.

Write ``add_bias_column(X)``, ``normal_equation_weights(X, y)`` and ``lstsq_weights(X, y)``, then run
this file on 50 noisy samples of y = 5 + 2x₁ - 3x₂.
"""

import numpy as np


def add_bias_column(X):
    """The design matrix ``[1 X]``: a first column of ones, then the features.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        One row per sample, one column per feature. Do not modify it.

    Returns
    -------
    A : ndarray of shape (n_samples, n_features + 1)
        ``A[:, 0] == 1`` and ``A[:, 1:] == X``.

    Examples
    --------
    >>> add_bias_column(np.array([[2.0, 3.0], [4.0, 5.0]]))
    array([[1., 2., 3.],
           [1., 4., 5.]])
    """
    # TODO: np.column_stack([np.ones(...), X]) — one row per sample.
    raise NotImplementedError


def normal_equation_weights(X, y):
    """Least-squares weights ``[b, w1, …, wd]`` of ``y ≈ b + X w``, by the normal equations.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)

    Returns
    -------
    weights : ndarray of shape (n_features + 1,)
        The solution of ``(AᵀA) w = Aᵀy`` with ``A = add_bias_column(X)``, intercept first.

    Raises
    ------
    numpy.linalg.LinAlgError
        If ``np.linalg.matrix_rank(A) < A.shape[1]`` (dependent columns: ``AᵀA`` is singular).
    """
    # TODO: A = add_bias_column(X); check the rank; return np.linalg.solve(A.T @ A, A.T @ y).
    raise NotImplementedError


def lstsq_weights(X, y):
    """The same weights through ``np.linalg.lstsq``, and the residual sum of squares.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)

    Returns
    -------
    weights : ndarray of shape (n_features + 1,)
        The (minimum-norm) least-squares solution for ``A = add_bias_column(X)``, intercept first.
    rss : float
        ``‖y - A weights‖²``, computed also when ``A`` is rank deficient.
    """
    # TODO: np.linalg.lstsq(A, y, rcond=None) returns (solution, residuals, rank, singular_values):
    #       keep the solution; compute the rss yourself (residuals is empty when A is rank deficient).
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(42)
    X = rng.uniform(0, 10, size=(50, 2))  # 50 samples, 2 features
    y = 5 + X @ np.array([2.0, -3.0]) + rng.standard_normal(50)
    print("normal equations: [b, w1, w2] =", normal_equation_weights(X, y))
    weights, rss = lstsq_weights(X, y)
    print("np.linalg.lstsq : [b, w1, w2] =", weights, f" rss = {rss:.3f}")
