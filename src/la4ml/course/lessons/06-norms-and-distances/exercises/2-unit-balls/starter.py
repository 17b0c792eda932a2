"""Exercise 6.2 — Draw the unit spheres of the Lp norms.

Write ``plot_unit_balls(ps=(1, 2, np.inf), n_points=400)``: one labelled curve per p, every point
of it at Lp norm exactly 1.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def plot_unit_balls(ps=(1, 2, np.inf), n_points=400):
    """Plot the unit sphere {x : ||x||_p = 1} in the plane for every p in ``ps``.

    Parameters
    ----------
    ps : sequence of float >= 1 or np.inf
    n_points : int
        Points per curve.

    Returns
    -------
    matplotlib.figure.Figure
        One Axes with one line per p (label f"p = {p:g}", all its points at Lp norm 1, going once
        around the origin), a legend and an equal aspect ratio.
    """
    # TODO: directions (cos θ, sin θ) for θ from 0 to 2π; divide each by its Lp norm
    #       (np.max(np.abs(.)) for p = inf); plot each curve with its label; legend; equal aspect.
    raise NotImplementedError


if __name__ == "__main__":
    fig = plot_unit_balls((1, 1.5, 2, 4, np.inf))
    fig.savefig("unit_balls.png", dpi=100)
    print("saved unit_balls.png")
