"""Exercise 4.5 — A neuron and a dense layer, checked against torch.nn.Linear (reference solution)."""

import numpy as np
import torch

_ACTIVATIONS = {
    "relu": lambda z: np.maximum(z, 0.0),
    "sigmoid": lambda z: 1.0 / (1.0 + np.exp(-z)),
    "identity": lambda z: z,
}


def _activation(name):
    if name not in _ACTIVATIONS:
        raise ValueError(f"activation must be one of {sorted(_ACTIVATIONS)}, got {name!r}")
    return _ACTIVATIONS[name]


def neuron(x, w, b, activation="relu"):
    """One neuron: the activation of ``w·x + b``."""
    z = float(np.dot(w, x)) + float(b)          # how well x lines up with w, shifted by the bias
    return float(_activation(activation)(z))


def dense_forward(X, W, b, activation="relu"):
    """A dense layer on a batch: the activation of ``X Wᵀ + b``, like ``torch.nn.Linear``."""
    f = _activation(activation)
    Z = X @ W.T + b                              # (n_samples, n_in) @ (n_in, n_out) + (n_out,)
    return f(Z)


if __name__ == "__main__":
    torch.manual_seed(0)
    layer = torch.nn.Linear(4, 3, dtype=torch.float64)
    W, b = layer.weight.detach().numpy(), layer.bias.detach().numpy()
    X = np.random.default_rng(0).standard_normal((5, 4))
    expected = torch.relu(layer(torch.from_numpy(X))).detach().numpy()
    print("matches nn.Linear + ReLU:", np.allclose(dense_forward(X, W, b), expected))
    print("one neuron:", neuron(X[0], W[0], b[0]), "vs", expected[0, 0])
