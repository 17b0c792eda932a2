"""Exercise 23.4 — Digits lost against log10 κ: the measurement and the prediction in one figure.

Write ``digits_lost(kappa)`` and ``plot_digits_lost(kappas, rel_errors)``, then run this file to
measure and plot the digits ``np.linalg.solve`` loses.
"""

import matplotlib.pyplot as plt
import numpy as np


def digits_lost(kappa):
    """Decimal digits a problem with condition number kappa can lose.

    Parameters
    ----------
    kappa : float or ndarray
        Condition numbers, each >= 1.

    Returns
    -------
    digits : float or ndarray
        ``log10(kappa)`` (decimal digits, so base 10), of kappa's shape.
    """
    # TODO: base-10 logarithm.
    raise NotImplementedError


def plot_digits_lost(kappas, rel_errors):
    """Scatter the measured digits lost against log10 kappa, with the prediction line y = x.

    Parameters
    ----------
    kappas : ndarray of shape (n,)
        Condition numbers of the matrices solved.
    rel_errors : ndarray of shape (n,)
        Relative error ||x - x_true|| / ||x_true|| of each solve (all > 0).

    Returns
    -------
    fig : matplotlib.figure.Figure
        One axes with a scatter of x = digits_lost(kappas), y = log10(rel_errors / eps)
        (eps = np.finfo(float).eps), one line y = x from x = 0 to max(digits_lost(kappas)),
        an x-label containing "κ" and a y-label containing "digits lost".
    """
    # TODO: fig, ax = plt.subplots(); ax.scatter(...); ax.plot(...); labels; return fig.
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    kappas, errors = [], []
    for exponent in range(15):
        U, _ = np.linalg.qr(rng.standard_normal((30, 30)))
        V, _ = np.linalg.qr(rng.standard_normal((30, 30)))
        A = U @ np.diag(np.logspace(0, -exponent, 30)) @ V.T
        x_true = rng.standard_normal(30)
        x = np.linalg.solve(A, A @ x_true)
        kappas.append(np.linalg.cond(A))
        errors.append(np.linalg.norm(x - x_true) / np.linalg.norm(x_true))
    fig = plot_digits_lost(np.array(kappas), np.array(errors))
    fig.savefig("digits_lost.png")
    print("saved digits_lost.png; digits lost predicted:", np.round(digits_lost(np.array(kappas)), 1))
