"""Exercise 21.6 — Plot CG's convergence with and without Jacobi preconditioning (reference solution)."""

import matplotlib.pyplot as plt
import numpy as np

from la4ml.krylov import cg, jacobi


def plot_residuals(A, b, rtol=1e-8):
    """Relative residual of CG and Jacobi-CG against the iteration, on a log scale; return the figure."""
    b = np.asarray(b, dtype=float)
    b_norm = np.linalg.norm(b)
    fig, ax = plt.subplots()
    for label, M in (("CG", None), ("Jacobi-CG", jacobi(A))):
        history = [1.0]  # x0 = 0, so r0 = b
        cg(A, b, rtol=rtol, M=M, callback=lambda xk: history.append(np.linalg.norm(b - A @ xk) / b_norm))
        ax.semilogy(np.arange(len(history)), history, label=label)
    ax.axhline(rtol, linestyle="--", color="gray", label=f"rtol = {rtol:g}")
    ax.set_xlabel("iteration")
    ax.set_ylabel("relative residual")
    ax.legend()
    return fig


if __name__ == "__main__":
    from la4ml.krylov import poisson2d

    A = poisson2d(16).toarray()
    s = np.logspace(-2, 2, 256)
    fig = plot_residuals(s[:, None] * A * s[None, :], np.ones(256))
    for line in fig.axes[0].lines[:2]:
        print(line.get_label(), "iterations:", len(line.get_xdata()) - 1)
    fig.savefig("residuals.png")
