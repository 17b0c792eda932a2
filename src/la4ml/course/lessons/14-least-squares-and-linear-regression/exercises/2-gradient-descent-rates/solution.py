"""Exercise 14.2 — Gradient descent at three learning rates, with loss curves (reference solution)."""

import matplotlib

matplotlib.use("Agg")  # draw to files, no window needed
import matplotlib.pyplot as plt
import numpy as np


def gradient_descent(x, y, lr, n_steps=100):
    """``θ`` after ``n_steps`` gradient steps on ``mean((Xθ - y)²)``, ``X = [1 x]``, and the ``n_steps + 1`` losses."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    n = len(x)
    X = np.column_stack([np.ones(n), x])  # (n, 2): the bias column first
    theta = np.zeros(2)
    losses = []
    for step in range(n_steps + 1):
        residual = X @ theta - y
        losses.append(np.mean(residual**2))  # the loss at θ_step
        if step < n_steps:
            theta = theta - lr * (2 / n) * (X.T @ residual)
    return theta, np.array(losses)


def max_stable_learning_rate(x):
    """``2 / λ_max`` of the Hessian ``(2/n) XᵀX`` of the MSE, ``X = [1 x]``."""
    x = np.asarray(x, dtype=float)
    X = np.column_stack([np.ones(len(x)), x])
    return 2 / np.linalg.eigvalsh(2 / len(x) * X.T @ X)[-1]


def plot_loss_curves(x, y, lrs=(0.001, 0.01, 0.1), n_steps=100):
    """One line of losses per learning rate against the step, on a log-scale y axis."""
    fig, ax = plt.subplots()
    for lr in lrs:
        _, losses = gradient_descent(x, y, lr, n_steps)
        ax.plot(np.arange(n_steps + 1), losses, label=f"lr = {lr}")
    ax.set_yscale("log")
    ax.set_xlabel("gradient-descent step")
    ax.set_ylabel("training MSE")
    ax.legend()
    return fig


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    x = 2 * rng.random(30)
    y = 4 + 3 * x + rng.standard_normal(30)
    print(f"learning rates below {max_stable_learning_rate(x):.4f} converge")
    for lr in (0.001, 0.01, 0.1):
        theta, losses = gradient_descent(x, y, lr)
        print(f"lr = {lr}: θ = {theta}, loss {losses[0]:.3f} -> {losses[-1]:.4f}")
    plot_loss_curves(x, y).savefig("loss_curves.png")
