"""Exercise 24.6 — The parameter covariance from a fit's Jacobian (reference solution)."""

import numpy as np
import scipy.optimize


def covariance_from_fit(J, r):
    """Estimated covariance ``s² (JᵀJ)⁻¹`` of the fitted parameters, ``s² = ‖r‖²/(m − n)``."""
    J = np.asarray(J, dtype=float)
    r = np.asarray(r, dtype=float)
    m, n = J.shape
    if m <= n:
        raise ValueError(f"need more residuals than parameters to estimate the noise, got m = {m}, n = {n}")
    s2 = float(r @ r) / (m - n)  # the full sum of squares (twice SciPy's cost) over the degrees of freedom
    _, s, Vt = np.linalg.svd(J, full_matrices=False)
    return s2 * (Vt.T / s ** 2) @ Vt  # (JᵀJ)⁻¹ = V diag(1/s²) Vᵀ, without forming JᵀJ


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
