"""Exercise 16.4 — Mini-batches of 32 with DataLoader for 100 epochs, against full batch.

Write ``updates_per_epoch`` and ``train_minibatch``, then run this file.
"""

import math

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


def updates_per_epoch(n_samples, batch_size):
    """The number of batches (and optimiser steps) per epoch: ``ceil(n_samples / batch_size)``."""
    # TODO: count the batches, the last one possibly short.
    raise NotImplementedError


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

    Examples
    --------
    >>> X = torch.linspace(-3, 3, 200, dtype=torch.float64).reshape(-1, 1)
    >>> len(train_minibatch(X, torch.sin(X), epochs=3))
    3
    """
    # TODO: seed, model, SGD, DataLoader(..., shuffle=True, generator=...); per batch: zero_grad, loss, backward, step;
    #       per epoch: the full-data loss under torch.no_grad(), as loss.item().
    raise NotImplementedError


if __name__ == "__main__":
    X = torch.linspace(-3, 3, 200, dtype=torch.float64).reshape(-1, 1)
    y = torch.sin(X) + 0.1 * torch.randn(X.shape, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
    for bs in (32, len(X)):
        losses = train_minibatch(X, y, batch_size=bs)
        print(f"batch size {bs:3d}: {updates_per_epoch(len(X), bs):3d} updates per epoch, "
              f"{100 * updates_per_epoch(len(X), bs)} in all; loss after 100 epochs {losses[-1]:.4f}")
