"""Exercise 2.1 — Build a design matrix (samples × features).

Write ``design_matrix(columns, add_intercept=True)``. Then run this file to build one from Iris.
"""

import numpy as np
from sklearn.datasets import load_iris


def design_matrix(columns, add_intercept=True):
    """Stack feature columns side by side into a design matrix.

    Parameters
    ----------
    columns : list of array_like, each of shape (n_samples,)
        One feature per entry, measured on the same samples in the same order.
    add_intercept : bool, default True
        Put a column of ones FIRST (column 0), for the intercept/bias.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features) — n_features = len(columns) (+ 1 with the intercept)
        Row i is sample i; column j is feature j.

    Raises
    ------
    ValueError
        If the columns do not all have the same length; the message lists the lengths.

    Examples
    --------
    >>> design_matrix([[1.0, 2.0, 3.0], [10.0, 20.0, 30.0]])
    array([[ 1.,  1., 10.],
           [ 1.,  2., 20.],
           [ 1.,  3., 30.]])
    """
    columns = [np.asarray(c, dtype=float) for c in columns]
    # TODO: check that all columns have the same length (raise ValueError listing the lengths);
    #       stack them as COLUMNS (np.column_stack), with a column of ones first if asked.
    raise NotImplementedError


if __name__ == "__main__":
    iris = load_iris()
    X = design_matrix([iris.data[:, 0], iris.data[:, 2]])
    print("shape:", X.shape)  # (150, 3)
    print(X[:3])
    w, *_ = np.linalg.lstsq(X, iris.data[:, 3], rcond=None)  # predict petal width
    print("intercept and weights:", w)
