"""Exercise 16.3 — A custom activation 2·tanh(x) in the lesson's network, trained 100 epochs (reference solution)."""

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn


def two_tanh(x):
    """``2 tanh(x)``, entrywise: outputs in (−2, 2), slope 2 at 0."""
    return 2 * torch.tanh(x)


class TwoTanh(nn.Module):
    """The activation ``2 tanh(x)`` as a module (no parameters)."""

    def forward(self, x):
        return two_tanh(x)


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
    acts = {"relu": nn.ReLU, "tanh": nn.Tanh, "two_tanh": TwoTanh}
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(1, 16), acts[activation](), nn.Linear(16, 1)).double()
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        opt.zero_grad()  # backward ADDS into .grad
        loss = F.mse_loss(model(X), y)
        losses.append(loss.item())  # a float, not the tensor and its graph
        loss.backward()
        opt.step()
    return losses


def plot_losses(curves):
    """One loss curve per entry of ``curves`` (``{name: losses}``) on a log scale; return the figure."""
    fig, ax = plt.subplots()
    for name, losses in curves.items():
        ax.plot(range(len(losses)), losses, label=name)
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("training loss (MSE)")
    ax.legend()
    return fig


if __name__ == "__main__":
    X = torch.linspace(-3, 3, 200, dtype=torch.float64).reshape(-1, 1)
    y = torch.sin(X) + 0.1 * torch.randn(X.shape, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
    curves = {name: train_with_activation(X, y, name) for name in ("relu", "tanh", "two_tanh")}
    for name, losses in curves.items():
        print(f"{name:8s} loss: epoch 0 {losses[0]:.4f}, epoch 99 {losses[-1]:.4f}")
    plot_losses(curves)
    plt.show()
