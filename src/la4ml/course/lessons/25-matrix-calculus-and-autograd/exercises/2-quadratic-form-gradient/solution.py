"""Exercise 25.2 — The gradient and Hessian of xᵀAx for a nonsymmetric A (reference solution)."""

import numpy as np


def quadratic_form_gradient(A, x):
    """Gradient and Hessian of the quadratic form ``f(x) = xᵀAx``.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        A square matrix, not necessarily symmetric.
    x : ndarray of shape (n,)
        The point.

    Returns
    -------
    g : ndarray of shape (n,)
        ``(A + Aᵀ) x``.
    H : ndarray of shape (n, n)
        ``A + Aᵀ``.

    Raises
    ------
    ValueError
        If ``A`` is not square or does not match ``x``'s length.
    """
    A = np.asarray(A, dtype=float)
    x = np.asarray(x, dtype=float)
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError(f"A must be a square matrix for xᵀAx, got shape {A.shape}")
    if x.shape != (A.shape[1],):
        raise ValueError(f"x must have shape ({A.shape[1]},) to match A of shape {A.shape}, got shape {x.shape}")
    H = A + A.T  # (x + d)ᵀA(x + d) = xᵀAx + dᵀ(A + Aᵀ)x + dᵀAd
    return H @ x, H


if __name__ == "__main__":
    A = np.array([[2.0, 1.0], [0.0, 3.0]])
    x = np.array([1.0, -2.0])
    g, H = quadratic_form_gradient(A, x)
    h = np.finfo(float).eps ** (1 / 3)
    g_fd = np.array([((x + h * e) @ A @ (x + h * e) - (x - h * e) @ A @ (x - h * e)) / (2 * h) for e in np.eye(2)])
    print("g =", g, "  central differences:", g_fd)
    print("H =\n", H)
