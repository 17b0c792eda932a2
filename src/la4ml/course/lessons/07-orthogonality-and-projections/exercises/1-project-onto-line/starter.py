"""Exercise 7.1 — Project a vector onto a line, from the formula.

Write ``project_onto_line(b, a)``: the projection ``p`` of ``b`` onto the line through ``a`` and
the projection matrix ``P`` of that line. Then run this file to try it on a = (3, 1), b = (1, 2).
"""

import numpy as np


def project_onto_line(b, a):
    """Project ``b`` onto the line through ``a``.

    Parameters
    ----------
    b : array_like of shape (n,)
        The vector to project.
    a : array_like of shape (n,)
        A nonzero vector; the line is all multiples ``t * a``. Its length does not matter.

    Returns
    -------
    p : ndarray of shape (n,)
        ``(a @ b) / (a @ a) * a``: the point of the line closest to ``b``. The error ``b - p``
        is perpendicular to ``a``.
    P : ndarray of shape (n, n)
        ``np.outer(a, a) / (a @ a)``: symmetric, ``P @ P == P``, and ``P @ b == p`` for every ``b``.

    Raises
    ------
    ValueError
        If ``a`` is the zero vector (there is no line), or ``a`` and ``b`` have different lengths.

    Examples
    --------
    >>> p, P = project_onto_line(np.array([1.0, 2.0]), np.array([3.0, 1.0]))
    >>> p
    array([1.5, 0.5])
    >>> P
    array([[0.9, 0.3],
           [0.3, 0.1]])
    """
    # TODO: convert a and b to float arrays, check their lengths and that a is not zero,
    #       then compute p and P with the two formulas above.
    raise NotImplementedError


if __name__ == "__main__":
    a, b = np.array([3.0, 1.0]), np.array([1.0, 2.0])
    p, P = project_onto_line(b, a)
    print("p =", p, " e = b - p =", b - p, " eᵀa =", (b - p) @ a)
    print("P =\n", P, "\nP @ P == P:", np.allclose(P @ P, P))
