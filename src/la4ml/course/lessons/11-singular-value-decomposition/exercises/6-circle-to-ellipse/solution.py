"""Exercise 11.6 — Draw the unit circle, its image ellipse and the singular axes (reference solution)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np


def plot_svd_ellipse(A, n_points=200):
    """Draw the unit circle, its image under ``A``, the vectors ``v_i`` and the semi-axes ``σ_i u_i``; return fig."""
    A = np.asarray(A, dtype=float)
    t = np.linspace(0, 2 * np.pi, n_points)
    circle = np.vstack([np.cos(t), np.sin(t)])             # (2, n_points): points as columns
    ellipse = A @ circle                                    # their images
    U, s, Vt = np.linalg.svd(A)
    fig, ax = plt.subplots()
    ax.plot(circle[0], circle[1], label="unit circle")
    ax.plot(ellipse[0], ellipse[1], label="A · circle")
    for i, name in enumerate(("₁", "₂")):
        ax.plot([0, Vt[i, 0]], [0, Vt[i, 1]], color="tab:blue", label=f"v{name}")              # row i of Vt
        ax.plot([0, s[i] * U[0, i]], [0, s[i] * U[1, i]], color="tab:red", label=f"σu{name}")   # column i of U
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.set_aspect("equal")
    ax.set_title(f"σ = {s[0]:.2f}, {s[1]:.2f}")
    ax.legend()
    return fig


if __name__ == "__main__":
    for A in ([[2.0, 2.0], [-1.0, 2.0]], [[1.0, 1.5], [0.0, 1.0]], [[1.0, 2.0], [2.0, 4.0]]):
        fig = plot_svd_ellipse(np.array(A))
        fig.savefig(f"ellipse_{A[0][1]:g}.png")
        print("saved the figure of", A)
