"""Exercise 6.6 — Gradient clipping by global norm, from scratch.

Write ``clip_grad_norm(parameters, max_norm)`` and compare it with torch.nn.utils.clip_grad_norm_.
"""

import copy

import torch


def clip_grad_norm(parameters, max_norm):
    """Clip the gradients of ``parameters`` in place so that their global L2 norm is at most ``max_norm``.

    Parameters
    ----------
    parameters : list of torch.Tensor
        Tensors whose ``.grad`` holds a gradient (tensors with ``.grad is None`` are skipped).
    max_norm : float
        The largest allowed global norm.

    Returns
    -------
    float
        The global norm sqrt(sum over tensors of (grad ** 2).sum()) BEFORE clipping; ``0.0`` when
        no tensor has a gradient.

    Notes
    -----
    Every gradient is multiplied in place (``p.grad.mul_(...)``) by the same factor
    ``min(1, max_norm / (norm + 1e-6))``, PyTorch's formula, so the direction of the full gradient
    is kept; the factor is 1 (nothing changes) when the norm is at most about ``max_norm``.
    """
    # TODO: collect the gradients, compute the global norm (one norm for all of them together),
    #       and if the factor is below 1, scale every gradient in place by it.
    raise NotImplementedError


if __name__ == "__main__":
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 1))
    X, y = torch.randn(32, 4), 100 * torch.randn(32, 1)
    torch.nn.functional.mse_loss(model(X), y).backward()
    twin = copy.deepcopy(model)
    for p, q in zip(model.parameters(), twin.parameters()):
        q.grad = p.grad.clone()  # deepcopy does not copy the gradients
    mine = clip_grad_norm(list(model.parameters()), max_norm=1.0)
    theirs = torch.nn.utils.clip_grad_norm_(twin.parameters(), max_norm=1.0)
    print(f"norm before: mine {mine:.4f}, torch {theirs.item():.4f}")
    after = torch.sqrt(sum((p.grad**2).sum() for p in model.parameters())).item()
    print(f"norm after clipping: {after:.6f}")
