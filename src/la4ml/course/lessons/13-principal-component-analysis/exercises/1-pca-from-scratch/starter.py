"""Exercise 13.1 — PCA from scratch by eigendecomposition, and the projection on the first component.

Write ``pca_eig(X, n_components, whiten)`` (center, covariance, eigh, sort) and
``plot_first_component(X)``, then run this file on 50 correlated points in the plane.
"""

import matplotlib

matplotlib.use("Agg")  # draw to files, no window needed
import matplotlib.pyplot as plt
import numpy as np


def pca_eig(X, n_components, whiten=False):
    """Principal components of ``X`` from the eigendecomposition of its covariance matrix.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        One sample per row, ``n_samples >= 2``. Do not modify it.
    n_components : int
        How many components to keep, ``1 <= n_components <= n_features``.
    whiten : bool, default False
        Divide each column of ``scores`` by the standard deviation along its component,
        ``sqrt(explained_variance[i])``, so that the scores have the identity as their sample
        covariance (the checks whiten only data whose kept variances are positive).

    Returns
    -------
    components : ndarray of shape (n_components, n_features)
        The eigenvectors of ``C = Xcᵀ Xc / (n_samples - 1)`` with the largest eigenvalues, as unit
        ROWS, largest eigenvalue first. Each is defined up to its sign: either sign is accepted.
    explained_variance : ndarray of shape (n_components,)
        The matching eigenvalues of ``C``, largest first: the variance of the data along each
        component.
    mean : ndarray of shape (n_features,)
        The mean of each column of ``X``.
    scores : ndarray of shape (n_samples, n_components)
        ``(X - mean) @ components.T``: the coordinates of each sample along the components (with
        the signs of YOUR components), divided column by column by ``sqrt(explained_variance)`` if
        ``whiten``.

    Examples
    --------
    >>> X = np.array([[5.0, 3.0], [2.0, 0.0], [2.0, 3.0], [3.0, 2.0]])   # covariance [[2, 1], [1, 2]]
    >>> components, variance, mean, scores = pca_eig(X, 1)
    >>> variance, mean, np.abs(components) * np.sqrt(2)
    (array([3.]), array([3., 2.]), array([[1., 1.]]))
    """
    # TODO: 1. mean = X.mean(axis=0); Xc = X - mean; C = Xc.T @ Xc / (n_samples - 1)
    #       2. eigenvalues, V = np.linalg.eigh(C): ascending order, eigenvectors in the COLUMNS of V
    #       3. keep the n_components largest, largest first, as rows; scores = Xc @ components.T
    #       4. if whiten: divide the scores by np.sqrt(explained_variance)
    raise NotImplementedError


def plot_first_component(X):
    """Scatter 2-D data and its orthogonal projections on the first principal component.

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2)
        The data. Do not modify it.

    Returns
    -------
    fig : matplotlib.figure.Figure
        One axes holding exactly two scatter plots (``ax.scatter``): the data ``X`` and the
        projected points ``mean + scores[:, 0] * components[0]`` (from ``pca_eig(X, 2)``); both
        axes labelled; a legend naming the two; ``ax.set_aspect("equal")`` (so that projecting
        looks perpendicular); and the title ``f"PC1 explains {ratio:.1%} of the variance"`` with
        ``ratio`` the first eigenvalue over the sum of both. Other artists (a line along PC1,
        segments to the projections) are welcome.
    """
    # TODO: components, variance, mean, scores = pca_eig(X, 2); projected = mean + np.outer(...);
    #       fig, ax = plt.subplots(); two ax.scatter(...); labels, legend, aspect, title; return fig.
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = rng.multivariate_normal([2.0, 1.0], [[3.0, 2.0], [2.0, 2.0]], size=50)   # 50 correlated points
    components, variance, mean, scores = pca_eig(X, 2)
    print("components (rows):\n", components, "\nvariances:", variance, "\nmean:", mean)
    print("eigenvalues of np.cov:", np.linalg.eigvalsh(np.cov(X, rowvar=False))[::-1])
    white = pca_eig(X, 2, whiten=True)[3]
    print("covariance of the whitened scores:\n", np.round(np.cov(white, rowvar=False), 12) + 0.0)
    plot_first_component(X).savefig("first_component.png")
    print("saved first_component.png")
