"""Exercise 7.6 — Plot the loss of orthogonality against the condition number.

Write ``plot_loss_of_orthogonality(sizes=range(2, 11))``. Then run this file to see the figure:
which method's loss grows like κ, which like κ², and which stays at rounding level?
"""

import matplotlib.pyplot as plt
import numpy as np
import scipy.linalg

from la4ml.factorizations import gram_schmidt


def plot_loss_of_orthogonality(sizes=range(2, 11)):
    """Plot ‖QᵀQ − I‖₂ against κ(H) for classical and modified Gram–Schmidt and Householder QR.

    Parameters
    ----------
    sizes : iterable of int, default range(2, 11)
        The sizes ``n`` of the Hilbert matrices ``scipy.linalg.hilbert(n)``.

    Returns
    -------
    fig : matplotlib.figure.Figure
        One axes with log–log scales and three lines, in any order, labelled ``"classical"``,
        ``"modified"`` and ``"householder"``: each has the condition numbers ``np.linalg.cond(H)`` as
        its x data and the losses ``np.linalg.norm(Q.T @ Q - np.eye(n), 2)`` as its y data, one point
        per size (``Q`` from ``gram_schmidt(H, method=...)[0]`` or ``np.linalg.qr(H)[0]``). The axes
        has an x label, a y label, a title and a legend.

    Examples
    --------
    >>> fig = plot_loss_of_orthogonality([2, 4, 6])
    >>> [line.get_label() for line in fig.axes[0].get_lines()]
    ['classical', 'modified', 'householder']
    """
    # TODO: for each n: H, kappa, and the three losses; then fig, ax = plt.subplots(),
    #       ax.loglog(kappas, losses, "o-", label=...) for each method, labels, title, legend; return fig.
    raise NotImplementedError


if __name__ == "__main__":
    fig = plot_loss_of_orthogonality()
    plt.show()
