"""Exercise 13.4 — The 2D projection scattered and colored by two groups (reference solution)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np


def two_group_labels(X):
    """1 where the first feature is positive, else 0."""
    return (np.asarray(X)[:, 0] > 0).astype(int)


def plot_two_groups(X_2d, labels, ratio):
    """One scatter of the 2D scores colored by the labels, axes labelled with the explained variance."""
    fig, ax = plt.subplots()
    sc = ax.scatter(X_2d[:, 0], X_2d[:, 1], c=labels, cmap="coolwarm")
    ax.set_xlabel(f"PC1 ({ratio[0]:.1%} of the variance)")
    ax.set_ylabel(f"PC2 ({ratio[1]:.1%} of the variance)")
    fig.colorbar(sc, ax=ax, label="group")
    return fig


if __name__ == "__main__":
    from sklearn.decomposition import PCA

    Z = np.random.default_rng(0).standard_normal((100, 5))  # exercise 13.3's data
    X = Z.copy()
    X[:, 1] = Z[:, 0] + 0.1 * Z[:, 1]
    X[:, 2] = Z[:, 0] + 0.1 * Z[:, 2]
    pca = PCA(n_components=2).fit(X)
    X_2d, ratio = pca.transform(X), pca.explained_variance_ratio_
    labels = two_group_labels(X)
    print("group sizes:", np.bincount(labels))
    print("mean PC1 score of group 0 and group 1:", np.round([X_2d[labels == k, 0].mean() for k in (0, 1)], 3))
    plot_two_groups(X_2d, labels, ratio).savefig("two_groups.png")
    print("saved two_groups.png")
