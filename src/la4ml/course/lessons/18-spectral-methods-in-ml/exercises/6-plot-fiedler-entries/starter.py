"""Exercise 18.6 — Plot the sorted Fiedler vector of a graph, one color per known group.

Write ``plot_fiedler_entries(A, groups, names)``: one scatter per group of (rank in the sorted
Fiedler vector, Fiedler entry), a line at zero, labels, a legend; return the figure.
"""

import matplotlib.pyplot as plt
import numpy as np


def plot_fiedler_entries(A, groups, names):
    """Plot the Fiedler vector's entries, sorted, with one scatter (and legend entry) per group.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        Symmetric, nonnegative adjacency of a connected graph. Do not modify it.
    groups : ndarray of shape (n,)
        Integer group of each node, in ``0 .. len(names) - 1``.
    names : list of str
        ``names[g]`` is the legend label of group ``g``.

    Returns
    -------
    fig : matplotlib.figure.Figure
        One axes holding, for each group ``g`` in order, a scatter of the points
        ``(rank[i], v[i])`` for the nodes ``i`` of that group, labelled ``names[g]``; ``v`` is
        the Fiedler vector (unit norm, largest-magnitude entry positive) and ``rank[i]`` the
        position of node ``i`` when the nodes are sorted by ``v`` (0 = smallest). Also a
        horizontal line at 0, an x-label, a y-label containing "Fiedler", a title and a legend.
    """
    # TODO: v = column 1 of np.linalg.eigh(np.diag(A.sum(axis=1)) - A)[1], sign fixed;
    #       rank from np.argsort(v); fig, ax = plt.subplots(); one ax.scatter per group with
    #       label=names[g]; ax.axhline(0); labels, title, legend; return fig.
    raise NotImplementedError


if __name__ == "__main__":
    import networkx as nx

    G = nx.karate_club_graph()
    A = nx.to_numpy_array(G, nodelist=range(34), weight=None)
    groups = np.array([0 if G.nodes[i]["club"] == "Mr. Hi" else 1 for i in range(34)])
    fig = plot_fiedler_entries(A, groups, ["Mr. Hi", "Officer"])
    fig.savefig("fiedler_karate.png", dpi=100)
    print("saved fiedler_karate.png")
