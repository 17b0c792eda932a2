"""Exercise 20.5 — Measure the distortion of a random projection of Digits (reference solution)."""

import numpy as np
from sklearn.datasets import load_digits
from sklearn.random_projection import GaussianRandomProjection


def distortion(X, Y):
    """The largest relative change of a squared pairwise distance.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The original points, one per row.
    Y : ndarray of shape (n_samples, n_components)
        Their projections, in the same order.

    Returns
    -------
    float
        ``max |‖y_i − y_j‖² / ‖x_i − x_j‖² − 1|`` over the pairs ``i < j`` with ``x_i ≠ x_j``
        (pairs of identical points are skipped: their ratio is undefined).

    Examples
    --------
    >>> X = np.array([[0.0, 0.0], [3.0, 4.0]])
    >>> distortion(X, np.array([[0.0], [6.0]]))      # 36 / 25 - 1
    0.44
    """
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    i, j = np.triu_indices(len(X), 1)
    dx = ((X[i] - X[j]) ** 2).sum(axis=1)
    dy = ((Y[i] - Y[j]) ** 2).sum(axis=1)
    keep = dx > 0                                  # identical points have no ratio
    return float(np.max(np.abs(dy[keep] / dx[keep] - 1)))


def distortion_by_dimension(X, ks, random_state=0):
    """The distortion of a Gaussian random projection of ``X`` to each dimension in ``ks``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    ks : sequence of int
        Target dimensions.
    random_state : int, default 0
        Passed to ``GaussianRandomProjection``.

    Returns
    -------
    ndarray of shape (len(ks),)
        ``distortion(X, GaussianRandomProjection(k, random_state=random_state).fit_transform(X))``.
    """
    return np.array([distortion(X, GaussianRandomProjection(n_components=k, random_state=random_state).fit_transform(X))
                     for k in ks])


if __name__ == "__main__":
    X = load_digits().data[:300]
    print(distortion_by_dimension(X, [8, 16, 32, 64]))
