"""Exercise 2.4 — Draw a matrix as a map: the image of a grid (reference solution)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def plot_transformed_grid(A, extent=2.0, n_lines=5):
    """Draw the image under ``A`` of a square grid, of the unit square, and of e1 and e2."""
    A = np.asarray(A, dtype=float)
    fig, ax = plt.subplots(figsize=(5, 5))
    ticks = np.linspace(-extent, extent, n_lines)
    t = np.linspace(-extent, extent, 2)  # a linear map keeps lines straight: two points suffice
    for c in ticks:
        for P in (np.column_stack([np.full_like(t, c), t]),   # vertical line x = c, points as rows
                  np.column_stack([t, np.full_like(t, c)])):  # horizontal line y = c
            Q = P @ A.T  # each row p becomes A @ p
            ax.plot(Q[:, 0], Q[:, 1], color="C0", lw=1)
    a1, a2 = A[:, 0], A[:, 1]  # the images of e1 and e2 are the columns of A
    square = np.array([[0.0, 0.0], a1, a1 + a2, a2])
    ax.fill(square[:, 0], square[:, 1], color="C1", alpha=0.3, label="image of the unit square")
    ax.quiver(0, 0, *a1, angles="xy", scale_units="xy", scale=1, color="C3", label="A e1")
    ax.quiver(0, 0, *a2, angles="xy", scale_units="xy", scale=1, color="C2", label="A e2")
    lim = 1.1 * max(extent, np.abs(np.array([[-extent, -extent], [-extent, extent], [extent, -extent],
                                               [extent, extent]]) @ A.T).max())
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    det = round(float(np.linalg.det(A)), 2) + 0.0  # + 0.0 turns a rounded -0.0 into 0.0: no "-0.00"
    ax.set_title(f"det A = {det:.2f}")
    ax.legend(loc="upper left", fontsize=8)
    return fig


if __name__ == "__main__":
    from la4ml.transforms import projection_onto_line, shear

    plot_transformed_grid(shear(1.0)).savefig("shear_grid.png", dpi=100)
    plot_transformed_grid(projection_onto_line([2.0, 1.0])).savefig("projection_grid.png", dpi=100)
    print("saved shear_grid.png and projection_grid.png")
