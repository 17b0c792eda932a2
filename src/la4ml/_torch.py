"""PyTorch helpers: pick the device once, so code runs on CPU and uses a GPU when one is present."""

from __future__ import annotations


def default_device(device: str | None = None):
    """Return ``torch.device(device)``, or CUDA when available and ``device`` is None, else CPU."""
    import torch

    if device is not None:
        dev = torch.device(device)
        if dev.type == "cuda" and not torch.cuda.is_available():
            raise RuntimeError(
                f"device={device!r} was requested but PyTorch sees no CUDA GPU; pass device='cpu' "
                "or leave device=None to pick automatically"
            )
        return dev
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")
