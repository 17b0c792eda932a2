"""Exercise 2.5 — nn.Linear is a matrix: reproduce its output by hand.

Write ``linear_forward(X, W, b)``. Then run this file to compare it with a real nn.Linear layer.
"""

import numpy as np


def linear_forward(X, W, b):
    """The output of ``nn.Linear`` with weight ``W`` and bias ``b`` on the input ``X``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, in_features) or (in_features,)
        One sample per row (or a single sample).
    W : ndarray of shape (out_features, in_features)
        The layer's ``weight`` (note the order: outputs first).
    b : ndarray of shape (out_features,)
        The layer's ``bias``.

    Returns
    -------
    ndarray of shape (n_samples, out_features), or (out_features,) for a single sample
        Row i is ``W @ X[i] + b``.
    """
    X, W, b = np.asarray(X, dtype=float), np.asarray(W, dtype=float), np.asarray(b, dtype=float)
    # TODO: one matrix product (mind which side W goes on, and whether it is transposed) plus the bias.
    raise NotImplementedError


if __name__ == "__main__":
    import torch

    torch.manual_seed(0)
    layer = torch.nn.Linear(4, 3)
    X = torch.randn(5, 4)
    W, b = layer.weight.detach().numpy(), layer.bias.detach().numpy()
    print("W:", W.shape, " b:", b.shape)
    mine = linear_forward(X.numpy(), W, b)
    print("by hand matches nn.Linear:", np.allclose(mine, layer(X).detach().numpy(), atol=1e-6))
