"""Exercise 13.6 — Iris reduced to 2D and reconstructed: the reconstruction error, measured and predicted.

Write ``reconstruct(X, n_components)``, ``predicted_mse(X, n_components)`` and
``mse_by_components(X)``, then run this file on Iris.
"""

import numpy as np
from sklearn.decomposition import PCA


def reconstruct(X, n_components):
    """Reduce ``X`` to ``n_components`` principal components and map it back.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        One sample per row, ``n_samples > n_features``. Do not modify it.
    n_components : int
        ``1 <= n_components <= n_features``.

    Returns
    -------
    X_hat : ndarray of shape (n_samples, n_features)
        ``pca.inverse_transform(pca.transform(X))`` for ``pca = PCA(n_components).fit(X)``
        (scikit-learn): the projection of each sample on the affine subspace through the mean
        spanned by the components, in the ORIGINAL coordinates.
    mse : float
        The mean of ``(X - X_hat) ** 2`` over all ``n_samples × n_features`` entries.

    Examples
    --------
    >>> X = np.array([[5.0, 3.0], [2.0, 0.0], [2.0, 3.0], [3.0, 2.0]])   # variances 3 and 1
    >>> X_hat, mse = reconstruct(X, 1)
    >>> round(float(mse), 12)     # the discarded variance 1, times (n - 1)/(n·p) = 3/8
    0.375
    """
    # TODO: pca = PCA(n_components=n_components).fit(X); X_hat = pca.inverse_transform(pca.transform(X));
    #       mse = np.mean((X - X_hat) ** 2)
    raise NotImplementedError


def predicted_mse(X, n_components):
    """The reconstruction MSE predicted from the eigenvalues of the covariance matrix alone.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        One sample per row. Do not modify it.
    n_components : int
        Number of components kept, ``1 <= n_components <= n_features``.

    Returns
    -------
    mse : float
        ``(n_samples - 1) / (n_samples · n_features)`` times the sum of the
        ``n_features - n_components`` SMALLEST eigenvalues of ``np.cov(X, rowvar=False)`` (the
        variances along the discarded components); ``0.0`` when nothing is discarded.
    """
    # TODO: lam = np.linalg.eigvalsh(np.cov(X, rowvar=False)) (ascending); sum the discarded ones; scale.
    raise NotImplementedError


def mse_by_components(X):
    """The reconstruction MSE for every number of components.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        One sample per row, ``n_samples > n_features``. Do not modify it.

    Returns
    -------
    mse : ndarray of shape (n_features,)
        ``mse[k - 1]`` is ``reconstruct(X, k)[1]`` for ``k = 1, ..., n_features`` (the last one is
        0 up to rounding).
    """
    # TODO: np.array([reconstruct(X, k)[1] for k in range(1, n_features + 1)])
    raise NotImplementedError


if __name__ == "__main__":
    from sklearn.datasets import load_iris

    X = load_iris().data
    X_hat, mse = reconstruct(X, 2)
    print("first flower:", X[0], "-> reconstructed from 2 components:", np.round(X_hat[0], 3))
    print(f"reconstruction MSE with 2 components: {mse:.6f} cm²; predicted from the eigenvalues: {predicted_mse(X, 2):.6f}")
    print("MSE for k = 1..4:", np.array2string(mse_by_components(X), precision=6))
