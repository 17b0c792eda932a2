"""Exercise 16.2 — The parameter shapes of a 3 → 8 → 4 → 2 network, read and predicted (reference solution)."""

import torch
from torch import nn


def make_mlp(sizes=(3, 8, 4, 2), seed=0):
    """``Linear → ReLU → … → Linear`` through ``sizes``, initialised after ``torch.manual_seed(seed)``.

    Parameters
    ----------
    sizes : sequence of int, default (3, 8, 4, 2)
        Input size, hidden sizes, output size.
    seed : int, default 0

    Returns
    -------
    torch.nn.Sequential
        ``len(sizes) - 1`` Linear layers with a ReLU between consecutive ones.
    """
    torch.manual_seed(seed)
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        if i > 0:
            layers.append(nn.ReLU())
        layers.append(nn.Linear(n_in, n_out))
    return nn.Sequential(*layers)


def parameter_shapes(model):
    """``{name: tuple(shape)}`` for every parameter of ``model``, in ``named_parameters()`` order."""
    return {name: tuple(p.shape) for name, p in model.named_parameters()}


def count_parameters(model):
    """The number of scalars in all of ``model``'s parameters, as an ``int``."""
    return sum(p.numel() for p in model.parameters())


def predicted_shapes(sizes):
    """The shapes ``parameter_shapes(make_mlp(sizes))`` returns, from ``sizes`` alone.

    The Linear layer ``i`` sits at index ``2 i`` of the Sequential (a ReLU between) and maps
    ``sizes[i]`` to ``sizes[i + 1]``: PyTorch stores its weight as ``(out, in)``.
    """
    shapes = {}
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        shapes[f"{2 * i}.weight"] = (n_out, n_in)
        shapes[f"{2 * i}.bias"] = (n_out,)
    return shapes


if __name__ == "__main__":
    model = make_mlp()
    print(model)
    for name, shape in parameter_shapes(model).items():
        print(f"{name:9s} {shape}")
    print("predicted == actual:", predicted_shapes((3, 8, 4, 2)) == parameter_shapes(model))
    print("parameters:", count_parameters(model))
    print("output of a batch of 5:", tuple(model(torch.randn(5, 3)).shape))
