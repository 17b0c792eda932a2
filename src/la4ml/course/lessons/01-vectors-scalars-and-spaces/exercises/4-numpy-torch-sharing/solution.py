"""Exercise 1.4 — NumPy arrays and PyTorch tensors: share memory, or copy? (reference solution)"""

import numpy as np
import torch


def to_tensors(X, device="cpu"):
    """Return ``(shared, model_ready)``: a float64 view of ``X``'s memory and an independent float32 copy."""
    shared = torch.from_numpy(X)  # no copy: the tensor reads and writes X's buffer
    model_ready = torch.tensor(X, dtype=torch.float32, device=device)  # always a new buffer
    return shared, model_ready


if __name__ == "__main__":
    X = np.arange(6, dtype=np.float64).reshape(2, 3)
    shared, model_ready = to_tensors(X)
    X[0, 0] = 42.0
    print("shared:     ", shared)
    print("model_ready:", model_ready)
