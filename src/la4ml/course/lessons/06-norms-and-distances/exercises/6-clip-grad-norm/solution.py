"""Exercise 6.6 — Gradient clipping by global norm, from scratch (reference solution)."""

import copy

import torch


def clip_grad_norm(parameters, max_norm):
    """Clip the gradients of ``parameters`` in place so that their global L2 norm is at most ``max_norm``.

    Parameters
    ----------
    parameters : list of torch.Tensor
    max_norm : float

    Returns
    -------
    float
        The global norm before clipping.
    """
    grads = [p.grad for p in parameters if p.grad is not None]
    if not grads:
        return 0.0  # nothing to clip (what torch returns too)
    total = float(torch.sqrt(sum((g.detach() ** 2).sum() for g in grads)))  # one L2 norm over ALL entries
    factor = min(1.0, max_norm / (total + 1e-6))  # PyTorch's formula; 1 means "short enough"
    if factor < 1.0:
        for g in grads:
            g.mul_(factor)  # in place: the optimizer reads p.grad
    return total


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
