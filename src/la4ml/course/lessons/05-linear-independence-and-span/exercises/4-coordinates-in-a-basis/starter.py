"""Exercise 5.4 — Coordinates in a basis, and membership in a span.

Write ``coordinates(B, x, tol=1e-9)``: the c with B @ c = x, or None if x is not in the span of
the columns of B.
"""

import numpy as np


def coordinates(B, x, tol=1e-9):
    """Coordinates of ``x`` in the basis given by the columns of ``B``.

    Parameters
    ----------
    B : ndarray of shape (n, k)
        k linearly independent basis vectors in the columns, k <= n.
    x : ndarray of shape (n,)
        The vector to express.
    tol : float, default 1e-9
        ``x`` counts as in the span when ``||x - B @ c|| <= tol * ||x||``.

    Returns
    -------
    ndarray of shape (k,) or None
        The coordinates c (``B @ c`` equals ``x`` up to rounding), or None when ``x`` is not in
        the span of the columns of ``B``.

    Examples
    --------
    >>> B = np.array([[2.0, -1.0], [1.0, 1.0]])  # basis vectors (2, 1) and (-1, 1)
    >>> coordinates(B, np.array([1.0, 3.0]))
    array([1.33333333, 1.66666667])
    >>> coordinates(np.array([[1.0], [0.0]]), np.array([0.0, 1.0])) is None
    True
    """
    # TODO: solve for c by least squares (np.linalg.lstsq works for square and tall B),
    #       then return c if the residual x - B @ c is at most tol * ||x||, else None.
    raise NotImplementedError


if __name__ == "__main__":
    B = np.array([[2.0, -1.0], [1.0, 1.0]])
    print("coordinates of (1, 3):", coordinates(B, np.array([1.0, 3.0])))
    plane = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])  # a plane in R^3
    print("(2, 3, 5) in the plane:", coordinates(plane, np.array([2.0, 3.0, 5.0])))
    print("(1, 1, 0) in the plane:", coordinates(plane, np.array([1.0, 1.0, 0.0])))
