"""Exercise 12.4 — The surface of a quadratic form, drawn in 3D and described (reference solution)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np


def describe_shape(A):
    """'bowl', 'dome', 'saddle' or 'trough', from the signs of the eigenvalues of the 2 × 2 matrix A."""
    lam = np.linalg.eigvalsh(A)  # ascending
    tol = len(lam) * np.finfo(float).eps * np.abs(lam).max()  # zero to working precision, relative to A
    if np.any(np.abs(lam) <= tol):
        return "trough"
    if lam[0] > 0:
        return "bowl"
    if lam[1] < 0:
        return "dome"
    return "saddle"


def plot_quadratic_surface(A, path, lim=2.0, n_grid=41):
    """Draw z = [x, y] A [x, y]ᵀ over [-lim, lim]² as a 3D surface, save it to ``path``; return (fig, shape)."""
    A = np.asarray(A, dtype=float)
    t = np.linspace(-lim, lim, n_grid)
    X, Y = np.meshgrid(t, t)  # (n_grid, n_grid) each
    P = np.stack([X.ravel(), Y.ravel()], axis=1)  # every grid point as a row, (n_grid², 2)
    Z = np.sum((P @ A) * P, axis=1).reshape(X.shape)  # xᵀAx at every grid point
    shape = describe_shape(A)

    fig = plt.figure(figsize=(6, 5))
    ax = fig.add_subplot(projection="3d")
    ax.plot_surface(X, Y, Z, cmap="coolwarm", edgecolor="none", alpha=0.9)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_zlabel("xᵀAx")
    ax.set_title(f"Quadratic form of A = {A.tolist()}: a {shape}")
    fig.savefig(path, dpi=100)
    return fig, shape


if __name__ == "__main__":
    C = np.array([[1.0, 0.0], [0.0, -1.0]])
    fig, shape = plot_quadratic_surface(C, "saddle.png")
    print("The surface of xᵀCx is a", shape, "- saved to saddle.png")
