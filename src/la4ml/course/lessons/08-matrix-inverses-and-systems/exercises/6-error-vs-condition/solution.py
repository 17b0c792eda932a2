"""Exercise 8.6 — Error against condition number, on Hilbert matrices (reference solution)."""

import matplotlib

matplotlib.use("Agg")  # draw to files, no window needed
import matplotlib.pyplot as plt
import numpy as np
import scipy.linalg


def hilbert_errors(sizes=range(2, 13)):
    """Solve ``H x = H @ 1`` for Hilbert matrices of the given sizes; measure κ and the relative error."""
    kappas, errors, solutions = [], [], []
    for n in sizes:
        H = scipy.linalg.hilbert(n)
        x = np.ones(n)
        x_hat = np.linalg.solve(H, H @ x)  # a backward-stable solve, never inv(H) @ b
        kappas.append(np.linalg.cond(H))  # 2-norm: σ_max / σ_min
        errors.append(np.linalg.norm(x_hat - x) / np.linalg.norm(x))
        solutions.append(x_hat)
    return np.array(kappas), np.array(errors), solutions


def plot_error_vs_condition(kappas, errors):
    """Draw the relative errors against the condition numbers on log-log axes, with the line κ·eps."""
    kappas, errors = np.asarray(kappas, dtype=float), np.asarray(errors, dtype=float)
    eps = np.finfo(float).eps
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    ax.loglog(kappas, errors, "o-", label="measured error of np.linalg.solve")
    ax.loglog(kappas, kappas * eps, "k--", label="κ · eps")
    ax.set(xlabel="condition number κ(H)", ylabel="relative error ‖x̂ − x‖ / ‖x‖",
           title="Hilbert systems: digits lost ≈ log10 κ")
    ax.legend()
    return fig


if __name__ == "__main__":
    kappas, errors, _ = hilbert_errors()
    for k, e in zip(kappas, errors):
        print(f"κ = {k:9.2e}   relative error = {e:9.2e}   correct digits ≈ {-np.log10(e):4.1f}")
    fig = plot_error_vs_condition(kappas, errors)
    fig.savefig("error_vs_condition.png")
    print("saved error_vs_condition.png")
