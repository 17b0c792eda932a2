"""Reduced row echelon form by Gauss–Jordan elimination, for teaching."""

from __future__ import annotations

from typing import Any

import numpy as np

from la4ml._validation import check_matrix
from la4ml.spaces._checks import check_tol

__all__ = ["rref"]


def rref(A: Any, tol: float | None = None) -> tuple[np.ndarray, tuple[int, ...]]:
    r"""The reduced row echelon form of ``A`` and its pivot columns.

    Parameters
    ----------
    A : array_like of shape (m, n)
    tol : float >= 0, optional
        Entries with ``|a| <= tol`` count as zero when choosing pivots. Default
        ``max(m, n) * eps * max|A|``.

    Returns
    -------
    R : ndarray of shape (m, n)
        Each nonzero row starts with a 1 (its pivot), every pivot is the only nonzero entry of
        its column, and zero rows come last.
    pivots : tuple of int
        The pivot columns, as :meth:`sympy.Matrix.rref` returns them. Their number is the rank;
        the pivot columns of ``A`` are its earliest basis (the ``'greedy'`` :func:`column_basis`).

    Notes
    -----
    Gauss–Jordan elimination, one column at a time: pick the largest entry (in absolute value)
    at or below the current row as the pivot (*partial pivoting*: dividing by a tiny pivot would
    amplify rounding), swap it up, scale its row to make it 1, and subtract multiples of that
    row from every other row to clear the column. The RREF is unique, so the row swaps do not
    change the answer. For teaching: it shows span, pivots and free variables, but deciding
    "is this entry zero?" with a threshold is fragile; numerical work uses the SVD
    (:func:`numerical_rank`) or pivoted QR instead.

    References
    ----------
    .. [1] G. Strang, *Introduction to Linear Algebra*, 5th ed., §3.3, 2016.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])
    >>> R, pivots = rref(A)
    >>> R + 0.0  # + 0.0 turns any -0.0 into 0.0 for printing
    array([[ 1.,  0., -1.],
           [ 0.,  1.,  2.],
           [ 0.,  0.,  0.]])
    >>> pivots
    (0, 1)
    >>> len(pivots) == np.linalg.matrix_rank(A)
    np.True_
    """
    tol = check_tol(tol)
    R = check_matrix(A, "A").astype(np.float64)  # a copy: A is never modified
    m, n = R.shape
    if tol is None:
        tol = max(m, n) * np.finfo(np.float64).eps * np.abs(R).max()
    pivots = []
    row = 0
    for col in range(n):
        if row == m:
            break
        p = row + int(np.argmax(np.abs(R[row:, col])))  # partial pivoting: largest candidate
        if abs(R[p, col]) <= tol:
            R[row:, col] = 0.0  # no pivot in this column: a free variable
            continue
        R[[row, p]] = R[[p, row]]  # swap the pivot row up
        R[row] /= R[row, col]  # scale the pivot to 1
        others = np.arange(m) != row
        R[others] -= np.outer(R[others, col], R[row])  # clear the column above and below
        R[others, col] = 0.0  # exactly, not just up to rounding
        pivots.append(col)
        row += 1
    return R, tuple(pivots)
