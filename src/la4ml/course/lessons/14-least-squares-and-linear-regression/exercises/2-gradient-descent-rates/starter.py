"""Exercise 14.2 — Gradient descent at three learning rates, with loss curves.

Write ``gradient_descent(x, y, lr, n_steps)``, ``max_stable_learning_rate(x)`` and
``plot_loss_curves(x, y, lrs, n_steps)``, then run this file on the 30 samples of exercise 14.1.
"""

import matplotlib

matplotlib.use("Agg")  # draw to files, no window needed
import matplotlib.pyplot as plt
import numpy as np


def gradient_descent(x, y, lr, n_steps=100):
    """Full-batch gradient descent on the MSE of the line ``y ≈ b + w·x``, from ``θ = [0, 0]``.

    Parameters
    ----------
    x, y : ndarray of shape (n_samples,)
        The feature and the targets. Do not modify them.
    lr : float
        The learning rate (step size).
    n_steps : int, default 100
        Number of gradient steps.

    Returns
    -------
    theta : ndarray of shape (2,)
        ``[b, w]`` after ``n_steps`` steps ``θ ← θ - lr · (2/n) Xᵀ(Xθ - y)``, ``X = [1 x]``.
    losses : ndarray of shape (n_steps + 1,)
        The MSE ``mean((Xθ - y)²)`` at ``θ_0 = 0, θ_1, …, θ_n_steps``.

    Examples
    --------
    >>> theta, losses = gradient_descent(np.array([0.0, 1.0]), np.array([1.0, 1.0]), lr=0.5, n_steps=1)
    >>> theta, losses
    (array([1. , 0.5]), array([1.   , 0.125]))
    """
    # TODO: X = np.column_stack([np.ones(len(x)), x]); theta = np.zeros(2); loop n_steps + 1 times:
    #       record np.mean((X @ theta - y) ** 2), and except on the last pass step
    #       theta = theta - lr * (2 / n) * X.T @ (X @ theta - y).
    raise NotImplementedError


def max_stable_learning_rate(x):
    """The largest learning rate for which gradient descent on the MSE of ``b + w·x`` converges.

    Parameters
    ----------
    x : ndarray of shape (n_samples,)
        The feature.

    Returns
    -------
    lr_max : float
        ``2 / λ_max``, where ``λ_max`` is the largest eigenvalue of the Hessian
        ``H = (2 / n_samples) XᵀX`` with ``X = [1 x]``.
    """
    # TODO: H = 2 / n * X.T @ X; the eigenvalues of the symmetric H come from np.linalg.eigvalsh
    #       (ascending); return 2 / the largest.
    raise NotImplementedError


def plot_loss_curves(x, y, lrs=(0.001, 0.01, 0.1), n_steps=100):
    """The loss of gradient descent against the step, one line per learning rate, log scale.

    Parameters
    ----------
    x, y : ndarray of shape (n_samples,)
    lrs : sequence of float, default (0.001, 0.01, 0.1)
    n_steps : int, default 100

    Returns
    -------
    fig : matplotlib.figure.Figure
        One axes with one line per learning rate: x = step ``0 … n_steps``, y = the losses of
        ``gradient_descent(x, y, lr, n_steps)``; labels containing the rate (``"lr = 0.01"``);
        log-scale y axis; axis labels; a legend.
    """
    # TODO: fig, ax = plt.subplots(); for each lr: ax.plot(np.arange(n_steps + 1), losses, label=...);
    #       ax.set_yscale("log"); ax.set_xlabel(...); ax.set_ylabel(...); ax.legend(); return fig.
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    x = 2 * rng.random(30)
    y = 4 + 3 * x + rng.standard_normal(30)
    print(f"learning rates below {max_stable_learning_rate(x):.4f} converge")
    for lr in (0.001, 0.01, 0.1):
        theta, losses = gradient_descent(x, y, lr)
        print(f"lr = {lr}: θ = {theta}, loss {losses[0]:.3f} -> {losses[-1]:.4f}")
    plot_loss_curves(x, y).savefig("loss_curves.png")
