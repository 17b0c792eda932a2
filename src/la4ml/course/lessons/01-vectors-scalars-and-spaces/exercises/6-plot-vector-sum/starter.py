"""Exercise 1.6 — Draw u, v and u + v (the parallelogram rule).

Write ``plot_vector_sum(u, v)``. Then run this file to save the figure as vector_sum.png.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def plot_vector_sum(u, v):
    """Plot u, v and u + v as arrows from the origin, with the dashed parallelogram sides.

    Parameters
    ----------
    u, v : array_like of shape (2,)
        Two vectors in the plane.

    Returns
    -------
    matplotlib.figure.Figure
        One axes with: three quivers from (0, 0) labelled "u", "v" and "u + v", each drawn with
        ``angles="xy", scale_units="xy", scale=1``; two dashed lines (``ax.plot(..., "--")``), tip
        of u → tip of u + v and tip of v → tip of u + v; x and y labels; ``ax.set_aspect("equal")``;
        a legend; x and y limits that include 0 and every tip with a margin, scaled to the vectors.
    """
    u = np.asarray(u, dtype=float)
    v = np.asarray(v, dtype=float)
    fig, ax = plt.subplots(figsize=(5, 5))
    # TODO: the three arrows (quiver fits the limits to the arrow TAILS only: set them yourself), the two dashed
    #       parallelogram sides, labels, equal aspect, legend. Return fig.
    raise NotImplementedError


if __name__ == "__main__":
    fig = plot_vector_sum([2.0, 1.0], [1.0, 2.0])
    fig.savefig("vector_sum.png", dpi=100)
    print("saved vector_sum.png")
