"""Exercise 13.3 — Five features, two of them near-copies: reduce to 2D with scikit-learn (reference solution)."""

import numpy as np
from sklearn.decomposition import PCA


def make_redundant_data(n_samples=100, noise=0.1, seed=0):
    """(n_samples, 5) standard normal data whose features 1 and 2 are feature 0 plus a little noise."""
    X = np.random.default_rng(seed).standard_normal((n_samples, 5))
    X[:, 1] = X[:, 0] + noise * X[:, 1]  # near-copies of feature 0
    X[:, 2] = X[:, 0] + noise * X[:, 2]
    return X


def reduce_to_2d(X):
    """(X_2d, explained_variance_ratio) of scikit-learn's PCA with two components."""
    pca = PCA(n_components=2).fit(X)
    return pca.transform(X), pca.explained_variance_ratio_


if __name__ == "__main__":
    X = make_redundant_data()
    X_2d, ratio = reduce_to_2d(X)
    print("X:", X.shape, "-> X_2d:", X_2d.shape)
    print("explained variance ratio of the top 2 components:", np.round(ratio, 4))
    print(f"together: {ratio.sum():.1%} of the variance of 5 features")
    print("first component (scikit-learn's signs):", np.round(PCA(n_components=2).fit(X).components_[0], 3))
