"""Exercise 1.5 — Feature vectors and nearest neighbours on real data (reference solution)."""

import numpy as np
from sklearn.datasets import load_wine


def nearest_neighbor_accuracy(X, y, scaling=None):
    """Leave-one-out accuracy of the 1-nearest-neighbour classifier (Euclidean distance)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if scaling == "rows":
        X = X / np.linalg.norm(X, axis=1, keepdims=True)  # (n, d) / (n, 1): each sample to length 1
    elif scaling == "features":
        X = (X - X.mean(axis=0)) / X.std(axis=0)  # (n, d) - (d,): one mean and one std per feature
    elif scaling is not None:
        raise ValueError(f"scaling must be None, 'rows' or 'features', got {scaling!r}")
    diff = X[:, None, :] - X[None, :, :]  # (n, n, d): every difference x_i - x_j
    D = np.sqrt((diff ** 2).sum(axis=-1))  # (n, n) Euclidean distances
    np.fill_diagonal(D, np.inf)  # a sample is not its own neighbour
    nearest = D.argmin(axis=1)
    return float(np.mean(y[nearest] == y))


if __name__ == "__main__":
    X, y = load_wine(return_X_y=True)
    print("feature ranges:", X.min(axis=0).round(1), X.max(axis=0).round(1), sep="\n")
    for scaling in (None, "rows", "features"):
        print(f"scaling={scaling!s:>8}: 1-NN accuracy = {nearest_neighbor_accuracy(X, y, scaling):.3f}")
