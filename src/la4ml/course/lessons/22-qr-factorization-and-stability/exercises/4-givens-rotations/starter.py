"""Exercise 22.4 — Givens rotations, and a QR factorization built from them.

Write ``givens_rotation(a, b)`` and ``givens_qr(A)``.
"""

import numpy as np


def givens_rotation(a, b):
    """Return ``(c, s, r)`` with ``[[c, s], [-s, c]] @ [a, b] == [r, 0]``.

    Parameters
    ----------
    a, b : float
        The two entries; ``b`` is the one to zero.

    Returns
    -------
    c, s : float
        ``c = a / r`` and ``s = b / r`` (``c = 1``, ``s = 0`` when ``a = b = 0``).
    r : float
        ``np.hypot(a, b)``, never negative.

    Examples
    --------
    >>> givens_rotation(3.0, 4.0)
    (0.6, 0.8, 5.0)
    """
    # TODO: r = np.hypot(a, b); handle r == 0; return a / r, b / r, r as floats.
    raise NotImplementedError


def givens_qr(A):
    """Factor ``A = Q R`` with Givens rotations (complete factors).

    Parameters
    ----------
    A : ndarray of shape (m, n)
        Any real matrix. Do not modify it.

    Returns
    -------
    Q : ndarray of shape (m, m)
        Orthogonal: the product of the transposed rotations.
    R : ndarray of shape (m, n)
        Upper triangular (exact zeros below the diagonal), ``Q @ R == A`` to rounding.

    Notes
    -----
    For ``j in range(min(m - 1, n))`` and ``i`` from ``m - 1`` down to ``j + 1``: take
    ``c, s, r = givens_rotation(R[i - 1, j], R[i, j])`` and ``G = [[c, s], [-s, c]]``; set rows
    ``i - 1, i`` of ``R`` to ``G @`` those rows, and columns ``i - 1, i`` of ``Q`` to those
    columns ``@ G.T``.

    Examples
    --------
    >>> Q, R = givens_qr(np.array([[3.0, 1.0], [4.0, 2.0]]))
    >>> R
    array([[5. , 2.2],
           [0. , 0.4]])
    """
    # TODO: start from R = A.copy() and Q = np.eye(m); rotate neighbouring rows bottom-up.
    raise NotImplementedError


if __name__ == "__main__":
    print("givens_rotation(3, 4) =", givens_rotation(3.0, 4.0))
    A = np.array([[3.0, 1.0], [4.0, 2.0]])
    Q, R = givens_qr(A)
    print("Q =\n", Q, "\nR =\n", R, "\nQ R == A:", np.allclose(Q @ R, A))
