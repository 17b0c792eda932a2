"""Exercise 10.5 — PageRank from scratch, dangling pages included.

Write ``pagerank(A, alpha, tol, max_iter)`` for a dense adjacency matrix and compare it with
``networkx.pagerank`` on the karate club.
"""

import numpy as np


def pagerank(A, alpha=0.85, tol=1e-10, max_iter=1000):
    """PageRank scores of the nodes of a graph, by power iteration on the Google matrix.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        ``A[i, j] >= 0`` is the weight of the link ``i → j`` (1 for an unweighted link). A row of
        zeros is a dangling page. Do not modify it.
    alpha : float, default 0.85
        The damping factor: the probability of following a link rather than teleporting.
    tol : float, default 1e-10
        Stop when ``np.abs(x_new - x).sum() < tol``.
    max_iter : int, default 1000
        The most updates of ``x``.

    Returns
    -------
    scores : ndarray of shape (n,)
        The PageRank of each node, in node order; they sum to 1.

    Raises
    ------
    RuntimeError
        If ``max_iter`` updates do not meet the tolerance.

    Notes
    -----
    ``P[i] = A[i] / A[i].sum()``, or ``1/n`` everywhere for a dangling row; ``x = 1/n``; then
    ``x_new = alpha * P.T @ x + (1 - alpha) / n`` until the L1 change is below ``tol``.

    Examples
    --------
    >>> pagerank(np.array([[0.0, 1.0], [1.0, 0.0]]))
    array([0.5, 0.5])
    """
    # TODO: 1. P: rows divided by their sums, dangling rows uniform (1/n)
    #       2. x = np.full(n, 1 / n); repeat x_new = alpha * P.T @ x + (1 - alpha) / n
    #       3. return x_new when np.abs(x_new - x).sum() < tol; RuntimeError after max_iter updates
    raise NotImplementedError


if __name__ == "__main__":
    import networkx as nx

    G = nx.karate_club_graph()
    A = nx.to_numpy_array(G, weight=None)
    scores = pagerank(A)
    nx_scores = nx.pagerank(G, weight=None, tol=1e-12)
    print("top 5:", np.argsort(-scores)[:5], scores[np.argsort(-scores)[:5]].round(4))
    print("max difference with networkx:", np.abs(scores - [nx_scores[i] for i in G]).max())
