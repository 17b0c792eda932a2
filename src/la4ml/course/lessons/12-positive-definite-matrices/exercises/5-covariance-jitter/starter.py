"""Exercise 12.5 — A dataset's covariance matrix, checked for positive definiteness, repaired by jitter.

Write ``covariance(X)`` and ``make_positive_definite(C, jitter, rtol)``, then run this file to try
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


def make_positive_definite(C, jitter=1e-6, rtol=None):
    """Return a positive definite version of the covariance matrix ``C`` and the jitter added.

    Parameters
    ----------
    C : ndarray of shape (n, n)
        A symmetric covariance matrix (positive semidefinite, maybe singular). Do not modify it.
    jitter : float, default 1e-6
        How much to add to the diagonal when ``C`` is not positive definite, as a FRACTION of
        its largest eigenvalue: ``δ = jitter * λ_max`` (``δ = jitter`` if every eigenvalue is 0).
    rtol : float, optional
        ``C`` counts as positive definite when its smallest eigenvalue (``np.linalg.eigvalsh``)
        is greater than ``rtol * λ_max``. Default ``n * eps`` with ``eps = np.finfo(float).eps``:
        zero to working precision.

    Returns
    -------
    C_pd : ndarray of shape (n, n)
        A copy of ``C`` if it is positive definite, else ``C + δ * I`` (the diagonal only).
    added : float
        ``0.0`` if nothing was added, else ``δ``.
    """
    # TODO: eigenvalues of C (ascending); if the smallest is > rtol * λ_max return (C.copy(), 0.0),
    #       otherwise return (C + δ * np.eye(n), δ) with δ = jitter * λ_max.
    raise NotImplementedError


if __name__ == "__main__":
    from sklearn.datasets import load_iris

    petal_length, petal_width = load_iris().data[:, 2], load_iris().data[:, 3]
    for name, X in [("length, width (cm)", np.column_stack([petal_length, petal_width])),
                    ("length in cm and in mm", np.column_stack([petal_length, 10 * petal_length]))]:
        C = covariance(X)
        C_pd, added = make_positive_definite(C)
        print(f"{name}: eigenvalues {np.linalg.eigvalsh(C)}, jitter added: {added:.3g}, "
              f"condition number after: {np.linalg.cond(C_pd):.3g}")
