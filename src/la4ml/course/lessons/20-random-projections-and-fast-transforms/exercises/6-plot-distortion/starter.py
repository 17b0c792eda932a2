"""Exercise 20.6 — Plot the distribution of distance ratios under sparse random projections.

Write ``plot_distance_ratios(X, ks, eps=0.3, random_state=0, bins=40)`` returning the figure.
"""

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
    # TODO: for each k, project with SparseRandomProjection and compute the ratios of squared
    #       distances over the pairs i < j (skip zero original distances); ax.hist them; then the
    #       two axvlines, labels, legend; return fig.
    raise NotImplementedError


if __name__ == "__main__":
    fig = plot_distance_ratios(load_digits().data[:200], [16, 64])
    fig.savefig("distance_ratios.png")
