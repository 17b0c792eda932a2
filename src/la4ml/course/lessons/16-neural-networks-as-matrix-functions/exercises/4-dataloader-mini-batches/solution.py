"""Exercise 16.4 — Mini-batches of 32 with DataLoader for 100 epochs, against full batch (reference solution)."""

import math

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


def updates_per_epoch(n_samples, batch_size):
    """The number of batches (and optimiser steps) per epoch: ``ceil(n_samples / batch_size)``."""
    return math.ceil(n_samples / batch_size)


def train_minibatch(X, y, batch_size=32, epochs=100, lr=0.05, seed=0):
    """Mini-batch SGD on the MSE of ``Linear(1, 16) → Tanh → Linear(16, 1)`` (float64).

    Parameters
    ----------
    X, y : torch.Tensor of shape (n, 1), float64
    batch_size : int, default 32
        ``len(X)`` gives full-batch gradient descent.
    epochs : int, default 100
    lr : float, default 0.05
    seed : int, default 0
        Seeds both the initial weights (``torch.manual_seed``) and the shuffling (the loader's generator).

    Returns
    -------
    list of float
        The MSE on all the data after each epoch.
    """
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(1, 16), nn.Tanh(), nn.Linear(16, 1)).double()
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    loader = DataLoader(TensorDataset(X, y), batch_size=batch_size, shuffle=True,
                        generator=torch.Generator().manual_seed(seed))
    losses = []
    for _ in range(epochs):
        for xb, yb in loader:
            opt.zero_grad()
            F.mse_loss(model(xb), yb).backward()
            opt.step()
        with torch.no_grad():
            losses.append(F.mse_loss(model(X), y).item())
    return losses


if __name__ == "__main__":
    X = torch.linspace(-3, 3, 200, dtype=torch.float64).reshape(-1, 1)
    y = torch.sin(X) + 0.1 * torch.randn(X.shape, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
    for bs in (32, len(X)):
        losses = train_minibatch(X, y, batch_size=bs)
        print(f"batch size {bs:3d}: {updates_per_epoch(len(X), bs):3d} updates per epoch, "
              f"{100 * updates_per_epoch(len(X), bs)} in all; loss after 100 epochs {losses[-1]:.4f}")
