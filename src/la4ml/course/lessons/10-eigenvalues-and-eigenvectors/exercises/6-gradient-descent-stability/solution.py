"""Exercise 10.6 — The largest Hessian eigenvalue and the learning rate, on a figure (reference solution)."""

import matplotlib

matplotlib.use("Agg")  # draw to files, no window needed
import matplotlib.pyplot as plt
import numpy as np


def hessian_eigenvalues(X):
    """Eigenvalues of ``(2 / n_samples) XᵀX``, real and ascending (``eigvalsh``: the matrix is symmetric)."""
    X = np.asarray(X, dtype=float)
    return np.linalg.eigvalsh(2 / X.shape[0] * X.T @ X)


def plot_gd_losses(X, y, factors=(0.5, 1.0, 1.9, 2.05), n_steps=100):
    """Losses of gradient descent at learning rates ``c / λ_max``, one line per factor, log-scale y axis."""
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n_samples, n_features = X.shape
    lam_max = hessian_eigenvalues(X)[-1]
    losses = {}
    fig, ax = plt.subplots()
    for c in factors:
        w = np.zeros(n_features)
        history = []
        for step in range(n_steps + 1):
            residual = X @ w - y
            history.append(np.mean(residual**2))            # the loss at w_step
            if step < n_steps:
                w = w - (c / lam_max) * (2 / n_samples) * (X.T @ residual)
        losses[c] = np.array(history)
        ax.plot(np.arange(n_steps + 1), losses[c], label=f"lr = {c}/λ_max")
    ax.set_yscale("log")
    ax.set(xlabel="gradient-descent step", ylabel="loss (mean squared error)",
           title=f"λ_max = {lam_max:.4g}: learning rates below 2/λ_max converge")
    ax.legend()
    return fig, losses


if __name__ == "__main__":
    from sklearn.datasets import load_diabetes
    from sklearn.preprocessing import StandardScaler

    X, y = load_diabetes(return_X_y=True)
    X, y = StandardScaler().fit_transform(X), y - y.mean()
    lam = hessian_eigenvalues(X)
    print(f"λ_max = {lam[-1]:.4f}, λ_min = {lam[0]:.4f}: learning rates below 2/λ_max = {2 / lam[-1]:.4f} converge")
    fig, losses = plot_gd_losses(X, y)
    for c, values in losses.items():
        print(f"lr = {c}/λ_max: loss {values[0]:.1f} -> {values[-1]:.4g}")
    fig.savefig("gd_stability.png")
