"""Exercise 22.6 — Plot the loss of orthogonality of CGS, MGS and Householder against κ (reference solution)."""

import matplotlib.pyplot as plt
import numpy as np

from la4ml.factorizations import qr

METHODS = ("cgs", "mgs", "householder")


def plot_orthogonality_loss(matrices):
    """Plot ``||QᵀQ - I||₂`` against ``κ(A)`` for CGS, MGS and Householder QR, log-log."""
    eps = np.finfo(float).eps
    kappas = np.array([np.linalg.cond(A) for A in matrices])      # 2-norm condition numbers
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for method in METHODS:
        losses = []
        for A in matrices:
            Q, _ = qr(A, method=method)
            losses.append(np.linalg.norm(Q.T @ Q - np.eye(Q.shape[1]), 2))   # QᵀQ (n × n), not QQᵀ
        ax.loglog(kappas, losses, "o-", label=method)
    ax.loglog(kappas, kappas * eps, "k:", label="kappa*eps")
    ax.loglog(kappas, kappas**2 * eps, "k--", label="kappa^2*eps")
    ax.set_xlabel("condition number κ(A)")
    ax.set_ylabel("loss of orthogonality ‖QᵀQ − I‖₂")
    ax.legend()
    return fig


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    U, _ = np.linalg.qr(rng.standard_normal((60, 10)))
    V, _ = np.linalg.qr(rng.standard_normal((10, 10)))
    matrices = [U @ np.diag(np.logspace(0, -e, 10)) @ V.T for e in range(1, 9)]
    fig = plot_orthogonality_loss(matrices)
    fig.savefig("orthogonality_loss.png")
    print("saved orthogonality_loss.png")
