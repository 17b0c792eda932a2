"""Exercise 5.6 — Draw the coordinate grid of a basis (reference solution)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def plot_coordinate_grid(b1, b2, x, n=3):
    """Plot the coordinate grid of the basis ``b1, b2`` and the point ``x``.

    Parameters
    ----------
    b1, b2 : ndarray of shape (2,)
    x : ndarray of shape (2,)
    n : int, default 3

    Returns
    -------
    matplotlib.figure.Figure
    """
    b1, b2, x = (np.asarray(v, dtype=float) for v in (b1, b2, x))
    B = np.column_stack([b1, b2])  # (2, 2): the basis vectors are the columns
    c = np.linalg.solve(B, x)  # coordinates of x
    fig, ax = plt.subplots(figsize=(6, 6))
    t = np.array([-n - 1.0, n + 1.0])[:, None]  # (2, 1): the two ends of each grid line
    for k in range(-n, n + 1):
        line = k * b1 + t * b2  # c1 = k: moves along b2
        ax.plot(line[:, 0], line[:, 1], color="0.8", linewidth=0.8)
        line = t * b1 + k * b2  # c2 = k: moves along b1
        ax.plot(line[:, 0], line[:, 1], color="0.8", linewidth=0.8)
    ax.plot([0, b1[0]], [0, b1[1]], color="tab:blue", linewidth=2.5, label="b1")
    ax.plot([0, b2[0]], [0, b2[1]], color="tab:orange", linewidth=2.5, label="b2")
    ax.plot(x[0], x[1], "o", color="tab:red", label="x")
    ax.set_title(f"x = {c[0]:.2f} b1 + {c[1]:.2f} b2")
    ax.set_aspect("equal")
    ax.legend()
    return fig


if __name__ == "__main__":
    fig = plot_coordinate_grid(np.array([2.0, 1.0]), np.array([-1.0, 1.0]), np.array([1.0, 3.0]))
    fig.savefig("coordinate_grid.png", dpi=100)
    print("saved coordinate_grid.png")
