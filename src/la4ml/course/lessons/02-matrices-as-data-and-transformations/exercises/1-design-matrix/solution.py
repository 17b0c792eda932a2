"""Exercise 2.1 — Build a design matrix (samples × features) (reference solution)."""

import numpy as np
from sklearn.datasets import load_iris


def design_matrix(columns, add_intercept=True):
    """Stack feature columns side by side into an (n_samples, n_features) design matrix."""
    columns = [np.asarray(c, dtype=float) for c in columns]
    lengths = [len(c) for c in columns]
    if len(set(lengths)) > 1:
        raise ValueError(f"all feature columns must have the same number of samples, got lengths {lengths}")
    if add_intercept:
        columns = [np.ones(lengths[0])] + columns  # the bias column comes first
    return np.column_stack(columns)  # each 1-D array becomes a column: (n_samples, n_features)


if __name__ == "__main__":
    iris = load_iris()
    X = design_matrix([iris.data[:, 0], iris.data[:, 2]])
    print("shape:", X.shape)  # (150, 3)
    print(X[:3])
    w, *_ = np.linalg.lstsq(X, iris.data[:, 3], rcond=None)  # predict petal width
    print("intercept and weights:", w)
