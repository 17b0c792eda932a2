"""Exercise 25.6 — Plot gradient norms through the layers of deep linear networks.

Write ``plot_gradient_norms(networks, g)``: backpropagate ``g`` through each network's transposed
weights, last layer first, and plot the norms on a log scale. Then run this file: it saves
``gradient_norms.png`` for orthogonal layers scaled by 0.9, 1.0 and 1.1.
"""

import matplotlib.pyplot as plt
import numpy as np


def plot_gradient_norms(networks, g):
    """Plot ``‖g‖`` after backpropagating through 0, 1, ..., L layers of each linear network.

    Parameters
    ----------
    networks : dict of str to list of ndarray
        ``name -> [W_1, ..., W_L]``, first layer first; ``W_l`` has shape ``(n_l, n_(l-1))``.
    g : ndarray of shape (n_L,)
        The gradient of the loss with respect to the output ``h_L``.

    Returns
    -------
    fig : matplotlib.figure.Figure
        One axes with one line per network (``label=name``), x-values ``0, ..., L`` and y-values
        ``‖g‖, ‖W_Lᵀ g‖, ‖W_(L-1)ᵀ W_Lᵀ g‖, ...``; log y-axis, both axes labelled, a legend.

    Examples
    --------
    >>> fig = plot_gradient_norms({"x2": [2 * np.eye(2)] * 3}, np.array([1.0, 0.0]))
    >>> fig.axes[0].lines[0].get_ydata().tolist()
    [1.0, 2.0, 4.0, 8.0]
    """
    # TODO: for each network, g_l = g; norms = [‖g‖]; for W in reversed(weights): g_l = W.T @ g_l,
    #       append ‖g_l‖; then ax.semilogy(range(L + 1), norms, label=name). Labels, legend, return fig.
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    Qs = [np.linalg.qr(rng.standard_normal((16, 16)))[0] for _ in range(30)]
    nets = {f"orthogonal × {s}": [s * Q for Q in Qs] for s in (0.9, 1.0, 1.1)}
    fig = plot_gradient_norms(nets, np.ones(16) / 4)
    fig.savefig("gradient_norms.png")
    for line in fig.axes[0].lines:
        print(line.get_label(), "-> after 30 layers:", round(line.get_ydata()[-1], 4))
