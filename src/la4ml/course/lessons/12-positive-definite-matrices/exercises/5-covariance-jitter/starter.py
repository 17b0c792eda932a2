"""Exercise 12.5 — A dataset's covariance matrix, checked for positive definiteness, repaired by jitter.

Write ``covariance(X)`` and ``make_positive_definite(C, jitter, tol)``, then run this file to try
them on Iris petal measurements, with and without a duplicated feature.
"""

import numpy as np


def covariance(X):
    """Sample covariance matrix of a data matrix.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        One sample per row, one feature per column.

    Returns
    -------
    C : ndarray of shape (n_features, n_features)
        ``C[i, j]`` is the sample covariance of features ``i`` and ``j``: center each column
        (subtract its mean), then ``C = Xcᵀ Xc / (n_samples - 1)``. Equals
        ``np.cov(X, rowvar=False)``.
    """
    # TODO: center the columns of X, then return Xc.T @ Xc / (n_samples - 1).
    raise NotImplementedError


def make_positive_definite(C, jitter=1e-6, tol=1e-10):
    """Return a positive definite version of the covariance matrix ``C`` and the jitter added.

    Parameters
    ----------
    C : ndarray of shape (n, n)
        A symmetric covariance matrix (positive semidefinite, maybe singular). Do not modify it.
    jitter : float, default 1e-6
        The multiple of the identity to add when ``C`` is not positive definite.
    tol : float, default 1e-10
        ``C`` counts as positive definite when its smallest eigenvalue (``np.linalg.eigvalsh``)
        is greater than ``tol``.

    Returns
    -------
    C_pd : ndarray of shape (n, n)
        A copy of ``C`` if it is positive definite, else ``C + jitter * I`` (the diagonal only).
    added : float
        ``0.0`` if nothing was added, else ``jitter``.
    """
    # TODO: compute the smallest eigenvalue of C; if it is > tol return (C.copy(), 0.0),
    #       otherwise return (C + jitter * np.eye(n), jitter).
    raise NotImplementedError


if __name__ == "__main__":
    from sklearn.datasets import load_iris

    petal_length, petal_width = load_iris().data[:, 2], load_iris().data[:, 3]
    for name, X in [("length, width (cm)", np.column_stack([petal_length, petal_width])),
                    ("length in cm and in mm", np.column_stack([petal_length, 10 * petal_length]))]:
        C = covariance(X)
        C_pd, added = make_positive_definite(C)
        print(f"{name}: eigenvalues {np.linalg.eigvalsh(C)}, jitter added: {added}")
