"""Exercise 6.2 — Draw the unit spheres of the Lp norms (reference solution)."""

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

    Returns
    -------
    matplotlib.figure.Figure
    """
    theta = np.linspace(0, 2 * np.pi, n_points)  # first and last point coincide: a closed curve
    directions = np.column_stack([np.cos(theta), np.sin(theta)])  # (n_points, 2)
    fig, ax = plt.subplots(figsize=(5, 5))
    for p in ps:
        if p == np.inf:
            lengths = np.max(np.abs(directions), axis=1)
        else:
            lengths = np.sum(np.abs(directions) ** p, axis=1) ** (1 / p)
        points = directions / lengths[:, None]  # each direction scaled to Lp length 1
        ax.plot(points[:, 0], points[:, 1], label=f"p = {p:g}")
    ax.set_aspect("equal")
    ax.set(xlabel="x1", ylabel="x2", title="Unit spheres of the Lp norms")
    ax.legend()
    return fig


if __name__ == "__main__":
    fig = plot_unit_balls((1, 1.5, 2, 4, np.inf))
    fig.savefig("unit_balls.png", dpi=100)
    print("saved unit_balls.png")
