"""Exercise 16.3 — A custom activation 2·tanh(x) in the lesson's network, trained 100 epochs.

Write ``two_tanh``, ``TwoTanh``, ``train_with_activation`` and ``plot_losses``, then run this file.
"""


import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn


def two_tanh(x):
    """``2 tanh(x)``, entrywise: outputs in (−2, 2), slope 2 at 0."""
    # TODO: twice the hyperbolic tangent.
    raise NotImplementedError


class TwoTanh(nn.Module):
    """The activation ``2 tanh(x)`` as a module (no parameters)."""

    def forward(self, x):
        # TODO: call two_tanh.
        raise NotImplementedError


def train_with_activation(X, y, activation="relu", epochs=100, lr=0.05, seed=0):
    """Train ``Linear(1, 16) → activation → Linear(16, 1)`` (float64) by full-batch SGD on the MSE.

    Parameters
    ----------
    X, y : torch.Tensor of shape (n, 1), float64
    activation : {"relu", "tanh", "two_tanh"}, default "relu"
    epochs : int, default 100
    lr : float, default 0.05
    seed : int, default 0
        ``torch.manual_seed(seed)`` is called before the network is built.

    Returns
    -------
    list of float
        The ``epochs`` training losses, each before its step.
    """
    # TODO: torch.manual_seed(seed); build the network; SGD; each epoch: zero_grad, loss, record loss.item(), backward, step.
    raise NotImplementedError


def plot_losses(curves):
    """One loss curve per entry of ``curves`` (``{name: losses}``) on a log scale; return the figure."""
    # TODO: one ax.plot per curve with label=name; log y-scale; axis labels; legend; return fig.
    raise NotImplementedError


if __name__ == "__main__":
    X = torch.linspace(-3, 3, 200, dtype=torch.float64).reshape(-1, 1)
    y = torch.sin(X) + 0.1 * torch.randn(X.shape, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
    curves = {name: train_with_activation(X, y, name) for name in ("relu", "tanh", "two_tanh")}
    for name, losses in curves.items():
        print(f"{name:8s} loss: epoch 0 {losses[0]:.4f}, epoch 99 {losses[-1]:.4f}")
    plot_losses(curves)
    plt.show()
