"""Exercise 16.2 — The parameter shapes of a 3 → 8 → 4 → 2 network, read and predicted.

Write ``make_mlp``, ``parameter_shapes``, ``count_parameters`` and ``predicted_shapes``, then run this file.
"""

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

    Examples
    --------
    >>> make_mlp()  # doctest: +NORMALIZE_WHITESPACE
    Sequential(
      (0): Linear(in_features=3, out_features=8, bias=True)
      (1): ReLU()
      (2): Linear(in_features=8, out_features=4, bias=True)
      (3): ReLU()
      (4): Linear(in_features=4, out_features=2, bias=True)
    )
    """
    # TODO: torch.manual_seed(seed); one nn.Linear per consecutive pair of sizes, nn.ReLU() between them.
    raise NotImplementedError


def parameter_shapes(model):
    """``{name: tuple(shape)}`` for every parameter of ``model``, in ``named_parameters()`` order.

    Examples
    --------
    >>> parameter_shapes(nn.Linear(3, 8))
    {'weight': (8, 3), 'bias': (8,)}
    """
    # TODO: loop over model.named_parameters().
    raise NotImplementedError


def count_parameters(model):
    """The number of scalars in all of ``model``'s parameters, as an ``int``.

    Examples
    --------
    >>> count_parameters(nn.Linear(3, 8))
    32
    """
    # TODO: sum of p.numel().
    raise NotImplementedError


def predicted_shapes(sizes):
    """The shapes ``parameter_shapes(make_mlp(sizes))`` returns, from ``sizes`` alone (no PyTorch call).

    Examples
    --------
    >>> predicted_shapes((3, 8))
    {'0.weight': (8, 3), '0.bias': (8,)}
    """
    # TODO: Linear i sits at index 2 i; its weight is (out, in), its bias (out,).
    raise NotImplementedError


if __name__ == "__main__":
    model = make_mlp()
    print(model)
    for name, shape in parameter_shapes(model).items():
        print(f"{name:9s} {shape}")
    print("predicted == actual:", predicted_shapes((3, 8, 4, 2)) == parameter_shapes(model))
    print("parameters:", count_parameters(model))
    print("output of a batch of 5:", tuple(model(torch.randn(5, 3)).shape))
