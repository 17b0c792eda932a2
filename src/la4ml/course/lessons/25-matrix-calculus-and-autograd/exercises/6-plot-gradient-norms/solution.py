"""Exercise 25.6 — Plot gradient norms through the layers of deep linear networks (reference solution)."""

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
    fig, ax = plt.subplots()
    for name, weights in networks.items():
        grad = np.asarray(g, dtype=float)
        norms = [np.linalg.norm(grad)]
        for W in reversed(weights):  # backprop: from the output layer back, by the TRANSPOSED weights
            grad = np.asarray(W, dtype=float).T @ grad
            norms.append(np.linalg.norm(grad))
        ax.semilogy(np.arange(len(norms)), norms, label=name)
    ax.set_xlabel("layers the gradient was sent back through")
    ax.set_ylabel("gradient norm")
    ax.set_title("Gradient norms through deep linear networks")
    ax.legend()
    return fig


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    Qs = [np.linalg.qr(rng.standard_normal((16, 16)))[0] for _ in range(30)]
    nets = {f"orthogonal × {s}": [s * Q for Q in Qs] for s in (0.9, 1.0, 1.1)}
    fig = plot_gradient_norms(nets, np.ones(16) / 4)
    fig.savefig("gradient_norms.png")
    for line in fig.axes[0].lines:
        print(line.get_label(), "-> after 30 layers:", round(line.get_ydata()[-1], 4))
