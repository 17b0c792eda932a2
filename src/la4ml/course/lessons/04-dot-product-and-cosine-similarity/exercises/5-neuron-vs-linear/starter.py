"""Exercise 4.5 — A neuron and a dense layer, checked against torch.nn.Linear.

Write ``neuron(x, w, b, activation)`` and ``dense_forward(X, W, b, activation)`` with NumPy, then
compare them with ``torch.nn.Linear``.
"""

import numpy as np
import torch


def neuron(x, w, b, activation="relu"):
    """One neuron: the activation of ``w·x + b``.

    Parameters
    ----------
    x : ndarray of shape (n_in,)
        One input.
    w : ndarray of shape (n_in,)
        The neuron's weights.
    b : float
        The neuron's bias.
    activation : {"relu", "sigmoid", "identity"}, default "relu"

    Returns
    -------
    float
        ``relu(z)``, ``sigmoid(z)`` or ``z``, where ``z = w·x + b``.
    """
    # TODO: the dot product, the bias, then the activation.
    raise NotImplementedError


def dense_forward(X, W, b, activation="relu"):
    """A dense layer on a batch: the activation of ``X Wᵀ + b``, like ``torch.nn.Linear``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_in)
    W : ndarray of shape (n_out, n_in)
        One row of weights per neuron (the layout of ``nn.Linear.weight``).
    b : ndarray of shape (n_out,)
    activation : {"relu", "sigmoid", "identity"}, default "relu"

    Returns
    -------
    ndarray of shape (n_samples, n_out)
        Entry ``(i, j)`` is neuron ``j`` applied to sample ``i``: ``σ(W[j] · X[i] + b[j])``.

    Raises
    ------
    ValueError
        If ``activation`` is not one of the three names.
    """
    # TODO: one matrix product for all the dot products, the bias broadcast over rows, the activation.
    raise NotImplementedError


if __name__ == "__main__":
    torch.manual_seed(0)
    layer = torch.nn.Linear(4, 3, dtype=torch.float64)
    W, b = layer.weight.detach().numpy(), layer.bias.detach().numpy()
    X = np.random.default_rng(0).standard_normal((5, 4))
    expected = torch.relu(layer(torch.from_numpy(X))).detach().numpy()
    print("matches nn.Linear + ReLU:", np.allclose(dense_forward(X, W, b), expected))
    print("one neuron:", neuron(X[0], W[0], b[0]), "vs", expected[0, 0])
