"""Exercise 12.6 — Gradient descent on a saddle (and on a bowl), with PyTorch autograd.

Write ``gradient_descent(A, x0, lr, n_steps)`` for the loss f(x) = xᵀAx, logging the loss and
the parameters at every step. Then run this file to compare the indefinite D = [[1, 0], [0, -1]]
with the positive definite [[2, 1], [1, 2]].
"""

import numpy as np
import torch


def gradient_descent(A, x0, lr=0.1, n_steps=10):
    """Run gradient descent on f(x) = xᵀ A x with PyTorch autograd, logging every step.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        The matrix of the quadratic loss.
    x0 : ndarray of shape (n,)
        The starting point. Do not modify it.
    lr : float, default 0.1
        The learning rate (step size).
    n_steps : int, default 10
        How many gradient steps to take.

    Returns
    -------
    losses : list of float, length n_steps + 1
        ``losses[k] = f(x_k)``: the loss at the start (``k = 0``) and after each step.
    params : ndarray of shape (n_steps + 1, n)
        ``params[k] = x_k``, the parameters at which ``losses[k]`` was measured.

    Notes
    -----
    Work in float64: ``A_t = torch.tensor(A, dtype=torch.float64)`` and
    ``x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)``. Each step: compute
    ``loss = x @ A_t @ x``, call ``loss.backward()``, then update inside ``torch.no_grad()``
    with ``x -= lr * x.grad`` and reset ``x.grad.zero_()``. Log a *copy* of ``x``
    (``x.detach().clone()``), or every entry of your log will be the final ``x``.
    """
    # TODO: set up A_t and x as above; log the loss and x before the first step and after every step.
    raise NotImplementedError


if __name__ == "__main__":
    x0 = np.array([1.0, 1.0])
    for name, A in [("indefinite D", np.array([[1.0, 0.0], [0.0, -1.0]])),
                    ("positive definite", np.array([[2.0, 1.0], [1.0, 2.0]]))]:
        losses, params = gradient_descent(A, x0, lr=0.1, n_steps=10)
        print(f"{name}: loss {losses[0]:.3f} -> {losses[-1]:.6g}, x_10 = {np.asarray(params)[-1]}")
