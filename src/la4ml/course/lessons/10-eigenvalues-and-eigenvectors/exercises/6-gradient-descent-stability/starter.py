"""Exercise 10.6 — The largest Hessian eigenvalue and the learning rate, on a figure.

Write ``hessian_eigenvalues(X)`` and ``plot_gd_losses(X, y, factors, n_steps)``, then run them on
the standardized diabetes data.
"""

import matplotlib

matplotlib.use("Agg")  # draw to files, no window needed
import matplotlib.pyplot as plt
import numpy as np


def hessian_eigenvalues(X):
    """Eigenvalues of the Hessian of the mean squared error, ``H = (2 / n_samples) XᵀX``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The design matrix. Do not modify it.

    Returns
    -------
    eigenvalues : ndarray of shape (n_features,)
        Real (float64) and in ascending order, so the largest is ``eigenvalues[-1]``.

    Examples
    --------
    >>> hessian_eigenvalues(np.array([[1.0, 0.0], [0.0, 2.0]]))
    array([1., 4.])
    """
    # TODO: H = 2 / n_samples * X.T @ X is symmetric: use np.linalg.eigvalsh (real, ascending).
    raise NotImplementedError


def plot_gd_losses(X, y, factors=(0.5, 1.0, 1.9, 2.05), n_steps=100):
    """Gradient descent on ``mean((Xw - y)²)`` at learning rates ``c / λ_max``, plotted on a log scale.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    factors : sequence of float, default (0.5, 1.0, 1.9, 2.05)
        The learning rates, as multiples of ``1 / λ_max`` (``λ_max = hessian_eigenvalues(X)[-1]``).
    n_steps : int, default 100
        Gradient-descent steps per run, each from ``w = np.zeros(n_features)``.

    Returns
    -------
    fig : matplotlib.figure.Figure
        One axes with one line per factor: ``x`` = step ``0 … n_steps``, ``y`` = loss; log-scale
        y axis; each line labelled with its factor (e.g. ``"lr = 1.9/λ_max"``); a legend; axis
        labels.
    losses : dict
        ``losses[c]`` is an ndarray of shape ``(n_steps + 1,)``: the loss at ``w_0, w_1, …, w_n_steps``.
    """
    # TODO: lam_max = hessian_eigenvalues(X)[-1]; for each c: w = 0, lr = c / lam_max, record the loss
    #       np.mean((X @ w - y) ** 2), step w -= lr * (2 / n) * X.T @ (X @ w - y), ... (n_steps + 1 losses).
    #       Then fig, ax = plt.subplots(); one ax.plot per factor with a label; ax.set_yscale("log");
    #       axis labels; ax.legend(); return fig, losses.
    raise NotImplementedError


if __name__ == "__main__":
    from sklearn.datasets import load_diabetes
    from sklearn.preprocessing import StandardScaler

    X, y = load_diabetes(return_X_y=True)
    X, y = StandardScaler().fit_transform(X), y - y.mean()
    lam = hessian_eigenvalues(X)
    print(f"λ_max = {lam[-1]:.4f}, λ_min = {lam[0]:.4f}: learning rates below 2/λ_max = {2 / lam[-1]:.4f} converge")
    fig, losses = plot_gd_losses(X, y)
    for c, values in losses.items():
        print(f"lr = {c}/λ_max: loss {values[0]:.1f} -> {values[-1]:.4g}")
    fig.savefig("gd_stability.png")
