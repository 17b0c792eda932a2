"""Exercise 13.3 — Five features, two of them near-copies: reduce to 2D with scikit-learn.

Write ``make_redundant_data(n_samples, noise, seed)`` and ``reduce_to_2d(X)``, then run this file
to see how much of the variance of five features two components keep.
"""

import numpy as np
from sklearn.decomposition import PCA


def make_redundant_data(n_samples=100, noise=0.1, seed=0):
    """Five features of which the second and third are noisy copies of the first.

    Parameters
    ----------
    n_samples : int, default 100
        Number of rows.
    noise : float, default 0.1
        Size of the noise added to the copies.
    seed : int, default 0
        Seed of ``np.random.default_rng``.

    Returns
    -------
    X : ndarray of shape (n_samples, 5)
        Draw ``Z = np.random.default_rng(seed).standard_normal((n_samples, 5))`` (ONE draw of the
        whole matrix), then ``X[:, 0] = Z[:, 0]``, ``X[:, 1] = Z[:, 0] + noise * Z[:, 1]``,
        ``X[:, 2] = Z[:, 0] + noise * Z[:, 2]``, ``X[:, 3] = Z[:, 3]``, ``X[:, 4] = Z[:, 4]``.

    Examples
    --------
    >>> X = make_redundant_data(4, noise=0.0)
    >>> bool(np.all(X[:, 1] == X[:, 0]) and np.all(X[:, 2] == X[:, 0]))
    True
    """
    # TODO: Z = np.random.default_rng(seed).standard_normal((n_samples, 5)); build X from its columns.
    raise NotImplementedError


def reduce_to_2d(X):
    """Project ``X`` on its first two principal components with scikit-learn.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        One sample per row, ``n_features >= 2``. Do not modify it, do not scale it.

    Returns
    -------
    X_2d : ndarray of shape (n_samples, 2)
        ``sklearn.decomposition.PCA(n_components=2)`` fitted on ``X``, then ``transform(X)``: the
        scores of every sample on the first two components.
    explained_variance_ratio : ndarray of shape (2,)
        The fitted model's ``explained_variance_ratio_``: the shares of the total variance (of
        all the features) that the two components carry, largest first.
    """
    # TODO: pca = PCA(n_components=2).fit(X); return pca.transform(X), pca.explained_variance_ratio_
    raise NotImplementedError


if __name__ == "__main__":
    X = make_redundant_data()
    X_2d, ratio = reduce_to_2d(X)
    print("X:", X.shape, "-> X_2d:", X_2d.shape)
    print("explained variance ratio of the top 2 components:", np.round(ratio, 4))
    print(f"together: {ratio.sum():.1%} of the variance of 5 features")
    print("first component (scikit-learn's signs):", np.round(PCA(n_components=2).fit(X).components_[0], 3))
