"""Exercise 3.6 — Heatmaps of AB and BA: different matrices, same trace (reference solution)."""

import matplotlib.pyplot as plt
import numpy as np


def plot_trace_heatmaps(A, B):
    """Heatmaps of ``A @ B``, ``B @ A`` and their difference, with the traces in the titles."""
    AB, BA = A @ B, B @ A
    panels = [(AB, f"AB, trace = {np.trace(AB):.2f}"),
              (BA, f"BA, trace = {np.trace(BA):.2f}"),
              (AB - BA, "AB - BA")]
    vmax = max(np.abs(M).max() for M, _ in panels) or 1.0   # one color scale for all three panels
    fig, axes = plt.subplots(1, 3, figsize=(11, 3.6), constrained_layout=True)
    for ax, (M, title) in zip(axes, panels):
        im = ax.imshow(M, cmap="RdBu_r", vmin=-vmax, vmax=vmax)
        ax.set_title(title)
        ax.set_xlabel("column")
        ax.set_ylabel("row")
    fig.colorbar(im, ax=axes, shrink=0.8, label="entry value")
    return fig


if __name__ == "__main__":
    S = np.array([[1.0, 1.0], [0.0, 1.0]])
    T = np.array([[1.0, 0.0], [1.0, 1.0]])
    plot_trace_heatmaps(S, T)
    rng = np.random.default_rng(0)
    plot_trace_heatmaps(rng.standard_normal((5, 5)), rng.standard_normal((5, 5)))
    plt.show()
