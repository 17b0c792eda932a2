"""Exercise 24.5 — Plot where each start of a sine fit ends.

Write ``plot_multistart(t, y, omega_starts)``: fit ``A*sin(w*t)`` from each starting frequency with
SciPy's Levenberg–Marquardt and plot the final cost against the start. Then run this file.
"""

import matplotlib.pyplot as plt
import numpy as np
import scipy.optimize


def plot_multistart(t, y, omega_starts):
    """Plot the final cost of an LM sine fit against its starting frequency.

    Parameters
    ----------
    t, y : ndarray of shape (m,)
        Sample times and values.
    omega_starts : ndarray of shape (k,)
        Starting frequencies; each fit starts from (A, ω) = (1.0, w0).

    Returns
    -------
    matplotlib.figure.Figure
        One axes holding the markers ``(w0, res.cost)`` (one Line2D, in the order of
        ``omega_starts``) and a horizontal line at the smallest cost; x label about the start,
        y label about the cost.

    Examples
    --------
    >>> t = np.linspace(0, 10, 80); y = 1.5 * np.sin(2 * t)
    >>> fig = plot_multistart(t, y, np.array([1.0, 2.1]))
    >>> len(fig.axes)
    1
    """
    # TODO: for each w0 run scipy.optimize.least_squares(residual, [1.0, w0], method="lm") and keep
    #       res.cost; plot the costs against omega_starts with markers; add ax.axhline at the
    #       minimum; label both axes; return the figure.
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(1)
    t = np.linspace(0.0, 10.0, 80)
    y = 1.5 * np.sin(2.0 * t) + 0.1 * rng.standard_normal(t.size)
    fig = plot_multistart(t, y, np.arange(0.5, 3.51, 0.25))
    fig.savefig("multistart.png")
    print("saved multistart.png")
