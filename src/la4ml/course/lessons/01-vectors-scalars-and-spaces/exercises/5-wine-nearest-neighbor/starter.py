"""Exercise 1.5 — Feature vectors and nearest neighbours on real data (load_wine).

Write ``nearest_neighbor_accuracy(X, y, scaling=None)``. Then run this file to compare three ways of
scaling the wine feature vectors.
"""

import numpy as np
from sklearn.datasets import load_wine


def nearest_neighbor_accuracy(X, y, scaling=None):
    """Leave-one-out accuracy of the 1-nearest-neighbour classifier (Euclidean distance).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        One feature vector per row. Do not modify it.
    y : ndarray of shape (n_samples,)
        The labels.
    scaling : {None, "rows", "features"}, default None
        None: use X as it is. "rows": divide every row by its length (Euclidean norm).
        "features": from every column subtract its mean and divide by its standard deviation.

    Returns
    -------
    float
        The fraction of samples whose nearest OTHER sample (a sample is never its own neighbour)
        has the same label.

    Raises
    ------
    ValueError
        If ``scaling`` is not None, "rows" or "features"; the message names the value received.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    # TODO: rescale X as asked (mind the axis: rows are samples, columns are features);
    #       compute all pairwise distances; exclude each sample from its own search; count the hits.
    raise NotImplementedError


if __name__ == "__main__":
    X, y = load_wine(return_X_y=True)
    print("feature ranges:", X.min(axis=0).round(1), X.max(axis=0).round(1), sep="\n")
    for scaling in (None, "rows", "features"):
        print(f"scaling={scaling!s:>8}: 1-NN accuracy = {nearest_neighbor_accuracy(X, y, scaling):.3f}")
