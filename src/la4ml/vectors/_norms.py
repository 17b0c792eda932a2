"""Vector norms (L1, L2, Lp, L-infinity) and matrix norms (Frobenius, 1, 2, infinity, nuclear)."""

from __future__ import annotations

from typing import Any

import numpy as np

from la4ml._validation import check_matrix, check_no_overflow, scale_of
from la4ml.errors import DTypeError, OutOfRangeError
from la4ml.vectors._checks import check_p, vector

__all__ = ["norm", "matrix_norm"]


def norm(x: Any, ord: float = 2) -> float:
    r"""The p-norm of a vector: L1, L2 (Euclidean), Lp for any real p >= 1, or L-infinity.

    Parameters
    ----------
    x : array_like of shape (n,)
        The vector (a column of shape ``(n, 1)`` is accepted).
    ord : {1, 2, np.inf} or float >= 1, default 2
        Which norm: ``1`` sums absolute values, ``2`` is the length, ``np.inf`` is the
        largest absolute entry, any real ``p >= 1`` gives the Minkowski p-norm.

    Returns
    -------
    float
        :math:`\|x\|_p`.

    Raises
    ------
    OutOfRangeError
        If ``ord < 1``: such a "norm" has a non-convex unit ball and breaks the triangle inequality.
    ShapeError, EmptyInputError, NonFiniteError, DTypeError
        If ``x`` is not a non-empty finite real vector (use :func:`matrix_norm` for a matrix).
    NumericOverflowError
        If the norm itself exceeds the largest float (entries near 1e308 do not, on their own).

    Notes
    -----
    :math:`\|x\|_p = (\sum_i |x_i|^p)^{1/p}` and :math:`\|x\|_\infty = \max_i |x_i|`, the limit
    as :math:`p \to \infty`. The sum is taken after dividing by :math:`s = \max_i |x_i|`
    (:math:`\|x\|_p = s\,\|x/s\|_p`), so that squaring ``1e200`` does not overflow and squaring
    ``1e-200`` does not underflow to zero: the guard of the Level 1 BLAS routine ``dnrm2``, which
    rescales by a running maximum (by Blue's scaled sums in the reference BLAS since 2021).

    References
    ----------
    .. [1] G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., §2.2, 2013.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([3.0, -4.0])
    >>> norm(x), norm(x, 1), norm(x, np.inf)
    (5.0, 7.0, 4.0)
    >>> np.isclose(norm(x, 3), np.linalg.norm(x, 3))
    np.True_
    """
    p = check_p(ord, "ord")
    x = vector(x, "x")
    a = np.abs(x)
    s = a.max()
    if s == 0 or p == np.inf:
        return float(s)
    a = a / s  # every entry now in [0, 1]: no overflow, no harmful underflow
    if p == 1:
        r = a.sum()
    elif p == 2:
        r = np.sqrt(a @ a)
    else:
        r = np.sum(a**p) ** (1.0 / p)
    with np.errstate(over="ignore"):
        return float(check_no_overflow(s * r, "the norm of x"))


_MATRIX_ORDS = "'fro', 'nuc', 1, 2 or np.inf"


def matrix_norm(A: Any, ord: str | float = "fro") -> float:
    r"""A norm of a matrix: Frobenius, nuclear, or the operator norm induced by L1, L2 or L-infinity.

    Parameters
    ----------
    A : array_like of shape (m, n)
        The matrix.
    ord : {'fro', 'nuc', 1, 2, np.inf}, default 'fro'
        ``'fro'``: square root of the sum of squared entries. ``'nuc'``: sum of singular values.
        ``1``: largest column sum of absolute values. ``np.inf``: largest row sum.
        ``2``: largest singular value (the spectral norm).

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``ord`` is not one of the five (an entrywise p-norm is ``norm(A.ravel(), p)``).
    ShapeError, EmptyInputError, NonFiniteError, DTypeError
        If ``A`` is not a non-empty finite real 2-D matrix.

    Notes
    -----
    :math:`\|A\|_F = \sqrt{\sum_{ij} a_{ij}^2} = \sqrt{\sum_i \sigma_i^2}` treats the matrix as a
    long vector. The induced norm :math:`\|A\|_p = \max_{x \ne 0} \|Ax\|_p / \|x\|_p` is the most
    ``A`` can stretch a vector; for ``p = 1`` and ``p = inf`` the maximum has the closed forms
    above, for ``p = 2`` it is :math:`\sigma_1`, found here from NumPy's SVD.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1.0, -2.0], [3.0, 4.0]])
    >>> matrix_norm(A, 1), matrix_norm(A, np.inf)
    (6.0, 7.0)
    >>> all(np.isclose(matrix_norm(A, o), np.linalg.norm(A, o)) for o in ["fro", "nuc", 1, 2, np.inf])
    True
    """
    if isinstance(ord, (bool, np.bool_, np.ndarray, list, tuple)) or not (
        (isinstance(ord, str) and ord in ("fro", "nuc")) or (not isinstance(ord, str) and ord in (1, 2, np.inf))
    ):
        hint = ""
        if isinstance(ord, (int, float)) and not isinstance(ord, bool):
            hint = f"; for the entrywise {ord}-norm use norm(A.ravel(), {ord})"
        exc = DTypeError if not isinstance(ord, (str, int, float)) else OutOfRangeError
        raise exc(f"ord must be one of {_MATRIX_ORDS}, got {ord!r}{hint}")
    A = check_matrix(A, "A")
    if ord == "fro":
        return norm(A.ravel(), 2)
    scale = scale_of(A)  # the sums and the SVD run on A / scale (exact): no overflow near the largest float
    A = A / scale
    if ord == 1:
        r = np.abs(A).sum(axis=0).max()  # largest column sum
    elif ord == np.inf:
        r = np.abs(A).sum(axis=1).max()  # largest row sum
    else:
        s = np.linalg.svd(A, compute_uv=False)  # (min(m, n),) singular values, largest first
        r = s[0] if ord == 2 else s.sum()
    with np.errstate(over="ignore"):
        return float(check_no_overflow(scale * r, f"the {ord!r}-norm of A"))
