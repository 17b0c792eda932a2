"""Forward and back substitution: solve a triangular system one unknown at a time."""

from __future__ import annotations

import numpy as np

from la4ml._validation import as_float_array, check_matrix, describe
from la4ml.errors import NonFiniteError, ShapeError, SingularMatrixError

__all__ = ["forward_substitution", "back_substitution"]


def _check_triangular_system(T, b, *, lower: bool, name: str):
    """Validate a triangular matrix and a right-hand side; return both in a common float dtype."""
    T = check_matrix(T, name, square=True)
    n = T.shape[0]
    off = np.triu(T, k=1) if lower else np.tril(T, k=-1)
    if np.any(off):
        i, j = np.unravel_index(int(np.argmax(np.abs(off))), off.shape)
        which, other, fn = ("lower", "upper", "back_substitution") if lower else ("upper", "lower", "forward_substitution")
        raise ShapeError(
            f"{name} must be {which} triangular, but {name}[{i}, {j}] = {T[i, j]:.6g} lies in the {other} "
            f"triangle; pass the {which} factor, or use {fn} for an {other}-triangular matrix"
        )
    b = as_float_array(b, "b")
    if b.ndim not in (1, 2) or b.shape[0] != n:
        raise ShapeError(f"b must have shape ({n},) or ({n}, k) to match {name} of shape {T.shape}, got {describe(b)}")
    if b.size and not np.isfinite(b).all():
        raise NonFiniteError(f"b must contain only finite numbers, got {describe(b)} with NaN or infinity")
    zero = np.flatnonzero(np.diag(T) == 0)
    if zero.size:
        k = int(zero[0])
        raise SingularMatrixError(
            f"{name} is singular: its diagonal entry {name}[{k}, {k}] is 0, so unknown {k} cannot be solved for"
        )
    dtype = np.result_type(T.dtype, b.dtype)
    return T.astype(dtype, copy=False), b.astype(dtype, copy=False)


def forward_substitution(L, b):
    """Solve ``L x = b`` for a lower-triangular ``L``, first unknown first.

    Parameters
    ----------
    L : array_like of shape (n, n)
        Lower-triangular with a nonzero diagonal (entries above the diagonal must be zero).
    b : array_like of shape (n,) or (n, k)
        Right-hand side; with ``k`` columns, ``k`` systems are solved at once.

    Returns
    -------
    x : ndarray of shape (n,) or (n, k)
        The solution, in ``float32`` only when both inputs are ``float32``.

    Raises
    ------
    ShapeError
        ``L`` is not square or not lower triangular, or ``b`` does not match it.
    SingularMatrixError
        A diagonal entry of ``L`` is zero.

    Notes
    -----
    Row ``i`` of ``L x = b`` reads ``L[i, :i] @ x[:i] + L[i, i] * x[i] = b[i]``; the unknowns
    ``x[:i]`` are already known, so ``x[i] = (b[i] - L[i, :i] @ x[:i]) / L[i, i]``. That is
    ``n`` dot products, about ``n²`` flops in all.

    Examples
    --------
    >>> import numpy as np, scipy.linalg
    >>> L = np.array([[2.0, 0.0], [1.0, 3.0]])
    >>> b = np.array([4.0, 11.0])
    >>> x = forward_substitution(L, b)
    >>> x
    array([2., 3.])
    >>> np.allclose(x, scipy.linalg.solve_triangular(L, b, lower=True))
    True
    """
    L, b = _check_triangular_system(L, b, lower=True, name="L")
    x = np.zeros_like(b)
    for i in range(L.shape[0]):
        x[i] = (b[i] - L[i, :i] @ x[:i]) / L[i, i]
    return x


def back_substitution(U, b):
    """Solve ``U x = b`` for an upper-triangular ``U``, last unknown first.

    Parameters
    ----------
    U : array_like of shape (n, n)
        Upper-triangular with a nonzero diagonal (entries below the diagonal must be zero).
    b : array_like of shape (n,) or (n, k)
        Right-hand side; with ``k`` columns, ``k`` systems are solved at once.

    Returns
    -------
    x : ndarray of shape (n,) or (n, k)

    Raises
    ------
    ShapeError
        ``U`` is not square or not upper triangular, or ``b`` does not match it.
    SingularMatrixError
        A diagonal entry of ``U`` is zero.

    Notes
    -----
    The mirror image of :func:`forward_substitution`:
    ``x[i] = (b[i] - U[i, i+1:] @ x[i+1:]) / U[i, i]`` for ``i = n-1, ..., 0``.

    Examples
    --------
    >>> import numpy as np, scipy.linalg
    >>> U = np.array([[2.0, 1.0], [0.0, 3.0]])
    >>> b = np.array([7.0, 9.0])
    >>> x = back_substitution(U, b)
    >>> x
    array([2., 3.])
    >>> np.allclose(x, scipy.linalg.solve_triangular(U, b, lower=False))
    True
    """
    U, b = _check_triangular_system(U, b, lower=False, name="U")
    x = np.zeros_like(b)
    for i in range(U.shape[0] - 1, -1, -1):
        x[i] = (b[i] - U[i, i + 1:] @ x[i + 1:]) / U[i, i]
    return x
