"""Exercise 2.4 — Draw a matrix as a map: the image of a grid.

Write ``plot_transformed_grid(A, extent=2.0, n_lines=5)``. Then run this file to save pictures of a
shear and a projection.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def plot_transformed_grid(A, extent=2.0, n_lines=5):
    """Draw the image under ``A`` of a square grid, of the unit square, and of e1 and e2.

    Parameters
    ----------
    A : ndarray of shape (2, 2)
    extent : float, default 2.0
        The grid covers [-extent, extent]².
    n_lines : int, default 5
        Vertical lines at x = c and horizontal lines at y = c, for c in np.linspace(-extent, extent, n_lines).

    Returns
    -------
    matplotlib.figure.Figure
        One axes with: one ax.plot per mapped grid line (2 * n_lines of them); an ax.fill polygon with the
        corners 0, A e1, A e1 + A e2, A e2; two quiver arrows A e1 and A e2 from the origin (angles="xy",
        scale_units="xy", scale=1); a title containing det A with two decimals (0.00, never -0.00); equal aspect; x and y
        limits [-lim, lim] with lim = 1.1 * max(extent, largest absolute coordinate of the mapped grid).
    """
    A = np.asarray(A, dtype=float)
    fig, ax = plt.subplots(figsize=(5, 5))
    # TODO: map the endpoints (or many points) of each grid line through A — a point p maps to A @ p,
    #       and a stack of points P (one per ROW) maps to P @ A.T — and plot them; then the square, the
    #       arrows, the title, the aspect. Return fig.
    raise NotImplementedError


if __name__ == "__main__":
    from la4ml.transforms import projection_onto_line, shear

    plot_transformed_grid(shear(1.0)).savefig("shear_grid.png", dpi=100)
    plot_transformed_grid(projection_onto_line([2.0, 1.0])).savefig("projection_grid.png", dpi=100)
    print("saved shear_grid.png and projection_grid.png")
