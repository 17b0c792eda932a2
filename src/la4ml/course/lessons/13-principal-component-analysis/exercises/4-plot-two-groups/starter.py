"""Exercise 13.4 — The 2D projection scattered and colored by two groups.

Write ``two_group_labels(X)`` and ``plot_two_groups(X_2d, labels, ratio)``, then run this file on
exercise 13.3's data reduced to 2D.
"""

import matplotlib

matplotlib.use("Agg")  # draw to files, no window needed
import matplotlib.pyplot as plt
import numpy as np


def two_group_labels(X):
    """A synthetic two-group label: the sign of the first feature.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The data (not its projection). Do not modify it.

    Returns
    -------
    labels : ndarray of int, shape (n_samples,)
        ``1`` where ``X[i, 0] > 0`` (strictly), else ``0``.

    Examples
    --------
    >>> two_group_labels(np.array([[0.5, 9.0], [-1.0, 2.0], [0.0, 1.0]]))
    array([1, 0, 0])
    """
    # TODO: compare the first column with 0 (strictly) and convert the booleans to int.
    raise NotImplementedError


def plot_two_groups(X_2d, labels, ratio):
    """Scatter the 2D PCA scores, colored by group.

    Parameters
    ----------
    X_2d : ndarray of shape (n_samples, 2)
        Scores on PC1 (horizontal axis) and PC2 (vertical axis).
    labels : ndarray of int, shape (n_samples,)
        The group of each sample (0 or 1), used as the scatter's colors.
    ratio : ndarray of shape (2,)
        Explained variance ratios of PC1 and PC2.

    Returns
    -------
    fig : matplotlib.figure.Figure
        ONE ``ax.scatter(X_2d[:, 0], X_2d[:, 1], c=labels, cmap=...)`` (any colormap); the x label
        ``f"PC1 ({ratio[0]:.1%} of the variance)"`` and the y label
        ``f"PC2 ({ratio[1]:.1%} of the variance)"``; and a colorbar of that scatter labelled
        ``"group"`` (``fig.colorbar(sc, ax=ax, label="group")``).
    """
    # TODO: fig, ax = plt.subplots(); sc = ax.scatter(..., c=labels, cmap="coolwarm"); labels; colorbar; return fig
    raise NotImplementedError


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
