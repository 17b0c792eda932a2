"""Exercise 18.6 — Plot the sorted Fiedler vector of a graph, one color per known group (reference solution).

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
    A = np.asarray(A, dtype=float)
    groups = np.asarray(groups)
    _, V = np.linalg.eigh(np.diag(A.sum(axis=1)) - A)
    v = V[:, 1]  # the eigenvector of the second-smallest eigenvalue
    v = v * np.sign(v[np.argmax(np.abs(v))])
    rank = np.empty(len(v), dtype=int)
    rank[np.argsort(v)] = np.arange(len(v))  # rank[i] = position of node i in the sorted order
    fig, ax = plt.subplots(figsize=(7, 4))
    for g, name in enumerate(names):
        nodes = np.flatnonzero(groups == g)
        ax.scatter(rank[nodes], v[nodes], label=name)
    ax.axhline(0, color="k", lw=0.8)
    ax.set_xlabel("nodes sorted by their Fiedler entry")
    ax.set_ylabel("Fiedler vector entry")
    ax.set_title("The signs of the Fiedler vector split the graph")
    ax.legend()
    return fig


if __name__ == "__main__":
    import networkx as nx

    G = nx.karate_club_graph()
    A = nx.to_numpy_array(G, nodelist=range(34), weight=None)
    groups = np.array([0 if G.nodes[i]["club"] == "Mr. Hi" else 1 for i in range(34)])
    fig = plot_fiedler_entries(A, groups, ["Mr. Hi", "Officer"])
    fig.savefig("fiedler_karate.png", dpi=100)
    print("saved fiedler_karate.png")
