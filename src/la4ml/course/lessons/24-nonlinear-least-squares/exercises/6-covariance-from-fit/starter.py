"""Exercise 24.6 — The parameter covariance from a fit's Jacobian.

Write ``covariance_from_fit(J, r)``: ``s² (JᵀJ)⁻¹`` with ``s² = ‖r‖²/(m − n)``. Then run this file to
compare it with ``scipy.optimize.curve_fit`` on the lesson's decay data.
"""

import numpy as np
import scipy.optimize


def covariance_from_fit(J, r):
    """Estimated covariance of the fitted parameters, as ``curve_fit`` reports it.

    Parameters
    ----------
    J : ndarray of shape (m, n)
        Jacobian of the residuals at the fitted parameters (full column rank).
    r : ndarray of shape (m,)
        Residuals at the fitted parameters.

    Returns
    -------
    pcov : ndarray of shape (n, n)
        ``s² (JᵀJ)⁻¹`` with ``s² = ‖r‖² / (m − n)``.

    Raises
    ------
    ValueError
        If ``m <= n``.

    Examples
    --------
    >>> J = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]]); r = np.array([0.1, -0.2, 0.1])
    >>> pcov = covariance_from_fit(J, r)
    >>> np.allclose(pcov, (r @ r / 1) * np.linalg.inv(J.T @ J))
    True
    """
    # TODO: m, n = J.shape; raise ValueError if m <= n; s2 = r @ r / (m - n);
    #       return s2 times the inverse of J.T @ J.
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    t = np.linspace(0.0, 3.0, 40)
    y = 2.0 * np.exp(-1.4 * t) + 0.05 * rng.standard_normal(t.size)
    model = lambda t, a, k: a * np.exp(-k * t)
    popt, pcov_scipy = scipy.optimize.curve_fit(model, t, y, p0=(1.0, 0.5))
    a, k = popt
    J = np.column_stack([np.exp(-k * t), -a * t * np.exp(-k * t)])
    pcov = covariance_from_fit(J, model(t, a, k) - y)
    print("yours:\n", pcov, "\ncurve_fit:\n", pcov_scipy)
