"""Exercise 5.6 — Draw the coordinate grid of a basis.

Write ``plot_coordinate_grid(b1, b2, x, n=3)``: the skewed grid of the basis b1, b2, the basis
vectors, the point x, and its coordinates in the title.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def plot_coordinate_grid(b1, b2, x, n=3):
    """Plot the coordinate grid of the basis ``b1, b2`` and the point ``x``.

    Parameters
    ----------
    b1, b2 : ndarray of shape (2,)
        Two independent vectors in the plane.
    x : ndarray of shape (2,)
        A point; its coordinates c satisfy x = c[0] * b1 + c[1] * b2.
    n : int, default 3
        Grid lines for the integer coordinates -n, ..., n.

    Returns
    -------
    matplotlib.figure.Figure
        One Axes with: 2 * (2n + 1) unlabeled grid lines (c1 = k: k*b1 + t*b2; c2 = k: t*b1 + k*b2),
        the segments from the origin to b1 and b2 (labels "b1", "b2"), a marker at x
        (label "x"), a title with c[0] and c[1] to 2 decimals (in that order), a legend and
        an equal aspect ratio.
    """
    # TODO: compute the coordinates c of x (solve a 2 × 2 system whose COLUMNS are b1 and b2);
    #       draw the grid lines, the basis vectors and x; set the title, legend and aspect.
    raise NotImplementedError


if __name__ == "__main__":
    fig = plot_coordinate_grid(np.array([2.0, 1.0]), np.array([-1.0, 1.0]), np.array([1.0, 3.0]))
    fig.savefig("coordinate_grid.png", dpi=100)
    print("saved coordinate_grid.png")
