"""Exercise 24.4 — Recover a decay rate and its standard error (reference solution)."""

import numpy as np
import scipy.optimize


def decay(t, a, k):
    return a * np.exp(-k * t)


def fit_decay_rate(t, y, p0=(1.0, 1.0)):
    """Fit ``y ≈ a·exp(-k t)`` and return the rate ``k`` and its standard error."""
    popt, pcov = scipy.optimize.curve_fit(decay, t, y, p0=p0)  # Levenberg–Marquardt; σ from the residuals
    return float(popt[1]), float(np.sqrt(pcov[1, 1]))


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    t = np.linspace(0.0, 3.0, 40)
    y = 2.0 * np.exp(-1.4 * t) + 0.05 * rng.standard_normal(t.size)
    k_hat, k_se = fit_decay_rate(t, y)
    print(f"k = {k_hat:.4f} ± {k_se:.4f}; {abs(k_hat - 1.4) / k_se:.2f} standard errors from the true 1.4")
