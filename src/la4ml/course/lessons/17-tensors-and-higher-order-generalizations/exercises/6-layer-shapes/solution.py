"""Exercise 17.6 — A 3 → 10 → 1 network: the shape after every layer of a forward pass.

Reference solution.
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
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(3, 10), nn.ReLU(), nn.Linear(10, 1))


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
    shapes = []
    h = x
    with torch.no_grad():
        for layer in model:
            h = layer(h)
            shapes.append(tuple(int(s) for s in h.shape))
    return shapes


if __name__ == "__main__":
    from sklearn.datasets import load_diabetes

    X = torch.tensor(load_diabetes().data[:, :3], dtype=torch.float32)   # age, sex, bmi
    model = make_network()
    print("input:", tuple(X.shape))
    for layer, shape in zip(model, forward_shapes(model, X)):
        print(f"after {layer}: {shape}")
    with torch.no_grad():
        print("first three outputs:", model(X)[:3, 0])
