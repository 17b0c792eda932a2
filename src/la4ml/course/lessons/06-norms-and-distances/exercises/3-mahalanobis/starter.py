"""Exercise 6.3 — Mahalanobis distances to the center, from scratch.

Write ``mahalanobis_to_center(X)`` and compare it with scipy.spatial.distance.mahalanobis.
"""

import numpy as np
from scipy.spatial import distance
from sklearn.datasets import load_iris


def mahalanobis_to_center(X):
    """Mahalanobis distance of every sample (row) of ``X`` to the mean sample.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Samples in rows; needs more samples than features, so that the covariance is invertible.

    Returns
    -------
    ndarray of shape (n_samples,)
        ``d[i] = sqrt((X[i] - mu) @ inv(S) @ (X[i] - mu))`` with ``mu`` the mean over the samples
        and ``S = np.cov(X, rowvar=False)``, the (n_features, n_features) sample covariance.
    """
    # TODO: center X by the mean over the samples (which axis?), build the feature covariance and
    #       its inverse, and compute one quadratic form per row (einsum, or (D @ VI) * D summed).
    raise NotImplementedError


if __name__ == "__main__":
    X, y = load_iris(return_X_y=True)
    S = X[y == 0]  # the 50 setosa flowers
    d_mah = mahalanobis_to_center(S)
    d_euc = np.linalg.norm(S - S.mean(axis=0), axis=1)
    VI = np.linalg.inv(np.cov(S, rowvar=False))
    print("matches scipy:", np.allclose(d_mah, [distance.mahalanobis(s, S.mean(axis=0), VI) for s in S]))
    print("most unusual by Mahalanobis:", np.argsort(-d_mah)[:3], "  by Euclidean:", np.argsort(-d_euc)[:3])
