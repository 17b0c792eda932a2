"""Exercise 21.6 — Plot CG's convergence with and without Jacobi preconditioning."""

import matplotlib.pyplot as plt
import numpy as np

from la4ml.krylov import cg, jacobi


def plot_residuals(A, b, rtol=1e-8):
    """Plot the relative residual of CG and Jacobi-CG against the iteration.

    Parameters
    ----------
    A : ndarray or sparse matrix of shape (n, n)
        Symmetric positive definite.
    b : ndarray of shape (n,)
    rtol : float
        Passed to ``cg``; also drawn as a dashed horizontal line.

    Returns
    -------
    fig : matplotlib.figure.Figure
        One axes, log-scale y, two lines labelled ``"CG"`` and ``"Jacobi-CG"`` (in that order)
        whose y-data are ``[1.0, ‖b − A x_1‖/‖b‖, ‖b − A x_2‖/‖b‖, ...]`` and whose x-data are
        ``0, 1, 2, ...``; a dashed horizontal line at ``rtol``; x label ``"iteration"``, y label
        ``"relative residual"``; a legend.

    Examples
    --------
    >>> fig = plot_residuals(np.diag([1.0, 10.0, 100.0]), np.ones(3))
    >>> [line.get_label() for line in fig.axes[0].lines][:2]
    ['CG', 'Jacobi-CG']
    """
    # TODO: for M in (None, jacobi(A)): history = [1.0]; cg(A, b, rtol=rtol, M=M,
    #       callback=lambda xk: history.append(...)); then ax.semilogy(range(len(history)), history, label=...)
    raise NotImplementedError


if __name__ == "__main__":
    from la4ml.krylov import poisson2d

    A = poisson2d(16).toarray()
    s = np.logspace(-2, 2, 256)
    fig = plot_residuals(s[:, None] * A * s[None, :], np.ones(256))
    fig.savefig("residuals.png")
