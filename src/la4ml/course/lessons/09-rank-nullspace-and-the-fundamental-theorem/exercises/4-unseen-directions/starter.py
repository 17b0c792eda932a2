"""Exercise 9.4 — What a linear model trained on a few digits cannot see.

Write ``min_norm_fit``, ``unseen_fraction`` and ``blind_spot_curve`` (see their docstrings), then
run this file: it trains on the first n digits images for several n and prints, for each n, how
much of the test images lies in the null space of the training matrix, and the test accuracy.
"""

import numpy as np


def min_norm_fit(X, y, rtol=None):
    """Return the least-squares weights of smallest norm for ``X w ≈ y``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The training data, one sample per row (it may have fewer rows than columns, and
        repeated or dependent rows or columns).
    y : ndarray of shape (n_samples,) or (n_samples, n_targets)
        The targets (a one-hot matrix for a classifier).
    rtol : float or None, default None
        Singular values of ``X`` greater than ``rtol * σ_max`` count; the others are treated as
        0. ``None`` means ``max(n_samples, n_features) * np.finfo(float).eps``.

    Returns
    -------
    w : ndarray of shape (n_features,) or (n_features, n_targets)
        Among all ``w`` that minimize ``‖X w − y‖``, the one with the smallest ``‖w‖``: the one
        with no part in the null space of ``X``.

    Examples
    --------
    >>> min_norm_fit(np.array([[1.0, 1.0]]), np.array([2.0]))  # x1 + x2 = 2: the shortest solution
    array([1., 1.])
    """
    # TODO: use the SVD (keep the singular values above the cut-off) or np.linalg.lstsq with
    #       rcond=rtol (None gives the same default). Not np.linalg.solve(X.T @ X, ...).
    raise NotImplementedError


def unseen_fraction(X_train, X_test, rtol=None):
    """Return, for each test sample, the fraction of its length that lies in the null space of ``X_train``.

    Parameters
    ----------
    X_train : ndarray of shape (n_samples_train, n_features)
    X_test : ndarray of shape (n_samples_test, n_features)
    rtol : float or None, default None
        The rank cut-off for ``X_train``, as in :func:`min_norm_fit`.

    Returns
    -------
    fraction : ndarray of shape (n_samples_test,)
        ``‖P_N x‖ / ‖x‖`` for each row ``x`` of ``X_test``, where ``P_N`` projects onto the null
        space of ``X_train`` (the feature directions no training sample varies in); between 0
        and 1, and 0.0 for an all-zero row.

    Examples
    --------
    >>> unseen_fraction(np.array([[1.0, 0.0]]), np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]))
    array([0.        , 0.70710678, 0.        ])
    """
    # TODO: the null space of X_train is spanned by the last rows of Vh from a FULL SVD
    #       (np.linalg.svd(X_train, full_matrices=True)); project every test row onto it.
    raise NotImplementedError


def blind_spot_curve(X, labels, n_train_values, n_test=797):
    """Train on the first n rows for each n; return the unseen fraction and accuracy on the last n_test rows.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    labels : ndarray of int of shape (n_samples,)
        Class labels 0, 1, ..., K - 1; the targets are their one-hot encoding (K columns,
        K = labels.max() + 1).
    n_train_values : sequence of int
        The training sizes: train on ``X[:n]``.
    n_test : int, default 797
        Test on the last ``n_test`` rows, ``X[-n_test:]`` (797 leaves the first 1000 of the
        1797 digits for training).

    Returns
    -------
    curve : ndarray of shape (len(n_train_values), 3)
        One row ``[n, mean unseen fraction of the test rows, test accuracy]`` per n, where the
        prediction for a test row x is the class with the largest score ``x @ W``, with
        ``W = min_norm_fit(X[:n], one_hot[:n])``.
    """
    # TODO: one-hot targets np.eye(K)[labels]; for each n fit, score, and measure.
    raise NotImplementedError


if __name__ == "__main__":
    from sklearn.datasets import load_digits

    X, labels = load_digits(return_X_y=True)
    X = X / 16.0
    curve = blind_spot_curve(X, labels, [10, 30, 100, 300, 1000])
    for n, unseen, accuracy in curve:
        print(f"n = {int(n):4d}: {unseen:7.2%} of a test image is unseen, test accuracy {accuracy:.3f}")
