"""Exercise 16.5 — A 100-sample 2D binary classifier with 5 hidden units, sigmoid output and BCE.

Write ``train_classifier`` and ``accuracy``, then run this file.
"""

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
    # TODO: seed; the model (logits, no sigmoid); nn.BCEWithLogitsLoss(); SGD; each epoch: zero_grad, loss on
    #       y.reshape(-1, 1), record loss.item(), backward, step. Then probs = sigmoid of the logits, shape (n,).
    raise NotImplementedError


def accuracy(probs, y):
    """The fraction of samples with ``(probs >= 0.5) == y``, as a Python float.

    Examples
    --------
    >>> accuracy(torch.tensor([0.9, 0.2, 0.5, 0.4]), torch.tensor([1.0, 0.0, 0.0, 0.0]))
    0.75
    """
    # TODO: class 1 when probs >= 0.5; compare with y; the mean as a float.
    raise NotImplementedError


if __name__ == "__main__":
    from sklearn.datasets import make_moons

    Xn, yn = make_moons(100, noise=0.2, random_state=0)
    X, y = torch.from_numpy(Xn), torch.from_numpy(yn).double()
    losses, probs = train_classifier(X, y)
    print(f"BCE: epoch 0 {losses[0]:.4f}, epoch 199 {losses[-1]:.4f}")
    print(f"training accuracy: {accuracy(probs, y):.2f}")
