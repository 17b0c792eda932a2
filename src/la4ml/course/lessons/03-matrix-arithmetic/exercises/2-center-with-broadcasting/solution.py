"""Exercise 3.2 — Center columns and rows with broadcasting (reference solution)."""

import numpy as np
from sklearn.datasets import load_iris


def center_columns(X):
    """Subtract from each column of ``X`` its mean."""
    return X - X.mean(axis=0)                   # (n, d) - (d,): the (d,) lines up with the columns


def center_rows(X):
    """Subtract from each row of ``X`` its mean."""
    return X - X.mean(axis=1, keepdims=True)    # (n, d) - (n, 1): the 1 stretches across the d features


if __name__ == "__main__":
    X = load_iris().data
    # rounded to 12 decimals, + 0.0 so that a rounded -0.0 prints as 0.0
    print("column means after center_columns:", center_columns(X).mean(axis=0).round(12) + 0.0)
    print("first row means after center_rows:", center_rows(X).mean(axis=1)[:5].round(12) + 0.0)
    S = X[:4]
    print("square check:", np.allclose(center_rows(S).mean(axis=1), 0))
