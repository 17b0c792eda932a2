"""The Cholesky factorization A = L Lᵀ, built column by column, and solving with it."""

from __future__ import annotations

import numpy as np

from la4ml._validation import check_bool, check_matrix
from la4ml.errors import NotPositiveDefiniteError
from la4ml.factorizations._triangular import _check_pivots, back_substitution, forward_substitution

__all__ = ["cholesky", "cholesky_solve", "solve_spd"]


def cholesky(A, *, lower=True, check_symmetric=True):
    """Factor a symmetric positive definite matrix as ``A = L Lᵀ`` (from scratch).

    Parameters
    ----------
    A : array_like of shape (n, n)
        Symmetric positive definite. ``float32`` input gives a ``float32`` factor; every other
        real dtype gives ``float64``.
    lower : bool, default True
        Return the lower factor ``L`` (``A = L @ L.T``); with ``False`` return the upper factor
        ``U = L.T`` (``A = U.T @ U``), as ``scipy.linalg.cholesky`` does by default.
    check_symmetric : bool, default True
        Raise :class:`~la4ml.errors.NotSymmetricError` if ``A`` is not symmetric. With ``False``
        only the lower triangle of ``A`` is read, as LAPACK does.

    Returns
    -------
    L : ndarray of shape (n, n)
        Lower triangular with a positive diagonal (or its transpose when ``lower=False``).

    Raises
    ------
    NotPositiveDefiniteError
        A pivot is not positive: the message names the pivot, its value and the leading
        principal minor it belongs to. Subclasses ``numpy.linalg.LinAlgError``. The exception
        carries ``pivot_index`` (1-based), ``pivot`` and ``leading_minor``.
    ShapeError, NotSquareError, NotSymmetricError, NonFiniteError, EmptyInputError, DTypeError
        Bad input (see :func:`la4ml._validation.check_matrix`).

    Notes
    -----
    Column ``j`` of ``A = L Lᵀ`` read at and below the diagonal gives

    - the pivot ``d_j = A[j, j] - L[j, :j] @ L[j, :j]`` and ``L[j, j] = sqrt(d_j)``;
    - ``L[j+1:, j] = (A[j+1:, j] - L[j+1:, :j] @ L[j, :j]) / L[j, j]``.

    ``A`` is positive definite exactly when every pivot is positive, and the product
    ``d_1 ⋯ d_k`` is the ``k``-th leading principal minor ``det A[:k, :k]``. The cost is about
    ``n³/3`` flops, half of LU. A pivot at or below ``n·eps·A[j, j]`` is zero to working
    precision (rounding in the subtraction is of that size), so it is rejected too: LAPACK's
    ``potrf`` stops only at a pivot ``≤ 0`` and may return a meaningless factor of a singular
    matrix.

    References
    ----------
    G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., Johns Hopkins University
    Press, 2013, §4.2.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[4.0, 2.0], [2.0, 3.0]])
    >>> L = cholesky(A)
    >>> L
    array([[2.        , 0.        ],
           [1.        , 1.41421356]])
    >>> np.allclose(L, np.linalg.cholesky(A))
    True
    """
    lower = check_bool(lower, "lower")
    check_symmetric = check_bool(check_symmetric, "check_symmetric")
    A = check_matrix(A, "A", square=True, symmetric=check_symmetric)
    n = A.shape[0]
    L = np.zeros_like(A)  # float32 stays float32
    rounding = n * np.finfo(A.dtype).eps
    for j in range(n):  # column j of L, left to right
        pivot = A[j, j] - L[j, :j] @ L[j, :j]
        if not pivot > rounding * A[j, j]:  # not positive (or zero to rounding, or NaN)
            _raise_not_pd(L, j, pivot, zero_to_rounding=pivot > 0)
        L[j, j] = np.sqrt(pivot)
        L[j + 1:, j] = (A[j + 1:, j] - L[j + 1:, :j] @ L[j, :j]) / L[j, j]
    return L if lower else np.ascontiguousarray(L.T)


def _raise_not_pd(L: np.ndarray, j: int, pivot, *, zero_to_rounding: bool) -> None:
    earlier = np.diag(L)[:j].astype(np.float64) ** 2  # the pivots before j were L[i, i]²
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        minor = float(np.prod(earlier) * pivot)
    k = j + 1
    if np.isfinite(minor) or not np.isfinite(float(pivot)):
        shown = f"{minor:.6g}"
    else:  # the product of the pivots of a matrix near 1e308 overflows: give its order of magnitude
        logs = np.sum(np.log10(earlier)) + np.log10(abs(float(pivot))) if pivot != 0 else -np.inf
        shown = f"{'-' if pivot < 0 else ''}1e{logs:.0f} (about)"
    what = f"pivot {k} is {float(pivot):.6g}"
    if zero_to_rounding:
        what += " (zero to working precision: A is singular or nearly so)"
    err = NotPositiveDefiniteError(
        f"A is not positive definite: {what}, so leading minor {k} is {shown}; "
        "add a small multiple of the identity (jitter) or check the data for duplicated columns "
        "(or, for a kernel matrix, duplicated samples)"
    )
    err.pivot_index, err.pivot, err.leading_minor = k, float(pivot), minor
    raise err


def cholesky_solve(L, b):
    """Solve ``A x = b`` given the Cholesky factor ``L`` of ``A`` (``A = L Lᵀ``).

    Parameters
    ----------
    L : array_like of shape (n, n)
        Lower-triangular Cholesky factor, as returned by :func:`cholesky`.
    b : array_like of shape (n,) or (n, k)

    Returns
    -------
    x : ndarray of shape (n,) or (n, k)

    Notes
    -----
    Two triangular solves, about ``2n²`` flops: ``L y = b`` by forward substitution, then
    ``Lᵀ x = y`` by back substitution. Factor once, solve for many right-hand sides.

    Examples
    --------
    >>> import numpy as np, scipy.linalg
    >>> A = np.array([[4.0, 2.0], [2.0, 3.0]])
    >>> b = np.array([2.0, 1.0])
    >>> x = cholesky_solve(cholesky(A), b)
    >>> np.allclose(x, scipy.linalg.cho_solve(scipy.linalg.cho_factor(A), b))
    True
    """
    y = forward_substitution(L, b)
    return back_substitution(np.asarray(L).T, y)


def solve_spd(A, b):
    """Solve ``A x = b`` for a symmetric positive definite ``A`` by Cholesky.

    Parameters
    ----------
    A : array_like of shape (n, n)
        Symmetric positive definite.
    b : array_like of shape (n,) or (n, k)

    Returns
    -------
    x : ndarray of shape (n,) or (n, k)

    Raises
    ------
    NotPositiveDefiniteError
        ``A`` is not positive definite (see :func:`cholesky`).
    SingularMatrixError
        ``A`` is singular to working precision: a diagonal entry of its factor ``L`` is at most
        ``n·eps·max|L|``, or subnormal (as for :func:`forward_substitution`).
    NumericOverflowError
        The solution exceeds the largest float (``A`` tiny, ``b`` not).

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[4.0, 1.0], [1.0, 3.0]])
    >>> b = np.array([1.0, 2.0])
    >>> np.allclose(solve_spd(A, b), np.linalg.solve(A, b))
    True
    """
    L = cholesky(A)
    _check_pivots(L, "L", what="A (its Cholesky factor L)")
    return cholesky_solve(L, b)
