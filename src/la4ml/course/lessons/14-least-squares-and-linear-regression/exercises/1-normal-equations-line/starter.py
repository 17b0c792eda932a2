"""Exercise 14.1 — Fit a line by the normal equations, and plot it.

Write ``fit_line(x, y)`` (intercept and slope from the normal equations) and ``plot_fit(x, y)``
(the data and the fitted line), then run this file on 30 noisy samples of y = 4 + 3x.
"""

import matplotlib

matplotlib.use("Agg")  # draw to files, no window needed
import matplotlib.pyplot as plt
import numpy as np


def fit_line(x, y):
    """Intercept and slope of the least-squares line ``y ≈ b + w·x``, by the normal equations.

    Parameters
    ----------
    x : ndarray of shape (n_samples,)
        The feature. Do not modify it.
    y : ndarray of shape (n_samples,)
        The targets.

    Returns
    -------
    theta : ndarray of shape (2,)
        ``[b, w]``: the intercept first, then the slope, solving ``(XᵀX) θ = Xᵀy`` for the design
        ``X = [1 x]`` of shape ``(n_samples, 2)``.

    Raises
    ------
    ValueError
        If ``x`` has fewer than two distinct values (``XᵀX`` is then singular).

    Examples
    --------
    >>> fit_line(np.array([0.0, 1.0, 2.0]), np.array([1.0, 3.0, 2.0]))
    array([1.5, 0.5])
    """
    # TODO: check np.unique(x).size >= 2; X = np.column_stack([np.ones(len(x)), x]);
    #       return np.linalg.solve(X.T @ X, X.T @ y).
    raise NotImplementedError


def plot_fit(x, y):
    """Scatter the data and draw the least-squares line over ``[x.min(), x.max()]``.

    Parameters
    ----------
    x, y : ndarray of shape (n_samples,)
        The data, as for :func:`fit_line`.

    Returns
    -------
    fig : matplotlib.figure.Figure
        One axes holding exactly one scatter (``ax.scatter(x, y)``, all the points) and exactly
        one line (``ax.plot``) whose points lie on ``y = b + w·x`` and run from ``x.min()`` to
        ``x.max()``; both axes labelled; a legend naming the data and the fit.
    """
    # TODO: b, w = fit_line(x, y); fig, ax = plt.subplots(); ax.scatter(...); ax.plot(...) over the
    #       range of x; ax.set_xlabel(...), ax.set_ylabel(...); ax.legend(); return fig.
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    x = 2 * rng.random(30)
    y = 4 + 3 * x + rng.standard_normal(30)
    b, w = fit_line(x, y)
    print(f"fitted line: y = {b:.3f} + {w:.3f} x   (the data were made with y = 4 + 3x + noise)")
    print("np.polyfit agrees:", np.allclose([b, w], np.polyfit(x, y, 1)[::-1]))
    plot_fit(x, y).savefig("line_fit.png")
