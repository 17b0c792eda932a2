"""Exercise 8.2 — Solve A x = b from its LU factors, by forward and back substitution.

Write ``solve_lu(P, L, U, b)`` for ``A = P @ L @ U``: reorder ``b``, solve with ``L`` top-down and
with ``U`` bottom-up. Compare with ``np.linalg.solve`` afterwards.
"""

import numpy as np


def solve_lu(P, L, U, b):
    """Solve ``A x = b`` given ``A = P @ L @ U``, by forward then back substitution.

    Parameters
    ----------
    P : ndarray of shape (n, n)
        Permutation matrix (``A = P @ L @ U``, SciPy's convention).
    L : ndarray of shape (n, n)
        Unit lower triangular.
    U : ndarray of shape (n, n)
        Upper triangular.
    b : ndarray of shape (n,) or (n, k)
        One right-hand side, or ``k`` of them as the columns of a matrix.

    Returns
    -------
    x : ndarray of the shape of ``b``
        The solution: ``A @ x`` equals ``b`` up to rounding.

    Raises
    ------
    numpy.linalg.LinAlgError
        If a pivot is zero to working precision, ``|U[i, i]| <= n * eps * max|U|``; the message
        names the first such pivot as ``U[i, i]``.

    Notes
    -----
    ``A x = b`` is ``P L U x = b``, and ``P`` is orthogonal, so ``L (U x) = P.T @ b``:

    1. ``y = P.T @ b`` (this only reorders ``b``);
    2. forward substitution, ``i = 0, 1, ..., n-1``: ``z[i] = (y[i] - L[i, :i] @ z[:i]) / L[i, i]``;
    3. back substitution, ``i = n-1, ..., 1, 0``: ``x[i] = (z[i] - U[i, i+1:] @ x[i+1:]) / U[i, i]``.

    With ``b`` of shape ``(n, k)`` the same lines solve all ``k`` systems at once (``z[i]`` is then a
    row). Do not call ``np.linalg.solve``, ``np.linalg.inv``, ``scipy.linalg.solve_triangular``,
    ``scipy.linalg.lu_solve`` or any other library solver.

    Examples
    --------
    >>> import scipy.linalg
    >>> A = np.array([[2.0, 1.0], [1.0, 3.0]])
    >>> solve_lu(*scipy.linalg.lu(A), np.array([3.0, 4.0]))
    array([1., 1.])
    """
    # TODO: check the pivots first (raise np.linalg.LinAlgError naming U[i, i]);
    #       then y = P.T @ b, the forward loop for z, and the backward loop for x.
    raise NotImplementedError


if __name__ == "__main__":
    import scipy.linalg

    A = np.array([[2.0, 1.0, 1.0], [4.0, -6.0, 0.0], [-2.0, 7.0, 2.0]])
    b = np.array([5.0, -2.0, 9.0])
    x = solve_lu(*scipy.linalg.lu(A), b)
    print("x =", x, "  np.linalg.solve:", np.linalg.solve(A, b))
