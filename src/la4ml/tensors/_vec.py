"""Column-major vectorization of a matrix and its inverse."""

from __future__ import annotations

from typing import Any

import numpy as np

from la4ml._validation import as_float_array, describe
from la4ml.errors import InvalidParameterError, ShapeError

__all__ = ["vec", "unvec"]


def vec(X: Any) -> np.ndarray:
    """Stack the columns of a matrix into one vector (column-major order).

    ``vec(X)`` lists ``X[:, 0]``, then ``X[:, 1]``, and so on: entry ``X[i, j]`` of an
    ``(m, n)`` matrix lands at position ``i + j * m``. This is the convention of the identity
    ``vec(A X B) = (Bᵀ ⊗ A) vec(X)``; NumPy's default ``X.ravel()`` is row-major and does not
    satisfy it.

    Parameters
    ----------
    X : array_like of shape (m, n)
        The matrix.

    Returns
    -------
    ndarray of shape (m * n,)
        The columns of ``X`` one after another (a new array, never a view of ``X``).

    Raises
    ------
    ShapeError
        If ``X`` is not 2-D.

    See Also
    --------
    unvec : the inverse.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 2.0], [3.0, 4.0]])
    >>> vec(X)
    array([1., 3., 2., 4.])
    >>> np.array_equal(vec(X), X.flatten(order="F"))
    True
    """
    arr = as_float_array(X, "X")
    if arr.ndim != 2:
        raise ShapeError(
            f"X must be a 2-D matrix, got {describe(arr)}; vec stacks the columns of a matrix "
            "(reshape a vector with x.reshape(-1, 1) first)"
        )
    return arr.flatten(order="F")


def unvec(v: Any, shape: Any) -> np.ndarray:
    """Rebuild the matrix whose column-major ``vec`` is ``v``.

    Parameters
    ----------
    v : array_like of shape (m * n,)
        A vector, as returned by :func:`vec`.
    shape : tuple of two ints (m, n)
        The shape of the matrix to rebuild.

    Returns
    -------
    ndarray of shape (m, n)
        ``X`` with ``X[i, j] = v[i + j * m]`` (a new array).

    Raises
    ------
    ShapeError
        If ``v`` is not 1-D or its length is not ``m * n``.
    InvalidParameterError
        If ``shape`` is not two non-negative integers.

    Examples
    --------
    >>> import numpy as np
    >>> unvec(np.array([1.0, 3.0, 2.0, 4.0]), (2, 2))
    array([[1., 2.],
           [3., 4.]])
    >>> X = np.arange(6.0).reshape(2, 3)
    >>> np.array_equal(unvec(X.flatten(order="F"), (2, 3)), X)
    True
    """
    arr = as_float_array(v, "v")
    if arr.ndim != 1:
        raise ShapeError(f"v must be a 1-D vector, got {describe(arr)}; flatten it with np.ravel(v, order='F')")
    try:
        dims = tuple(int(s) for s in shape)
        ok = len(dims) == 2 and all(d >= 0 and d == s for d, s in zip(dims, shape))
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise InvalidParameterError(
            f"shape must be a pair of non-negative integers (m, n), got {shape!r}; pass e.g. shape=(3, 4)"
        )
    m, n = dims
    if arr.shape[0] != m * n:
        raise ShapeError(
            f"v has length {arr.shape[0]} but shape={dims} needs m * n = {m * n} entries; "
            "pass the shape of the matrix that v was made from"
        )
    return arr.reshape((m, n), order="F").copy()
