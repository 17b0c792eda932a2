"""Exercise 13.5 — Iris in two dimensions, colored by species, with and without standardizing (reference solution)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_iris
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler


def iris_2d(standardize=False):
    """(X_2d, y, explained_variance_ratio) of Iris reduced to two components."""
    data = load_iris()
    X = data.data
    if standardize:
        X = StandardScaler().fit_transform(X)
    pca = PCA(n_components=2).fit(X)
    return pca.transform(X), data.target, pca.explained_variance_ratio_


def plot_iris_2d(X_2d, y, ratio, class_names):
    """One scatter per class, labelled, with the explained variance on the axes."""
    fig, ax = plt.subplots()
    for k, name in enumerate(class_names):
        ax.scatter(X_2d[y == k, 0], X_2d[y == k, 1], label=name)
    ax.set_xlabel(f"PC1 ({ratio[0]:.1%})")
    ax.set_ylabel(f"PC2 ({ratio[1]:.1%})")
    ax.legend()
    return fig


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
