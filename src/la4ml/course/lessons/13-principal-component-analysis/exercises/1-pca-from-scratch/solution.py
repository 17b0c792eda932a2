"""Exercise 13.1 — PCA from scratch by eigendecomposition, and the projection on the first component (reference solution)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np


def pca_eig(X, n_components, whiten=False):
    """(components, explained_variance, mean, scores) from the eigendecomposition of the covariance of X."""
    X = np.asarray(X, dtype=float)
    mean = X.mean(axis=0)
    Xc = X - mean  # center every feature
    C = Xc.T @ Xc / (len(X) - 1)  # (n_features, n_features) sample covariance
    eigenvalues, V = np.linalg.eigh(C)  # ascending; the eigenvectors are the COLUMNS of V
    explained_variance = eigenvalues[::-1][:n_components]  # largest first
    components = V[:, ::-1][:, :n_components].T  # matching columns, as rows
    scores = Xc @ components.T  # (n_samples, n_components)
    if whiten:
        scores = scores / np.sqrt(explained_variance)
    return components, explained_variance, mean, scores


def plot_first_component(X):
    """The data and its projections on the first principal component; returns the figure."""
    X = np.asarray(X, dtype=float)
    components, variance, mean, scores = pca_eig(X, 2)
    projected = mean + np.outer(scores[:, 0], components[0])  # closest points on the line of PC1
    ratio = variance[0] / variance.sum()
    fig, ax = plt.subplots()
    ax.scatter(X[:, 0], X[:, 1], label="data")
    ax.scatter(projected[:, 0], projected[:, 1], label="projection on PC1")
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.legend()
    ax.set_aspect("equal")
    ax.set_title(f"PC1 explains {ratio:.1%} of the variance")
    return fig


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
