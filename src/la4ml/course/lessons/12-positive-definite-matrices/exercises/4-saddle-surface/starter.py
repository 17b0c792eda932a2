"""Exercise 12.4 — The surface of a quadratic form, drawn in 3D and described.

Write ``plot_quadratic_surface(A, path, lim, n_grid)``: plot z = [x, y] A [x, y]ᵀ as a 3D
surface, save it to ``path``, and return the figure with a one-word description of its shape.
Then run this file to draw the saddle of C = [[1, 0], [0, -1]].
"""

import matplotlib

matplotlib.use("Agg")  # draw to files, no window needed
import matplotlib.pyplot as plt
import numpy as np


def plot_quadratic_surface(A, path, lim=2.0, n_grid=41):
    """Draw the quadratic form of a 2 × 2 matrix as a 3D surface, save it, and name its shape.

    Parameters
    ----------
    A : ndarray of shape (2, 2)
        A symmetric matrix.
    path : str or pathlib.Path
        Where to save the figure (for example ``"saddle.png"``), with ``fig.savefig(path)``.
    lim : float, default 2.0
        The surface covers ``-lim <= x <= lim`` and ``-lim <= y <= lim``.
    n_grid : int, default 41
        Number of grid points along each axis (``np.linspace(-lim, lim, n_grid)``).

    Returns
    -------
    fig : matplotlib.figure.Figure
        A figure with one 3D axes (``fig.add_subplot(projection="3d")``) holding the surface
        drawn by ``ax.plot_surface(X, Y, Z)``, where ``Z[i, j] = [X, Y] A [X, Y]ᵀ`` at each grid
        point; the x, y and z axes are labelled and the title contains ``shape``.
    shape : str
        ``"bowl"`` if both eigenvalues of ``A`` are positive, ``"dome"`` if both are negative,
        ``"saddle"`` if one is positive and one negative, ``"trough"`` if one is zero to working
        precision: ``|λ| <= 2 * eps * max|λ|`` with ``eps = np.finfo(float).eps`` (a tolerance
        relative to A, so that ``1e-12 * A`` and ``1e8 * A`` get the same answer as ``A``).
    """
    # TODO: 1. X, Y = np.meshgrid(...) on the grid; Z = A[0,0] X² + (A[0,1] + A[1,0]) X Y + A[1,1] Y²
    #       2. fig = plt.figure(); ax = fig.add_subplot(projection="3d"); ax.plot_surface(X, Y, Z, ...)
    #       3. label the axes, decide the shape from np.linalg.eigvalsh(A) (relative tolerance), put it in the title
    #       4. fig.savefig(path) and return fig, shape
    raise NotImplementedError


if __name__ == "__main__":
    C = np.array([[1.0, 0.0], [0.0, -1.0]])
    fig, shape = plot_quadratic_surface(C, "saddle.png")
    print("The surface of xᵀCx is a", shape, "- saved to saddle.png")
