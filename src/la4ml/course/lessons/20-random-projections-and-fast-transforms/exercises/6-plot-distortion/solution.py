"""Exercise 20.6 — Plot the distribution of distance ratios under sparse random projections (reference solution)."""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.random_projection import SparseRandomProjection


def plot_distance_ratios(X, ks, eps=0.3, random_state=0, bins=40):
    """Histograms of projected / original squared distances, one per target dimension.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The points, one per row.
    ks : sequence of int
        Target dimensions; one histogram each, in this order.
    eps : float, default 0.3
        Where to draw the two dashed reference lines, at ``1 - eps`` and ``1 + eps``.
    random_state : int, default 0
        Passed to ``SparseRandomProjection``.
    bins : int, default 40
        Bins of each histogram.

    Returns
    -------
    matplotlib.figure.Figure
        One axes with ``len(ks)`` histograms (labelled ``"k = ..."``), two dashed vertical
        lines, axis labels and a legend.
    """
    X = np.asarray(X, dtype=float)
    i, j = np.triu_indices(len(X), 1)
    dx = ((X[i] - X[j]) ** 2).sum(axis=1)
    keep = dx > 0
    fig, ax = plt.subplots()
    for k in ks:
        Y = SparseRandomProjection(n_components=k, random_state=random_state).fit_transform(X)
        dy = ((Y[i] - Y[j]) ** 2).sum(axis=1)
        ax.hist(dy[keep] / dx[keep], bins=bins, alpha=0.5, label=f"k = {k}")
    for edge in (1 - eps, 1 + eps):
        ax.axvline(edge, color="black", linestyle="--")
    ax.set_xlabel("ratio of squared distances (projected / original)")
    ax.set_ylabel("number of pairs")
    ax.legend()
    return fig


if __name__ == "__main__":
    fig = plot_distance_ratios(load_digits().data[:200], [16, 64])
    fig.savefig("distance_ratios.png")
    print("saved distance_ratios.png")
