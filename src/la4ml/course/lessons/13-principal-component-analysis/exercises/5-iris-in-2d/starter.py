"""Exercise 13.5 — Iris in two dimensions, colored by species, with and without standardizing.

Write ``iris_2d(standardize)`` and ``plot_iris_2d(X_2d, y, ratio, class_names)``, then run this
file to compare the explained variance of raw and standardized Iris and save the scatter.
"""

import matplotlib

matplotlib.use("Agg")  # draw to files, no window needed
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_iris
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler


def iris_2d(standardize=False):
    """Iris's four measurements reduced to two principal components with scikit-learn.

    Parameters
    ----------
    standardize : bool, default False
        If true, standardize the features first with ``StandardScaler().fit_transform``
        (mean 0, population standard deviation 1 per feature).

    Returns
    -------
    X_2d : ndarray of shape (150, 2)
        ``PCA(n_components=2)`` fitted on the (possibly standardized) data, then ``transform``.
    y : ndarray of int, shape (150,)
        The species, ``load_iris().target``.
    explained_variance_ratio : ndarray of shape (2,)
        The fitted model's ``explained_variance_ratio_``.
    """
    # TODO: data = load_iris(); X = data.data (standardized if asked); pca = PCA(n_components=2).fit(X);
    #       return pca.transform(X), data.target, pca.explained_variance_ratio_
    raise NotImplementedError


def plot_iris_2d(X_2d, y, ratio, class_names):
    """Scatter the 2D scores, one color per class.

    Parameters
    ----------
    X_2d : ndarray of shape (n_samples, 2)
        Scores on PC1 (horizontal) and PC2 (vertical).
    y : ndarray of int, shape (n_samples,)
        Class of each sample, ``0 .. len(class_names) - 1``.
    ratio : ndarray of shape (2,)
        Explained variance ratios of PC1 and PC2.
    class_names : list of str
        The name of each class.

    Returns
    -------
    fig : matplotlib.figure.Figure
        One axes with one ``ax.scatter`` per class ``k``, in the order ``k = 0, 1, ...``, holding
        the rows of ``X_2d`` where ``y == k`` (in their order) and labelled ``class_names[k]``; the
        x label ``f"PC1 ({ratio[0]:.1%})"``, the y label ``f"PC2 ({ratio[1]:.1%})"``; a legend.
    """
    # TODO: fig, ax = plt.subplots(); for each k: ax.scatter(X_2d[y == k, 0], X_2d[y == k, 1], label=...);
    #       axis labels; ax.legend(); return fig
    raise NotImplementedError


if __name__ == "__main__":
    names = [str(n) for n in load_iris().target_names]
    print("feature variances (cm²):", np.round(np.var(load_iris().data, axis=0, ddof=1), 3))
    for standardize in (False, True):
        X_2d, y, ratio = iris_2d(standardize)
        print(f"standardize={standardize}: explained variance ratio {np.round(ratio, 4)}, together {ratio.sum():.1%}")
    X_2d, y, ratio = iris_2d()
    print("mean PC1 score per species:", {n: round(float(X_2d[y == k, 0].mean()), 2) for k, n in enumerate(names)})
    plot_iris_2d(X_2d, y, ratio, names).savefig("iris_2d.png")
    print("saved iris_2d.png")
