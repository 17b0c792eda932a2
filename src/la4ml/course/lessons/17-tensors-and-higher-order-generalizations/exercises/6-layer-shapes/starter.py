"""Exercise 17.6 — A 3 → 10 → 1 network: the shape after every layer of a forward pass.

Write ``make_network(seed)`` and ``forward_shapes(model, x)``, then run this file.
"""

import torch
from torch import nn


def make_network(seed=0):
    """The 3 → 10 → 1 network: Linear(3, 10), ReLU, Linear(10, 1).

    Parameters
    ----------
    seed : int, default 0
        Passed to ``torch.manual_seed`` before the layers are built.

    Returns
    -------
    model : nn.Sequential

    Examples
    --------
    >>> make_network()[0].weight.shape
    torch.Size([10, 3])
    """
    # TODO: torch.manual_seed(seed); nn.Sequential(...)
    raise NotImplementedError


def forward_shapes(model, x):
    """The shape of the output of each layer of ``model`` on the batch ``x``.

    Parameters
    ----------
    model : nn.Sequential
        Any sequence of layers.
    x : torch.Tensor
        The input batch.

    Returns
    -------
    shapes : list of tuple of int
        ``shapes[i]`` is the shape of the output of ``model[i]``; one entry per layer.

    Examples
    --------
    >>> forward_shapes(make_network(), torch.zeros(5, 3))
    [(5, 10), (5, 10), (5, 1)]
    """
    # TODO: h = x; for each layer: h = layer(h), record tuple(h.shape)
    raise NotImplementedError


if __name__ == "__main__":
    from sklearn.datasets import load_diabetes

    X = torch.tensor(load_diabetes().data[:, :3], dtype=torch.float32)   # age, sex, bmi
    model = make_network()
    print("input:", tuple(X.shape))
    for layer, shape in zip(model, forward_shapes(model, X)):
        print(f"after {layer}: {shape}")
    with torch.no_grad():
        print("first three outputs:", model(X)[:3, 0])
