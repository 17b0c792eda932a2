"""Exercise 3.2 — Center columns and rows with broadcasting.

Write ``center_columns(X)`` and ``center_rows(X)``, each one broadcasting subtraction, then check
them on the Iris data and on a square matrix.
"""

import numpy as np
from sklearn.datasets import load_iris


def center_columns(X):
    """Subtract from each column of ``X`` its mean.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)

    Returns
    -------
    ndarray of shape (n_samples, n_features)
        ``X`` with each column's mean subtracted: every column of the result has mean 0.
        ``X`` itself is not modified.

    Examples
    --------
    >>> center_columns(np.array([[1.0, 10.0], [3.0, 30.0]]))
    array([[ -1., -10.],
           [  1.,  10.]])
    """
    # TODO: one subtraction. Which axis does X.mean(...) average over, and what shape does it have?
    raise NotImplementedError


def center_rows(X):
    """Subtract from each row of ``X`` its mean.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)

    Returns
    -------
    ndarray of shape (n_samples, n_features)
        ``X`` with each row's mean subtracted: every row of the result has mean 0.
        ``X`` itself is not modified.

    Examples
    --------
    >>> center_rows(np.array([[1.0, 3.0], [10.0, 30.0]]))
    array([[ -1.,   1.],
           [-10.,  10.]])
    """
    # TODO: one subtraction. The row means must line up with the ROWS of X: shape (n_samples, 1).
    raise NotImplementedError


if __name__ == "__main__":
    X = load_iris().data                                  # (150, 4)
    print("column means after center_columns:", center_columns(X).mean(axis=0).round(12))
    print("first row means after center_rows:", center_rows(X).mean(axis=1)[:5].round(12))
    S = X[:4]                                             # square: the wrong axis would not raise here
    print("square check:", np.allclose(center_rows(S).mean(axis=1), 0))
