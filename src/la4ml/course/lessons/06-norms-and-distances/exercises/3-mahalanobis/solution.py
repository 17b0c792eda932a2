"""Exercise 6.3 — Mahalanobis distances to the center, from scratch (reference solution)."""

import numpy as np
from scipy.spatial import distance
from sklearn.datasets import load_iris


def mahalanobis_to_center(X):
    """Mahalanobis distance of every sample (row) of ``X`` to the mean sample.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)

    Returns
    -------
    ndarray of shape (n_samples,)
    """
    X = np.asarray(X, dtype=float)
    mu = X.mean(axis=0)  # (n_features,): average over the samples, down each column
    D = X - mu  # (n_samples, n_features): broadcasting subtracts mu from every row
    S = np.cov(X, rowvar=False)  # (n_features, n_features): features are the columns
    VI = np.linalg.inv(S)
    d2 = np.einsum("ij,jk,ik->i", D, VI, D)  # one quadratic form D[i] @ VI @ D[i] per row
    return np.sqrt(np.maximum(d2, 0.0))


if __name__ == "__main__":
    X, y = load_iris(return_X_y=True)
    S = X[y == 0]  # the 50 setosa flowers
    d_mah = mahalanobis_to_center(S)
    d_euc = np.linalg.norm(S - S.mean(axis=0), axis=1)
    VI = np.linalg.inv(np.cov(S, rowvar=False))
    print("matches scipy:", np.allclose(d_mah, [distance.mahalanobis(s, S.mean(axis=0), VI) for s in S]))
    print("most unusual by Mahalanobis:", np.argsort(-d_mah)[:3], "  by Euclidean:", np.argsort(-d_euc)[:3])
