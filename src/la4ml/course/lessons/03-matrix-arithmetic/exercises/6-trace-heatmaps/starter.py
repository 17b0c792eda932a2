"""Exercise 3.6 — Heatmaps of AB and BA: different matrices, same trace.

Write ``plot_trace_heatmaps(A, B)`` and run this file to see it for two shears and for random
5 × 5 matrices.
"""

import matplotlib.pyplot as plt
import numpy as np


def plot_trace_heatmaps(A, B):
    """Heatmaps of ``A @ B``, ``B @ A`` and their difference, with the traces in the titles.

    Parameters
    ----------
    A, B : ndarray of shape (n, n)

    Returns
    -------
    matplotlib.figure.Figure
        A figure with three image panels (``ax.imshow``), in order: ``A @ B`` titled
        ``"AB, trace = <tr(AB) with 2 decimals>"``, ``B @ A`` titled
        ``"BA, trace = <tr(BA)>"``, and ``A @ B - B @ A`` titled ``"AB - BA"``. Each panel's
        color limits cover its values (e.g. one scale ``vmin=-vmax, vmax=vmax`` for all three).
        Colorbars are allowed; no other axes.
    """
    # TODO: compute the three matrices, draw each with imshow on its own axes, set the titles,
    #       and return the figure.
    raise NotImplementedError


if __name__ == "__main__":
    S = np.array([[1.0, 1.0], [0.0, 1.0]])
    T = np.array([[1.0, 0.0], [1.0, 1.0]])
    plot_trace_heatmaps(S, T)
    rng = np.random.default_rng(0)
    plot_trace_heatmaps(rng.standard_normal((5, 5)), rng.standard_normal((5, 5)))
    plt.show()
