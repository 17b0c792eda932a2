"""Exercise 14.1 — Fit a line by the normal equations, and plot it (reference solution)."""

import matplotlib

matplotlib.use("Agg")  # draw to files, no window needed
import matplotlib.pyplot as plt
import numpy as np


def fit_line(x, y):
    """``[b, w]`` of the least-squares line ``y ≈ b + w·x``, from ``(XᵀX) θ = Xᵀy`` with ``X = [1 x]``."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if np.unique(x).size < 2:
        raise ValueError(f"x needs at least two distinct values to fix a line, got {np.unique(x).size}")
    X = np.column_stack([np.ones(len(x)), x])  # (n, 2): the bias column first
    return np.linalg.solve(X.T @ X, X.T @ y)


def plot_fit(x, y):
    """The data as a scatter and the fitted line from ``x.min()`` to ``x.max()``."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    b, w = fit_line(x, y)
    ends = np.array([x.min(), x.max()])
    fig, ax = plt.subplots()
    ax.scatter(x, y, label="data")
    ax.plot(ends, b + w * ends, color="tab:red", label=f"y = {b:.2f} + {w:.2f} x")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend()
    return fig


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    x = 2 * rng.random(30)
    y = 4 + 3 * x + rng.standard_normal(30)
    b, w = fit_line(x, y)
    print(f"fitted line: y = {b:.3f} + {w:.3f} x   (the data were made with y = 4 + 3x + noise)")
    print("np.polyfit agrees:", np.allclose([b, w], np.polyfit(x, y, 1)[::-1]))
    plot_fit(x, y).savefig("line_fit.png")
