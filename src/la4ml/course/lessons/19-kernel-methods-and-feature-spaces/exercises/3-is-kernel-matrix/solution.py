"""Exercise 19.3 — Is it a kernel matrix? (reference solution)."""

import numpy as np


def is_kernel_matrix(K, rtol=None):
    """Whether ``K`` is symmetric positive semidefinite, up to a tolerance relative to its size.

    Parameters
    ----------
    K : ndarray of shape (n, n)
    rtol : float, optional
        Default ``n * np.finfo(float).eps``.

    Returns
    -------
    bool

    Raises
    ------
    ValueError
        If ``K`` is not a square 2-D array.
    """
    K = np.asarray(K, dtype=float)
    if K.ndim != 2 or K.shape[0] != K.shape[1]:
        raise ValueError(f"K must be a square matrix, got shape {K.shape}")
    n = K.shape[0]
    if rtol is None:
        rtol = n * np.finfo(float).eps
    if np.abs(K - K.T).max() > rtol * np.abs(K).max():
        return False
    lam = np.linalg.eigvalsh(K)                       # ascending; reads one triangle of a symmetric K
    return bool(lam[0] >= -rtol * np.abs(lam).max())


if __name__ == "__main__":
    X = np.random.default_rng(0).standard_normal((50, 3))
    for scale in (1.0, 1e6):
        K = (scale * X) @ (scale * X).T
        lam = np.linalg.eigvalsh(K)
        print(f"X·{scale:g}: smallest eigenvalue {lam[0]:.3g}, largest {lam[-1]:.3g}; "
              f"is_kernel_matrix: {is_kernel_matrix(K)}")
    print("is_kernel_matrix([[1, 2], [2, 1]]):", is_kernel_matrix(np.array([[1.0, 2.0], [2.0, 1.0]])))
