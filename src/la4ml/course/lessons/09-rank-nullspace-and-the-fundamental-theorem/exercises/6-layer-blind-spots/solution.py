"""Exercise 9.6 — The inputs a linear layer cannot see (reference solution)."""

import numpy as np
import torch


def layer_blind_spots(layer, rtol=None):
    """Return ``(N, r)``: an orthonormal basis of the null space of ``layer.weight`` and its rank."""
    W = layer.weight.detach().cpu().numpy()  # (out_features, in_features), float32 for a default layer
    U, s, Vh = np.linalg.svd(W, full_matrices=True)  # Vh (in_features, in_features): all of the input space
    if rtol is None:
        rtol = max(W.shape) * np.finfo(W.dtype).eps  # the weight's own rounding level
    r = int(np.count_nonzero(s > rtol * s.max(initial=0.0)))
    return Vh[r:].T, r  # (in_features, in_features - r)


if __name__ == "__main__":
    torch.manual_seed(0)
    layer = torch.nn.Linear(64, 10)
    N, r = layer_blind_spots(layer)
    x = torch.randn(64)
    c = torch.randn(N.shape[1])
    moved = x + torch.from_numpy(N) @ c
    with torch.no_grad():
        print("rank", r, "null space", N.shape, " max |output change|:", (layer(moved) - layer(x)).abs().max().item())

    bottleneck = torch.nn.Linear(8, 6)
    with torch.no_grad():
        bottleneck.weight.copy_(torch.randn(6, 2) @ torch.randn(2, 8))  # rank 2
    N, r = layer_blind_spots(bottleneck)
    print("bottleneck: rank", r, "null space", N.shape)
