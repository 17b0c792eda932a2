"""Exercise 24.5 — Plot where each start of a sine fit ends (reference solution)."""

import matplotlib.pyplot as plt
import numpy as np
import scipy.optimize


def plot_multistart(t, y, omega_starts):
    """Plot the final cost of an LM sine fit against its starting frequency."""
    t, y = np.asarray(t, dtype=float), np.asarray(y, dtype=float)

    def residual(x):
        return x[0] * np.sin(x[1] * t) - y

    costs = [scipy.optimize.least_squares(residual, [1.0, w0], method="lm").cost for w0 in omega_starts]
    fig, ax = plt.subplots()
    ax.plot(omega_starts, costs, "o", label="final cost from each start")
    ax.axhline(min(costs), color="tab:green", ls="--", label="best cost found")
    ax.set_xlabel("starting frequency ω₀")
    ax.set_ylabel("final cost ½‖r‖²")
    ax.legend()
    return fig


if __name__ == "__main__":
    rng = np.random.default_rng(1)
    t = np.linspace(0.0, 10.0, 80)
    y = 1.5 * np.sin(2.0 * t) + 0.1 * rng.standard_normal(t.size)
    fig = plot_multistart(t, y, np.arange(0.5, 3.51, 0.25))
    fig.savefig("multistart.png")
    print("saved multistart.png")
