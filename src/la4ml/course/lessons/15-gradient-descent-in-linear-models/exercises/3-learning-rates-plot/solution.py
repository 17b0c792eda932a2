"""Exercise 15.3 — Three learning rates on one plot, and the 2/L bound over a long run (reference solution)."""

import matplotlib

matplotlib.use("Agg")  # draw to files, no window needed
import matplotlib.pyplot as plt
import numpy as np


def max_stable_learning_rate(X):
    """``2 / L``, ``L`` the largest eigenvalue of the MSE's Hessian ``(2/n) AᵀA``, ``A = [1 X]``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The features (no column of ones).

    Returns
    -------
    lr_max : float
        Batch gradient descent converges for every ``0 < lr < lr_max`` and diverges above it
        (unless the start happens to have no error along the top eigenvector).

    Examples
    --------
    >>> max_stable_learning_rate(np.array([[-1.0], [1.0]]))  # H = 2 I, L = 2
    1.0
    """
    X = np.asarray(X, dtype=float)
    n = X.shape[0]
    A = np.column_stack([np.ones(n), X])
    return float(2 / np.linalg.eigvalsh(2 / n * A.T @ A)[-1])


def gd_losses(X, y, lr, n_iters=100):
    """The ``n_iters + 1`` losses of batch gradient descent on the MSE from ``θ = 0`` (exercise 15.1).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    lr : float
    n_iters : int, default 100

    Returns
    -------
    losses : ndarray of shape (n_iters + 1,)
        ``mean((Aθ - y)²)`` before each step ``θ ← θ - lr (2/n) Aᵀ(Aθ - y)`` and after the last.
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n = X.shape[0]
    A = np.column_stack([np.ones(n), X])
    theta = np.zeros(A.shape[1])
    losses = np.empty(n_iters + 1)
    for it in range(n_iters + 1):
        residual = A @ theta - y
        losses[it] = np.mean(residual**2)
        if it < n_iters:
            theta = theta - lr * (2 / n) * (A.T @ residual)
    return losses


def plot_learning_rates(X, y, lrs=(0.01, 0.1, 0.5), n_iters=100):
    """The loss against the iteration, one line per learning rate, on a log-scale y axis.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
    lrs : sequence of float, default (0.01, 0.1, 0.5)
    n_iters : int, default 100

    Returns
    -------
    fig : matplotlib.figure.Figure
        One axes; one line per rate with x = ``0 … n_iters`` and y = ``gd_losses(X, y, lr, n_iters)``,
        labelled with the rate (``"lr = 0.1"``); log-scale y; both axes labelled; a legend.
    """
    fig, ax = plt.subplots()
    for lr in lrs:
        ax.plot(np.arange(n_iters + 1), gd_losses(X, y, lr, n_iters), label=f"lr = {lr}")
    ax.set_yscale("log")
    ax.set_xlabel("iteration")
    ax.set_ylabel("training MSE")
    ax.legend()
    return fig


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = 2 * rng.random((40, 1))
    y = 4 + 3 * X[:, 0] + rng.standard_normal(40)
    bound = max_stable_learning_rate(X)
    print(f"2/L = {bound:.4f}")
    for lr in (0.01, 0.1, 0.5):
        losses = gd_losses(X, y, lr)
        print(f"lr = {lr}: below 2/L: {lr < bound}; loss {losses[0]:.4g} -> {losses[-1]:.4g}")
    for n_iters in (100, 3000):
        print(f"lr = 1.001 · 2/L, {n_iters} iterations: loss {gd_losses(X, y, 1.001 * bound, n_iters)[-1]:.4g}")
    plot_learning_rates(X, y).savefig("learning_rates.png")
