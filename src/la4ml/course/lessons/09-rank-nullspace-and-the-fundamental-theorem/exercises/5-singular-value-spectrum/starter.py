"""Exercise 9.5 — Plot the singular values, the cut-off and the numerical rank.

Write ``plot_spectrum(A, rtol=None)`` (see its docstring), then run this file: it plots a noisy
rank-3 matrix with the default cut-off and with ``rtol=1e-2`` and saves both figures.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def plot_spectrum(A, rtol=None):
    """Plot the singular values of ``A`` on a log scale with the rank cut-off, and return the figure.

    Parameters
    ----------
    A : ndarray of shape (m, n)
    rtol : float or None, default None
        The cut-off is ``rtol * σ_max``; ``None`` means ``rtol = max(m, n) * np.finfo(float).eps``.

    Returns
    -------
    fig : matplotlib.figure.Figure
        One axes holding exactly two lines: first the singular values as markers, at
        x = 1, 2, ..., min(m, n) (largest first), then the horizontal cut-off line
        (``ax.axhline``); a logarithmic y-axis; both axes labelled; the title contains
        ``"rank r"`` with r the number of singular values greater than the cut-off.
    """
    # TODO: fig, ax = plt.subplots(); s = np.linalg.svd(A, compute_uv=False); compute the cut-off
    #       and r; ax.semilogy(...) the singular values, ax.axhline(...) the cut-off; labels, title.
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    signal = rng.standard_normal((40, 3)) @ rng.standard_normal((3, 12))  # rank 3
    A = signal + 1e-3 * rng.standard_normal((40, 12))                      # + noise
    for rtol, name in [(None, "spectrum_default.png"), (1e-2, "spectrum_rtol.png")]:
        fig = plot_spectrum(A, rtol=rtol)
        fig.savefig(name)
        print(name, "->", fig.axes[0].get_title())
