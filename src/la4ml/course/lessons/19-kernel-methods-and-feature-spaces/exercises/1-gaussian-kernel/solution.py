"""Exercise 19.1 — The Gaussian kernel with a length scale σ, from scratch (reference solution)."""

import numpy as np


def gaussian_kernel(X, Y=None, sigma=1.0):
    """The Gaussian (RBF) kernel matrix between the rows of ``X`` and ``Y``, with length scale ``sigma``.

    Parameters
    ----------
    X : ndarray of shape (n, d)
    Y : ndarray of shape (m, d), optional
        ``None`` means ``Y = X``.
    sigma : float, default 1.0
        The length scale ``σ > 0``.

    Returns
    -------
    K : ndarray of shape (n, m)
        ``K[i, j] = exp(-‖X[i] - Y[j]‖² / (2 σ²))``.

    Raises
    ------
    ValueError
        If ``sigma <= 0``.
    """
    if not sigma > 0:
        raise ValueError(f"sigma must be > 0 (a length scale), got {sigma!r}")
    X = np.asarray(X, dtype=float)
    Y = X if Y is None else np.asarray(Y, dtype=float)
    diff = X[:, None, :] - Y[None, :, :]             # (n, m, d): every pair's difference
    D2 = np.einsum("ijk,ijk->ij", diff, diff)        # (n, m) squared distances, never negative
    return np.exp(-D2 / (2.0 * sigma**2))


if __name__ == "__main__":
    from sklearn.metrics.pairwise import rbf_kernel

    X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0]])
    K = gaussian_kernel(X, sigma=1.0)
    print(K)
    print("equals rbf_kernel(X, gamma=1/(2σ²)):", np.allclose(K, rbf_kernel(X, gamma=0.5)))
