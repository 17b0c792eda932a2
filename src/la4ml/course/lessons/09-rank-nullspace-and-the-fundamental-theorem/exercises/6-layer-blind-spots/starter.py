"""Exercise 9.6 — The inputs a linear layer cannot see.

Write ``layer_blind_spots(layer, rtol=None)``: an orthonormal basis of the null space of
``layer.weight`` and its numerical rank. Then check that moving an input along that null space
leaves the layer's output unchanged.
"""

import numpy as np
import torch


def layer_blind_spots(layer, rtol=None):
    """Return an orthonormal basis of the inputs that ``layer`` maps to its bias alone, and the weight's rank.

    Parameters
    ----------
    layer : torch.nn.Linear
        A linear layer; ``layer.weight`` has shape ``(out_features, in_features)`` and may require
        grad. It must not be modified.
    rtol : float or None, default None
        A singular value of the weight counts when it is greater than ``rtol * σ_max``. ``None``
        means ``max(out_features, in_features) * np.finfo(dtype).eps`` with ``dtype`` the
        weight's dtype (float32 for a default layer).

    Returns
    -------
    N : ndarray of shape (in_features, in_features - r)
        Orthonormal columns spanning ``{x : W x = 0}``: the input directions the layer ignores.
    r : int
        The numerical rank of the weight.

    Examples
    --------
    >>> layer = torch.nn.Linear(5, 3)
    >>> N, r = layer_blind_spots(layer)
    >>> N.shape, r
    ((5, 2), 3)
    """
    # TODO: W = layer.weight.detach().cpu().numpy() (keep its dtype); a FULL SVD of W; count the
    #       singular values above the cut-off; the null space is the last rows of Vh, transposed.
    raise NotImplementedError


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
