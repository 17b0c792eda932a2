"""Exercise 13.2 — Explained variance ratios from the eigenvalues and from the singular values, against scikit-learn.

Write ``explained_variance(X)`` (eigenvalues of the covariance), ``explained_variance_svd(X)``
(singular values of the centered data) and ``sklearn_explained_variance(X)``, then run this file
to compare the three on the Wine data.
"""

import numpy as np
from sklearn.decomposition import PCA


def explained_variance(X):
    """Variances along the principal components, and their shares, from the covariance's eigenvalues.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        One sample per row, ``n_samples >= 2``, not all rows equal. Do not modify it.

    Returns
    -------
    explained_variance : ndarray of shape (min(n_samples, n_features),)
        The eigenvalues of the covariance matrix ``C = Xcᵀ Xc / (n_samples - 1)`` of the CENTERED
        data (``np.linalg.eigvalsh``), largest first, only the first ``min(n_samples, n_features)``
        kept (the same length as scikit-learn's), and any negative value from rounding set to 0.
    explained_variance_ratio : ndarray of shape (min(n_samples, n_features),)
        ``explained_variance / explained_variance.sum()``: the share of the total variance along
        each component (they sum to 1).

    Examples
    --------
    >>> X = np.array([[5.0, 3.0], [2.0, 0.0], [2.0, 3.0], [3.0, 2.0]])   # covariance [[2, 1], [1, 2]]
    >>> explained_variance(X)
    (array([3., 1.]), array([0.75, 0.25]))
    """
    # TODO: center X; C = Xc.T @ Xc / (n - 1); np.linalg.eigvalsh(C) is ASCENDING: reverse it;
    #       keep min(n, p) values; clip negatives to 0; divide by the sum for the ratios.
    raise NotImplementedError


def explained_variance_svd(X):
    """The same two arrays from the singular values of the centered data, without forming the covariance.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        One sample per row, ``n_samples >= 2``, not all rows equal. Do not modify it.

    Returns
    -------
    explained_variance : ndarray of shape (min(n_samples, n_features),)
        ``s**2 / (n_samples - 1)`` with ``s`` the singular values of ``X - X.mean(axis=0)``
        (``np.linalg.svd(..., compute_uv=False)``, already largest first).
    explained_variance_ratio : ndarray of shape (min(n_samples, n_features),)
        ``s**2 / np.sum(s**2)``.
    """
    # TODO: s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False); square; divide by n - 1 / by the sum.
    raise NotImplementedError


def sklearn_explained_variance(X):
    """scikit-learn's answer, with every component kept.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        One sample per row. Do not modify it.

    Returns
    -------
    explained_variance : ndarray
        ``PCA(svd_solver="full").fit(X).explained_variance_``.
    explained_variance_ratio : ndarray
        The same model's ``explained_variance_ratio_``.
    """
    # TODO: pca = PCA(svd_solver="full").fit(X); return its explained_variance_ and explained_variance_ratio_.
    raise NotImplementedError


if __name__ == "__main__":
    from sklearn.datasets import load_wine

    X = load_wine().data  # 178 wines, 13 chemical measurements
    np.set_printoptions(precision=4, suppress=False)
    for name, f in [("eigh", explained_variance), ("svd", explained_variance_svd), ("sklearn", sklearn_explained_variance)]:
        var, ratio = f(X)
        print(f"{name:>8}: first ratios {ratio[:3]}, sum {ratio.sum():.6f}")
    print("eigh vs sklearn ratios agree:", np.allclose(explained_variance(X)[1], sklearn_explained_variance(X)[1]))
