"""Exercise 20.2 — A Gaussian random projection, from scratch (reference solution)."""

import numpy as np


def gaussian_projection(X, n_components, rng):
    """Project the rows of ``X`` to ``n_components`` dimensions with a Gaussian random matrix.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The points, one per row. Do not modify it.
    n_components : int
        The target dimension ``k``.
    rng : numpy.random.Generator
        Draw the matrix with exactly one call, ``rng.standard_normal((n_components, n_features))``.

    Returns
    -------
    Y : ndarray of shape (n_samples, n_components)
        ``X @ R.T`` where ``R`` has independent entries of mean 0 and variance ``1 / n_components``.

    Examples
    --------
    >>> X = np.eye(3)
    >>> gaussian_projection(X, 2, np.random.default_rng(0)).shape
    (3, 2)
    """
    X = np.asarray(X, dtype=float)
    R = rng.standard_normal((n_components, X.shape[1])) / np.sqrt(n_components)   # (k, d), variance 1/k
    return X @ R.T                                                                # (n_samples, k)


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = rng.standard_normal((100, 5000))
    Y = gaussian_projection(X, 500, rng)
    i, j = np.triu_indices(len(X), 1)
    ratio = ((Y[i] - Y[j]) ** 2).sum(1) / ((X[i] - X[j]) ** 2).sum(1)
    print("mean ratio of squared distances:", ratio.mean())
