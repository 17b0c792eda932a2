"""Exercise 12.6 — Gradient descent on a saddle (and on a bowl), with PyTorch autograd (reference solution)."""

import numpy as np
import torch


def gradient_descent(A, x0, lr=0.1, n_steps=10):
    """Gradient descent on f(x) = xᵀAx with autograd; returns (losses, params), n_steps + 1 entries each."""
    A_t = torch.tensor(np.asarray(A, dtype=float), dtype=torch.float64)
    x = torch.tensor(np.asarray(x0, dtype=float), dtype=torch.float64, requires_grad=True)  # a copy of x0
    losses, params = [], []

    def log():
        """Record f(x) and a snapshot of x (x itself keeps changing); return the loss tensor."""
        loss = x @ A_t @ x
        losses.append(loss.item())
        params.append(x.detach().clone())
        return loss

    for _ in range(n_steps):
        loss = log()  # the loss BEFORE this step
        loss.backward()  # x.grad = (A + Aᵀ) x = 2 A x for a symmetric A
        with torch.no_grad():
            x -= lr * x.grad
        x.grad.zero_()
    log()  # the point reached by the last step: n_steps + 1 entries in all
    return losses, torch.stack(params).numpy()


if __name__ == "__main__":
    x0 = np.array([1.0, 1.0])
    for name, A in [("indefinite D", np.array([[1.0, 0.0], [0.0, -1.0]])),
                    ("positive definite", np.array([[2.0, 1.0], [1.0, 2.0]]))]:
        losses, params = gradient_descent(A, x0, lr=0.1, n_steps=10)
        print(f"{name}: loss {losses[0]:.3f} -> {losses[-1]:.6g}, x_10 = {np.asarray(params)[-1]}")
