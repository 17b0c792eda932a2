"""Exercise 7.6 — Plot the loss of orthogonality against the condition number (reference solution)."""

import matplotlib.pyplot as plt
import numpy as np
import scipy.linalg

from la4ml.factorizations import gram_schmidt


def plot_loss_of_orthogonality(sizes=range(2, 11)):
    """Plot ‖QᵀQ − I‖₂ against κ(H) for classical and modified Gram–Schmidt and Householder QR; return the figure."""
    factorizations = {
        "classical": lambda H: gram_schmidt(H, method="classical")[0],
        "modified": lambda H: gram_schmidt(H, method="modified")[0],
        "householder": lambda H: np.linalg.qr(H)[0],
    }
    kappas, losses = [], {name: [] for name in factorizations}
    for n in sizes:
        H = scipy.linalg.hilbert(n)
        kappas.append(np.linalg.cond(H))
        for name, qr in factorizations.items():
            Q = qr(H)
            losses[name].append(np.linalg.norm(Q.T @ Q - np.eye(n), 2))
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for name, marker in zip(factorizations, "os^"):
        ax.loglog(kappas, losses[name], marker + "-", label=name)
    ax.set_xlabel("condition number κ(H) of the Hilbert matrix")
    ax.set_ylabel("loss of orthogonality ‖QᵀQ − I‖₂")
    ax.set_title("Gram–Schmidt loses orthogonality like κ (modified) or κ² (classical)")
    ax.legend()
    return fig


if __name__ == "__main__":
    fig = plot_loss_of_orthogonality()
    plt.show()
