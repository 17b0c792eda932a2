"""Exercise 24.4 — Recover a decay rate and its standard error.

Write ``fit_decay_rate(t, y, p0=(1.0, 1.0))``: fit ``a * exp(-k * t)`` by nonlinear least squares and
return the rate and its standard error. Then run this file on seeded synthetic data with true rate 1.4.
"""

import numpy as np
import scipy.optimize


def fit_decay_rate(t, y, p0=(1.0, 1.0)):
    """Fit ``y ≈ a·exp(-k t)`` and return the rate ``k`` and its standard error.

    Parameters
    ----------
    t : ndarray of shape (m,)
        Measurement times.
    y : ndarray of shape (m,)
        Measured values (noisy; may be slightly negative where the curve is near 0).
    p0 : tuple of 2 floats, default (1.0, 1.0)
        Starting guess ``(a, k)``.

    Returns
    -------
    k_hat : float
        The fitted rate.
    k_se : float
        Its standard error, ``sqrt(pcov[1, 1])`` from ``scipy.optimize.curve_fit``.

    Examples
    --------
    >>> t = np.linspace(0, 3, 20)
    >>> k_hat, k_se = fit_decay_rate(t, 2.0 * np.exp(-1.4 * t) + 0.01 * np.sin(7 * t))
    >>> abs(k_hat - 1.4) < 0.05 and k_se > 0
    True
    """
    # TODO: define the model a * exp(-k * t), fit it with scipy.optimize.curve_fit(..., p0=p0),
    #       and return the rate and the square root of its variance as Python floats.
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    t = np.linspace(0.0, 3.0, 40)
    y = 2.0 * np.exp(-1.4 * t) + 0.05 * rng.standard_normal(t.size)
    k_hat, k_se = fit_decay_rate(t, y)
    print(f"k = {k_hat:.4f} ± {k_se:.4f}; {abs(k_hat - 1.4) / k_se:.2f} standard errors from the true 1.4")
