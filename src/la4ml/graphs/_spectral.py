"""Spectral clustering from scratch: affinity graph, normalized Laplacian, bottom eigenvectors, k-means."""

from __future__ import annotations

import numbers

import numpy as np
import scipy.linalg
from sklearn.base import BaseEstimator, ClusterMixin

from la4ml._validation import check_option, check_random_state, check_scalar, describe
from la4ml.errors import InvalidParameterError, OutOfRangeError
from la4ml.graphs._laplacian import _check_adjacency, laplacian

try:
    from sklearn.utils.validation import validate_data
except ImportError:  # scikit-learn < 1.6

    def validate_data(estimator, *args, **kwargs):
        return estimator._validate_data(*args, **kwargs)


__all__ = ["SpectralClustering"]

AFFINITIES = ("rbf", "nearest_neighbors", "precomputed")


def _squared_distances(X):
    """``‖x_i - x_j‖²`` for every pair of rows, clipped at 0 (rounding), with an exact zero diagonal."""
    sq = np.einsum("ij,ij->i", X, X)
    D2 = sq[:, None] + sq[None, :] - 2.0 * (X @ X.T)  # (n, n)
    np.maximum(D2, 0.0, out=D2)
    np.fill_diagonal(D2, 0.0)
    return D2


def _rbf_affinity(X, gamma):
    """``W_ij = exp(-γ ‖x_i - x_j‖²)``, as ``sklearn.metrics.pairwise.rbf_kernel``."""
    return np.exp(-gamma * _squared_distances(X))


def _knn_affinity(X, n_neighbors):
    """Symmetrized k-nearest-neighbour connectivity ``(C + Cᵀ)/2``, each point its own first neighbour.

    ``C[i, j] = 1`` when ``j`` is among the ``n_neighbors`` points closest to ``i`` (``i`` itself
    included), as ``kneighbors_graph(X, n_neighbors, include_self=True)``; the average makes
    the graph undirected, with weight 1 for mutual neighbours and ½ for one-sided ones.
    """
    n = X.shape[0]
    D2 = _squared_distances(X)
    D2[np.arange(n), np.arange(n)] = -1.0  # a point is always its own nearest neighbour
    nearest = np.argsort(D2, axis=1, kind="stable")[:, :n_neighbors]  # (n, n_neighbors)
    C = np.zeros((n, n))
    C[np.repeat(np.arange(n), n_neighbors), nearest.ravel()] = 1.0
    return 0.5 * (C + C.T)


def _spectral_embedding(W, n_components):
    """The rows to cluster: ``D^{-1/2} U``, with ``U`` the bottom eigenvectors of ``I - D^{-1/2} W D^{-1/2}``.

    Scaling by ``D^{-1/2}`` turns the eigenvectors of the symmetric normalized Laplacian into
    those of the random-walk one, ``L v = λ D v`` (Shi and Malik's normalized cut), which is
    what scikit-learn's ``spectral_embedding(..., drop_first=False)`` returns. Each vector's
    sign makes its entry of largest magnitude positive.
    """
    L = laplacian(W, normed=True)
    d = (W.sum(axis=0) - np.diag(W))  # degrees, self-loops excluded as in laplacian
    sqrt_d = np.where(d == 0, 1.0, np.sqrt(d))
    _, U = scipy.linalg.eigh(L, subset_by_index=[0, n_components - 1])  # (n, n_components)
    E = U / sqrt_d[:, None]
    idx = np.argmax(np.abs(E), axis=0)
    E = E * np.sign(E[idx, np.arange(E.shape[1])])
    return E


def _kmeans_plusplus(X, k, rng):
    """k-means++ seeding (Arthur and Vassilvitskii, SODA 2007): each new centre drawn ∝ squared distance."""
    n = X.shape[0]
    centers = [X[rng.integers(n)]]
    d2 = np.sum((X - centers[0]) ** 2, axis=1)
    for _ in range(1, k):
        total = d2.sum()
        i = rng.integers(n) if total <= 0 else rng.choice(n, p=d2 / total)
        centers.append(X[i])
        d2 = np.minimum(d2, np.sum((X - X[i]) ** 2, axis=1))
    return np.array(centers)


def _kmeans(X, k, rng, *, n_init=10, max_iter=300):
    """Lloyd's k-means, best of ``n_init`` k-means++ starts by inertia; returns ``(labels, inertia)``."""
    best_labels, best_inertia = None, np.inf
    for _ in range(n_init):
        C = _kmeans_plusplus(X, k, rng)
        labels = None
        for _ in range(max_iter):
            D2 = np.sum((X[:, None, :] - C[None, :, :]) ** 2, axis=2)  # (n, k)
            new = np.argmin(D2, axis=1)
            if labels is not None and np.array_equal(new, labels):
                break
            labels = new
            for j in range(k):
                members = X[labels == j]
                if len(members):  # an empty cluster keeps its centre
                    C[j] = members.mean(axis=0)
        inertia = float(np.sum((X - C[labels]) ** 2))
        if inertia < best_inertia:
            best_labels, best_inertia = labels, inertia
    return best_labels.astype(np.int64), best_inertia


class SpectralClustering(ClusterMixin, BaseEstimator):
    """Spectral clustering: k-means on the bottom eigenvectors of the normalized graph Laplacian.

    Parameters
    ----------
    n_clusters : int, default=8
        The number of clusters, and of eigenvectors kept.
    affinity : {"rbf", "nearest_neighbors", "precomputed"}, default="rbf"
        How the similarity graph is built: ``exp(-gamma ‖x_i - x_j‖²)``; the symmetrized
        k-nearest-neighbour connectivity ``(C + Cᵀ)/2``; or ``X`` itself, an ``(n, n)`` symmetric
        nonnegative affinity matrix.
    gamma : float, default=1.0
        RBF width parameter (``gamma = 1 / (2σ²)``); ignored by the other affinities.
    n_neighbors : int, default=10
        Neighbours per point (the point itself included) for ``"nearest_neighbors"``.
    random_state : int, Generator or None, default=None
        Seeds k-means++ (10 starts, the best inertia kept).

    Attributes
    ----------
    affinity_matrix_ : ndarray of shape (n_samples, n_samples)
        The affinity (weight) matrix ``W``.
    embedding_ : ndarray of shape (n_samples, n_clusters)
        The rows clustered: ``D^{-1/2} U`` with ``U`` the bottom eigenvectors of
        ``I - D^{-1/2} W D^{-1/2}``.
    labels_ : ndarray of shape (n_samples,)
        Cluster of each sample, in ``0 … n_clusters - 1``.
    n_features_in_ : int
        Number of features seen in ``fit``.

    Notes
    -----
    The embedding and the affinities are those of ``sklearn.cluster.SpectralClustering`` with
    ``assign_labels="kmeans"``, computed with a dense symmetric eigensolver (fine up to a few
    thousand samples). Ng, Jordan and Weiss instead normalize each row of ``U`` to unit length.

    References
    ----------
    U. von Luxburg, "A tutorial on spectral clustering", Statistics and Computing 17(4), 2007, §4–5.
    A. Y. Ng, M. I. Jordan, Y. Weiss, "On spectral clustering: analysis and an algorithm", NIPS 2001.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.datasets import make_circles
    >>> from sklearn.cluster import SpectralClustering as SkSC
    >>> from sklearn.metrics import adjusted_rand_score
    >>> X, y = make_circles(n_samples=200, factor=0.5, noise=0.05, random_state=0)
    >>> ours = SpectralClustering(2, affinity="nearest_neighbors", random_state=0).fit(X)
    >>> theirs = SkSC(2, affinity="nearest_neighbors", random_state=0).fit(X)
    >>> adjusted_rand_score(y, ours.labels_) == adjusted_rand_score(y, theirs.labels_) == 1.0
    True
    """

    def __init__(self, n_clusters=8, *, affinity="rbf", gamma=1.0, n_neighbors=10, random_state=None):
        self.n_clusters = n_clusters
        self.affinity = affinity
        self.gamma = gamma
        self.n_neighbors = n_neighbors
        self.random_state = random_state

    def fit(self, X, y=None):
        """Build the affinity graph of ``X``, embed it with the Laplacian's eigenvectors, run k-means.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features), or (n_samples, n_samples) if precomputed
            The data, or the affinity matrix.
        y : ignored

        Returns
        -------
        self : SpectralClustering
        """
        check_option(self.affinity, "affinity", AFFINITIES,
                     hint="'rbf' for a Gaussian kernel, 'nearest_neighbors' for a kNN graph, "
                          "'precomputed' to pass the affinity matrix as X")
        if not isinstance(self.n_clusters, numbers.Integral) or isinstance(self.n_clusters, bool):
            raise InvalidParameterError(f"n_clusters must be an int >= 1, got {self.n_clusters!r}")
        check_scalar(self.n_clusters, "n_clusters", kind=numbers.Integral, min_val=1)
        check_scalar(self.gamma, "gamma", min_val=0, include_min=False)
        check_scalar(self.n_neighbors, "n_neighbors", kind=numbers.Integral, min_val=1)
        rng = check_random_state(self.random_state)
        X = validate_data(self, X, dtype=np.float64, ensure_min_samples=1)
        n = X.shape[0]
        if n < self.n_clusters:
            raise ValueError(f"n_samples={n} must be >= n_clusters={self.n_clusters}; "
                             "ask for fewer clusters or pass more samples")
        if self.affinity == "rbf":
            W = _rbf_affinity(X, float(self.gamma))
        elif self.affinity == "nearest_neighbors":
            if self.n_neighbors > n:
                raise OutOfRangeError(f"n_neighbors={self.n_neighbors} must be <= n_samples={n}; "
                                      "lower n_neighbors")
            W = _knn_affinity(X, int(self.n_neighbors))
        else:
            if X.shape[0] != X.shape[1]:
                raise InvalidParameterError(f"with affinity='precomputed', X must be a square (n, n) affinity "
                                            f"matrix, got {describe(X)}; or choose affinity='rbf'")
            W = _check_adjacency(X, "X")
            if not np.allclose(W, W.T, rtol=0, atol=W.shape[0] * np.finfo(float).eps * np.abs(W).max()):
                raise InvalidParameterError("with affinity='precomputed', X must be symmetric; "
                                            "pass (X + X.T) / 2")
        self.affinity_matrix_ = W
        self.embedding_ = _spectral_embedding(W, int(self.n_clusters))
        self.labels_, _ = _kmeans(self.embedding_, int(self.n_clusters), rng)
        return self

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.pairwise = self.affinity == "precomputed"
        return tags
