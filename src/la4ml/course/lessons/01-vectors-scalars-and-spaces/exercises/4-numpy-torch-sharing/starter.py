"""Exercise 1.4 — NumPy arrays and PyTorch tensors: share memory, or copy?

Write ``to_tensors(X, device="cpu")``. Then run this file and watch which tensor follows a change to X.
"""

import numpy as np
import torch


def to_tensors(X, device="cpu"):
    """Two tensors made from ``X``: one that shares its memory, one independent float32 copy.

    Parameters
    ----------
    X : ndarray of dtype float64
        The data (any shape). Do not modify it.
    device : str or torch.device, default "cpu"
        Where the model-ready copy lives ("cpu", or "cuda" on a machine with a GPU).

    Returns
    -------
    shared : torch.Tensor
        dtype float64, same shape as ``X``, on the CPU, and sharing ``X``'s memory: after
        ``X[0, 0] = 42.0``, ``shared[0, 0]`` is 42 too.
    model_ready : torch.Tensor
        dtype float32, same shape and values as ``X`` (up to float32 rounding), on ``device``,
        and independent of ``X``.
    """
    # TODO: one call makes a tensor that views X's memory; converting to another dtype (or device)
    #       always makes a new tensor.
    raise NotImplementedError


if __name__ == "__main__":
    X = np.arange(6, dtype=np.float64).reshape(2, 3)
    shared, model_ready = to_tensors(X)
    X[0, 0] = 42.0
    print("shared:     ", shared)
    print("model_ready:", model_ready)
