"""Exercise 18.5 — Spectral clustering (Ng–Jordan–Weiss) on moons and circles (reference solution).

Write ``njw_embedding(W, n_clusters)`` (bottom eigenvectors of the normalized Laplacian, rows
scaled to unit length) and ``spectral_labels(X, n_clusters, n_neighbors=10, random_state=0)``
(k-nearest-neighbour graph, embedding, k-means).
"""

import numpy as np
from sklearn.cluster import KMeans
from sklearn.neighbors import kneighbors_graph


def njw_embedding(W, n_clusters):
    """Return the Ng–Jordan–Weiss spectral embedding of the affinity matrix ``W``.

    Parameters
    ----------
    W : ndarray of shape (n, n)
        Symmetric, nonnegative affinities with a zero diagonal; every node has an edge
        (no zero degree). Do not modify it.
    n_clusters : int
        How many eigenvectors to keep, ``1 <= n_clusters <= n``.

    Returns
    -------
    T : ndarray of shape (n, n_clusters)
        Row ``i`` is row ``i`` of ``U`` divided by its Euclidean norm, where the columns of ``U``
        are unit eigenvectors of the ``n_clusters`` SMALLEST eigenvalues of
        ``I - D^{-1/2} W D^{-1/2}`` (``D`` = diag of the row sums of ``W``).

    Examples
    --------
    >>> W = np.array([[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0.]])  # two separate edges
    >>> T = njw_embedding(W, 2)
    >>> np.allclose(np.linalg.norm(T, axis=1), 1.0)
    True
    >>> bool(np.allclose(T[0], T[1]) and np.allclose(T[2], T[3]) and abs(T[0] @ T[2]) < 1e-12)
    True
    """
    W = np.asarray(W, dtype=float)
    s = np.sqrt(W.sum(axis=1))  # sqrt of the degrees
    L = np.eye(len(W)) - W / np.outer(s, s)  # I - D^{-1/2} W D^{-1/2}
    _, V = np.linalg.eigh(L)  # ascending eigenvalues
    U = V[:, :n_clusters]  # (n, n_clusters): the bottom eigenvectors
    return U / np.linalg.norm(U, axis=1, keepdims=True)  # each ROW to unit length


def spectral_labels(X, n_clusters, n_neighbors=10, random_state=0):
    """Cluster the rows of ``X`` by NJW spectral clustering on a k-nearest-neighbour graph.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The data.
    n_clusters : int
        The number of clusters.
    n_neighbors : int, default=10
        Neighbours per point in ``kneighbors_graph(X, n_neighbors, include_self=False)``.
    random_state : int, default=0
        Passed to ``KMeans(n_clusters, n_init=10, random_state=random_state)``.

    Returns
    -------
    labels : ndarray of shape (n_samples,)
        Integer cluster labels in ``0 .. n_clusters - 1``.
    """
    C = kneighbors_graph(X, n_neighbors, include_self=False).toarray()  # (n, n), C[i, j] = 1: j is near i
    W = (C + C.T) / 2  # symmetric: 1 for mutual neighbours, 1/2 for one-sided
    T = njw_embedding(W, n_clusters)
    return KMeans(n_clusters, n_init=10, random_state=random_state).fit_predict(T)


if __name__ == "__main__":
    from sklearn.datasets import make_circles, make_moons
    from sklearn.metrics import adjusted_rand_score

    for name, (X, y) in [("moons", make_moons(300, noise=0.05, random_state=0)),
                         ("circles", make_circles(300, factor=0.5, noise=0.05, random_state=0))]:
        raw = KMeans(2, n_init=10, random_state=0).fit_predict(X)
        spec = spectral_labels(X, 2)
        print(f"{name}: ARI of k-means {adjusted_rand_score(y, raw):.3f}, of NJW spectral clustering "
              f"{adjusted_rand_score(y, spec):.3f}")
