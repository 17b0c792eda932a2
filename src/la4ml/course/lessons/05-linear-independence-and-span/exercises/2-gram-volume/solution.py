"""Exercise 5.2 — The Gram matrix and the volume it measures (reference solution)."""

import numpy as np


def gram_volume(V):
    """Return the Gram matrix of the columns of ``V`` and the volume they span.

    Parameters
    ----------
    V : ndarray of shape (n, k)
        The k vectors are the columns.

    Returns
    -------
    G : ndarray of shape (k, k)
        ``G[i, j] = V[:, i] @ V[:, j]``.
    volume : float
        ``sqrt(max(det G, 0))``.
    """
    V = np.asarray(V, dtype=float)
    G = V.T @ V  # (k, k): columns against columns; V @ V.T would be (n, n)
    det = np.linalg.det(G)
    volume = float(np.sqrt(max(det, 0.0)))  # rounding can push det G of a dependent set below 0
    return G, volume


if __name__ == "__main__":
    V = np.array([[2.0, 1.0], [0.0, 3.0]])
    G, volume = gram_volume(V)
    print("G =\n", G, "\narea =", volume)
    rng = np.random.default_rng(3)
    P = rng.standard_normal((3, 2))
    D = np.column_stack([P, P @ rng.standard_normal(2)])  # dependent: column 2 mixes columns 0 and 1
    print("det(DᵀD) by NumPy:", np.linalg.det(D.T @ D), " volume:", gram_volume(D)[1])
