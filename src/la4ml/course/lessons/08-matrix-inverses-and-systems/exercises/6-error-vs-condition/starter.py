"""Exercise 8.6 — How many digits does a solve lose? Error against condition number, on Hilbert matrices.

Write ``hilbert_errors(sizes)``, which solves Hilbert systems with a known answer and measures the
relative error and the condition number, and ``plot_error_vs_condition(kappas, errors)``, which
draws them on log-log axes next to the line κ·eps.
"""

import matplotlib

matplotlib.use("Agg")  # draw to files, no window needed
import matplotlib.pyplot as plt
import numpy as np
import scipy.linalg


def hilbert_errors(sizes=range(2, 13)):
    """Solve ``H x = H @ 1`` for Hilbert matrices of the given sizes; measure κ and the relative error.

    Parameters
    ----------
    sizes : iterable of int, default range(2, 13)
        The sizes ``n`` of the Hilbert matrices ``H = scipy.linalg.hilbert(n)``.

    Returns
    -------
    kappas : ndarray of shape (len(sizes),)
        ``np.linalg.cond(H)`` (2-norm) for each size, in the order of ``sizes``.
    errors : ndarray of shape (len(sizes),)
        ``np.linalg.norm(x_hat - x) / np.linalg.norm(x)`` with ``x = np.ones(n)``.
    solutions : list of ndarray
        The computed ``x_hat = np.linalg.solve(H, H @ x)``, one array of length ``n`` per size.
    """
    # TODO: loop over sizes: H, x = np.ones(n), x_hat = np.linalg.solve(H, H @ x);
    #       collect np.linalg.cond(H), the relative error and x_hat; return two arrays and the list
    raise NotImplementedError


def plot_error_vs_condition(kappas, errors):
    """Draw the relative errors against the condition numbers on log-log axes, with the line κ·eps.

    Parameters
    ----------
    kappas, errors : ndarray of shape (m,)
        As returned by :func:`hilbert_errors`.

    Returns
    -------
    fig : matplotlib.figure.Figure
        One axes with logarithmic x and y scales holding two lines: ``errors`` against ``kappas``
        (markers and a line) and ``kappas * eps`` against ``kappas`` (dashed); the x label contains
        "condition number", the y label "relative error", and a legend names both lines.
    """
    # TODO: fig, ax = plt.subplots(); ax.loglog(...) twice; labels; legend; return fig
    raise NotImplementedError


if __name__ == "__main__":
    kappas, errors, _ = hilbert_errors()
    for k, e in zip(kappas, errors):
        print(f"κ = {k:9.2e}   relative error = {e:9.2e}   correct digits ≈ {-np.log10(e):4.1f}")
    fig = plot_error_vs_condition(kappas, errors)
    fig.savefig("error_vs_condition.png")
    print("saved error_vs_condition.png")
