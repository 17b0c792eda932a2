"""Exercise 5.4 — Coordinates in a basis, and membership in a span (reference solution)."""

import numpy as np


def coordinates(B, x, tol=1e-9):
    """Coordinates of ``x`` in the basis given by the columns of ``B``.

    Parameters
    ----------
    B : ndarray of shape (n, k)
        k linearly independent basis vectors in the columns, k <= n.
    x : ndarray of shape (n,)
    tol : float, default 1e-9

    Returns
    -------
    ndarray of shape (k,) or None
    """
    B = np.asarray(B, dtype=float)
    x = np.asarray(x, dtype=float)
    c, *_ = np.linalg.lstsq(B, x, rcond=None)  # (k,): the combination of the columns closest to x
    residual = np.linalg.norm(x - B @ c)  # the part of x outside the span
    if residual > tol * np.linalg.norm(x):
        return None
    return c


if __name__ == "__main__":
    B = np.array([[2.0, -1.0], [1.0, 1.0]])
    print("coordinates of (1, 3):", coordinates(B, np.array([1.0, 3.0])))
    plane = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])  # a plane in R^3
    print("(2, 3, 5) in the plane:", coordinates(plane, np.array([2.0, 3.0, 5.0])))
    print("(1, 1, 0) in the plane:", coordinates(plane, np.array([1.0, 1.0, 0.0])))
