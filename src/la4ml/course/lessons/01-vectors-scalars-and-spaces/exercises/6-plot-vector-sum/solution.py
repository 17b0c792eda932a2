"""Exercise 1.6 — Draw u, v and u + v (the parallelogram rule) (reference solution)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def plot_vector_sum(u, v):
    """Plot u, v and u + v as arrows from the origin, with the dashed parallelogram sides."""
    u = np.asarray(u, dtype=float)
    v = np.asarray(v, dtype=float)
    s = u + v
    fig, ax = plt.subplots(figsize=(5, 5))
    for vec, name, color in ((u, "u", "C0"), (v, "v", "C1"), (s, "u + v", "C2")):
        ax.quiver(0, 0, vec[0], vec[1], angles="xy", scale_units="xy", scale=1, color=color, label=name)
    ax.plot([u[0], s[0]], [u[1], s[1]], "--", color="C1", lw=1)  # a copy of v, starting at the tip of u
    ax.plot([v[0], s[0]], [v[1], s[1]], "--", color="C0", lw=1)  # a copy of u, starting at the tip of v
    tips = np.array([[0.0, 0.0], u, v, s])
    lo, hi = tips.min(axis=0), tips.max(axis=0)
    span = float((hi - lo).max())  # the size of the picture, at whatever scale u and v come
    pad = 0.15 * span if span > 0 else 1.0  # a margin around the tips (a unit one when u = v = 0)
    ax.set_xlim(lo[0] - pad, hi[0] + pad)
    ax.set_ylim(lo[1] - pad, hi[1] + pad)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title("u + v closes the parallelogram")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left")
    return fig


if __name__ == "__main__":
    fig = plot_vector_sum([2.0, 1.0], [1.0, 2.0])
    fig.savefig("vector_sum.png", dpi=100)
    print("saved vector_sum.png")
