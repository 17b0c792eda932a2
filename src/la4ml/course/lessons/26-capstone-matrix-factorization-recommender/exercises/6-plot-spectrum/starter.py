"""Exercise 26.6 — The spectrum of a rating matrix, plotted, with the energy a rank-k model keeps."""

import matplotlib.pyplot as plt
import numpy as np


def plot_spectrum(M, k):
    """Plot the singular values of ``M`` on a log scale and mark rank ``k``.

    Parameters
    ----------
    M : ndarray of shape (m, n)
        A (dense) rating matrix, any shape.
    k : int
        The rank of the model, ``1 <= k <= min(m, n)``.

    Returns
    -------
    fig : matplotlib.figure.Figure
        One axes with: one line of the singular values ``s`` (largest first) against
        ``j = 1 .. len(s)``, with markers, y-axis on a log scale; one vertical line at ``k + 0.5``;
        an x-label that mentions "index" and a y-label that mentions "singular value"; the title
        ``f"top {k}: {frac:.1%} of the energy"`` with ``frac = sum(s[:k]**2) / sum(s**2)``.

    Examples
    --------
    >>> fig = plot_spectrum(np.diag([3.0, 2.0, 1.0]), 1)
    >>> fig.axes[0].get_title()
    'top 1: 64.3% of the energy'
    """
    # TODO: s = np.linalg.svd(M, compute_uv=False); fig, ax = plt.subplots(); ax.semilogy(...);
    #       ax.axvline(k + 0.5); labels and title; return fig.
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    M = rng.standard_normal((40, 3)) @ rng.standard_normal((3, 30)) + 0.1 * rng.standard_normal((40, 30))
    fig = plot_spectrum(M, 3)
    print(fig.axes[0].get_title())
    fig.savefig("spectrum.png")
    print("saved spectrum.png")
