"""Exercise 20.5 — Measure the distortion of a random projection of Digits.

Write ``distortion(X, Y)`` and ``distortion_by_dimension(X, ks, random_state=0)``.
"""

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
    # TODO: squared distances of all pairs i < j in X and in Y (np.triu_indices), skip the pairs
    #       with zero original distance, return the largest |ratio - 1| as a float.
    raise NotImplementedError


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
    # TODO: one projection per k, measured with distortion.
    raise NotImplementedError


if __name__ == "__main__":
    X = load_digits().data[:300]
    print(distortion_by_dimension(X, [8, 16, 32, 64]))
