"""Exercise 11.6 — Draw the unit circle, its image ellipse and the singular axes of a 2 × 2 matrix."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np


def plot_svd_ellipse(A, n_points=200):
    """Draw the unit circle, its image under ``A``, the vectors ``v_i`` and the semi-axes ``σ_i u_i``.

    Parameters
    ----------
    A : ndarray of shape (2, 2)
        The matrix. Do not modify it.
    n_points : int, default 200
        Points on the circle (and on its image): ``t = np.linspace(0, 2 * np.pi, n_points)``.

    Returns
    -------
    fig : matplotlib.figure.Figure
        One axes with: the circle (one line), its image ``A @ [cos t, sin t]`` (one line), the
        segments from the origin to ``v_1`` and ``v_2`` and to ``σ_1 u_1`` and ``σ_2 u_2``; labelled
        axes; equal aspect; the singular values with two decimals in the title.

    Examples
    --------
    >>> fig = plot_svd_ellipse(np.array([[2.0, 2.0], [-1.0, 2.0]]))
    >>> "3.00" in fig.axes[0].get_title() and "2.00" in fig.axes[0].get_title()
    True
    """
    # TODO: the circle and A @ circle; U, s, Vt = np.linalg.svd(A); segments [0, v_i] and
    #       [0, s_i u_i]; labels, aspect, title; return fig
    raise NotImplementedError


if __name__ == "__main__":
    for A in ([[2.0, 2.0], [-1.0, 2.0]], [[1.0, 1.5], [0.0, 1.0]], [[1.0, 2.0], [2.0, 4.0]]):
        fig = plot_svd_ellipse(np.array(A))
        fig.savefig(f"ellipse_{A[0][1]:g}.png")
        print("saved the figure of", A)
