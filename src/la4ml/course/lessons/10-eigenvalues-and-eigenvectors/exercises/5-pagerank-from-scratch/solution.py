"""Exercise 10.5 — PageRank from scratch, dangling pages included (reference solution)."""

import numpy as np


def pagerank(A, alpha=0.85, tol=1e-10, max_iter=1000):
    """Power iteration on the Google matrix: ``x ← alpha·Pᵀx + (1 - alpha)/n`` with uniform rows for dangling pages."""
    A = np.asarray(A, dtype=float)
    n = A.shape[0]
    out = A.sum(axis=1, keepdims=True)                    # out-weight of each page
    P = np.divide(A, out, out=np.full_like(A, 1 / n), where=out > 0)   # dangling rows: jump anywhere
    x = np.full(n, 1 / n)
    for _ in range(max_iter):
        x_new = alpha * (P.T @ x) + (1 - alpha) / n       # follow a link, or teleport
        if np.abs(x_new - x).sum() < tol:
            return x_new
        x = x_new
    raise RuntimeError(f"PageRank did not converge in {max_iter} iterations (tol={tol}); raise max_iter")


if __name__ == "__main__":
    import networkx as nx

    G = nx.karate_club_graph()
    A = nx.to_numpy_array(G, weight=None)
    scores = pagerank(A)
    nx_scores = nx.pagerank(G, weight=None, tol=1e-12)
    print("top 5:", np.argsort(-scores)[:5], scores[np.argsort(-scores)[:5]].round(4))
    print("max difference with networkx:", np.abs(scores - [nx_scores[i] for i in G]).max())
