"""Exercise 2.5 — nn.Linear is a matrix: reproduce its output by hand (reference solution)."""

import numpy as np


def linear_forward(X, W, b):
    """The output of ``nn.Linear`` with weight ``W`` and bias ``b``: ``X @ W.T + b``."""
    X, W, b = np.asarray(X, dtype=float), np.asarray(W, dtype=float), np.asarray(b, dtype=float)
    # (n, in) @ (in, out) -> (n, out); b of shape (out,) is added to every row by broadcasting.
    # A single sample (in,) @ (in, out) -> (out,) works with the same line.
    return X @ W.T + b


if __name__ == "__main__":
    import torch

    torch.manual_seed(0)
    layer = torch.nn.Linear(4, 3)
    X = torch.randn(5, 4)
    W, b = layer.weight.detach().numpy(), layer.bias.detach().numpy()
    print("W:", W.shape, " b:", b.shape)
    mine = linear_forward(X.numpy(), W, b)
    print("by hand matches nn.Linear:", np.allclose(mine, layer(X).detach().numpy(), atol=1e-6))
