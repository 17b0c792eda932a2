"""Exercise 22.6 — Plot the loss of orthogonality of CGS, MGS and Householder against κ.

Write ``plot_orthogonality_loss(matrices)`` returning the matplotlib Figure.
"""

import matplotlib.pyplot as plt
import numpy as np

from la4ml.factorizations import qr

METHODS = ("cgs", "mgs", "householder")


def plot_orthogonality_loss(matrices):
    """Plot ``||QᵀQ - I||₂`` against ``κ(A)`` for CGS, MGS and Householder QR, log-log.

    Parameters
    ----------
    matrices : list of ndarray of shape (m, n), m >= n
        Matrices with independent columns and condition numbers up to about ``1e8``.

    Returns
    -------
    fig : matplotlib.figure.Figure
        One axes, log scale on both axes, with five lines in this order: ``"cgs"``, ``"mgs"``,
        ``"householder"`` (loss against κ, one point per matrix in the order given), then
        ``"kappa*eps"`` and ``"kappa^2*eps"`` (the reference lines at the same κ). x label
        containing "condition number", y label containing "orthogonality", and a legend.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> fig = plot_orthogonality_loss([rng.standard_normal((20, 4)) for _ in range(3)])
    >>> [line.get_label() for line in fig.axes[0].lines]
    ['cgs', 'mgs', 'householder', 'kappa*eps', 'kappa^2*eps']
    """
    # TODO: kappas = [np.linalg.cond(A) for A in matrices]; for each method the list of
    #       np.linalg.norm(Q.T @ Q - np.eye(Q.shape[1]), 2); ax.loglog(...) each with its label;
    #       the two reference lines; labels, legend; return fig.
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    U, _ = np.linalg.qr(rng.standard_normal((60, 10)))
    V, _ = np.linalg.qr(rng.standard_normal((10, 10)))
    matrices = [U @ np.diag(np.logspace(0, -e, 10)) @ V.T for e in range(1, 9)]
    fig = plot_orthogonality_loss(matrices)
    fig.savefig("orthogonality_loss.png")
    print("saved orthogonality_loss.png")
