"""Exercise 16.6 — The first layer's weight gradients after training, and a convergence rule.

Write ``first_layer_gradient`` and ``is_converged``, then run this file.
"""

import torch
from torch import nn


def first_layer_gradient(model, X, y):
    """The gradient of the mean BCE-with-logits loss with respect to ``model[0].weight``.

    Parameters
    ----------
    model : torch.nn.Sequential
        Its first module is an ``nn.Linear``; it outputs logits of shape ``(n, 1)``.
    X : torch.Tensor of shape (n, in_features)
    y : torch.Tensor of shape (n,), values 0 and 1

    Returns
    -------
    torch.Tensor of shape (out_features, in_features)
        ``∂ loss / ∂ W₁``, detached, not including any gradient the model held before.
    """
    # TODO: clear old gradients; the mean BCE-with-logits loss on y.reshape(-1, 1); backward; return a detached copy
    #       of model[0].weight.grad.
    raise NotImplementedError


def is_converged(grad, weight, rtol=1e-3):
    """``‖grad‖_F ≤ rtol · ‖weight‖_F``, as a Python bool.

    Examples
    --------
    >>> is_converged(torch.full((2, 2), 1e-4), torch.ones(2, 2))
    True
    """
    # TODO: compare the Frobenius norms (torch.linalg.norm of a matrix); return a Python bool.
    raise NotImplementedError


if __name__ == "__main__":
    from sklearn.datasets import make_moons

    Xn, yn = make_moons(100, noise=0.2, random_state=0)
    X, y = torch.from_numpy(Xn), torch.from_numpy(yn).double()
    for epochs in (200, 5000):
        torch.manual_seed(0)
        model = nn.Sequential(nn.Linear(2, 5), nn.Tanh(), nn.Linear(5, 1)).double()
        opt = torch.optim.SGD(model.parameters(), lr=0.5)
        for _ in range(epochs):
            opt.zero_grad()
            nn.BCEWithLogitsLoss()(model(X), y.reshape(-1, 1)).backward()
            opt.step()
        g = first_layer_gradient(model, X, y)
        W = model[0].weight.detach()
        ratio = (torch.linalg.norm(g) / torch.linalg.norm(W)).item()
        print(f"after {epochs} epochs: ‖∇W‖/‖W‖ = {ratio:.2e}, converged: {is_converged(g, W)}")
        print(g)
