"""Exercise 16.5 — A 100-sample 2D binary classifier with 5 hidden units, sigmoid output and BCE (reference solution)."""

import torch
from torch import nn


def train_classifier(X, y, epochs=200, lr=0.5, seed=0):
    """Train ``Linear(2, 5) → Tanh → Linear(5, 1)`` (logits, float64) with BCE-with-logits by full-batch SGD.

    Parameters
    ----------
    X : torch.Tensor of shape (n, 2), float64
    y : torch.Tensor of shape (n,), float64, values 0 and 1
    epochs : int, default 200
    lr : float, default 0.5
    seed : int, default 0
        ``torch.manual_seed(seed)`` is called before the network is built.

    Returns
    -------
    losses : list of float
        The ``epochs`` training losses, each before its step.
    probs : torch.Tensor of shape (n,)
        ``σ(model(X))`` after training, detached.
    """
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(2, 5), nn.Tanh(), nn.Linear(5, 1)).double()  # outputs logits
    loss_fn = nn.BCEWithLogitsLoss()  # applies the sigmoid itself, stably
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    target = y.reshape(-1, 1)
    losses = []
    for _ in range(epochs):
        opt.zero_grad()
        loss = loss_fn(model(X), target)
        losses.append(loss.item())
        loss.backward()
        opt.step()
    with torch.no_grad():
        probs = torch.sigmoid(model(X)).reshape(-1)
    return losses, probs


def accuracy(probs, y):
    """The fraction of samples with ``(probs >= 0.5) == y``, as a Python float."""
    return ((probs >= 0.5).to(y.dtype) == y).double().mean().item()


if __name__ == "__main__":
    from sklearn.datasets import make_moons

    Xn, yn = make_moons(100, noise=0.2, random_state=0)
    X, y = torch.from_numpy(Xn), torch.from_numpy(yn).double()
    losses, probs = train_classifier(X, y)
    print(f"BCE: epoch 0 {losses[0]:.4f}, epoch 199 {losses[-1]:.4f}")
    print(f"training accuracy: {accuracy(probs, y):.2f}")
