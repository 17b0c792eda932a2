"""Exercise 10.1 — Eigenvalues of a 2 × 2 matrix from its characteristic polynomial.

Write ``eigenvalues_2x2(A)``: the roots of λ² - tr(A) λ + det(A), computed by hand (no
np.linalg.eig), real or complex, in a numerically careful way.
"""

import numpy as np


def eigenvalues_2x2(A):
    """The two eigenvalues of a real 2 × 2 matrix, from its characteristic polynomial.

    Parameters
    ----------
    A : ndarray of shape (2, 2)
        A real matrix ``[[a, b], [c, d]]``. Do not modify it.

    Returns
    -------
    eigenvalues : ndarray of shape (2,)
        The roots of ``λ² - (a + d) λ + (ad - bc)``. Real roots: a float64 array sorted from
        largest to smallest. Complex roots ``re ± i·im``: a complex128 array
        ``[re + i·im, re - i·im]`` with ``im > 0``.

    Notes
    -----
    - The discriminant ``(a + d)² - 4(ad - bc)`` equals ``(a - d)² + 4bc``; use the second form,
      which is never negative for a symmetric matrix (``b = c``), even after rounding.
    - The root of larger magnitude is ``(tr + sign(tr)·√disc) / 2`` (no cancellation); the other
      is ``det / that root`` (the product of the roots is ``det``), or 0 when that root is 0.

    Do not call ``np.linalg.eig``, ``np.linalg.eigvals`` or ``np.roots``.

    Examples
    --------
    >>> eigenvalues_2x2(np.array([[4.0, 1.0], [2.0, 3.0]]))
    array([5., 2.])
    >>> eigenvalues_2x2(np.array([[0.0, -1.0], [1.0, 0.0]]))
    array([0.+1.j, 0.-1.j])
    """
    # TODO: (a, b), (c, d) = A; trace, determinant and discriminant (a - d)² + 4bc;
    #       a complex pair if the discriminant is negative, otherwise the two real roots
    #       (the larger-magnitude one by the formula, the other as det / it), largest first.
    raise NotImplementedError


if __name__ == "__main__":
    for M in ([[4.0, 1.0], [2.0, 3.0]], [[0.0, -1.0], [1.0, 0.0]], [[1e8, 1.0], [0.0, 1e-8]]):
        M = np.array(M)
        print(M.tolist(), "->", eigenvalues_2x2(M), "  np.linalg.eigvals:", np.linalg.eigvals(M))
