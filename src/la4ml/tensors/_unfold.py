"""Mode-n unfolding, folding and the mode-n product (Kolda and Bader, SIAM Review 2009)."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from la4ml._validation import as_float_array, check_matrix, describe
from la4ml.errors import InvalidParameterError, ShapeError

__all__ = ["unfold", "fold", "mode_product"]


def _check_tensor(T: Any, name: str) -> np.ndarray:
    arr = as_float_array(T, name)
    if arr.ndim < 2:
        raise ShapeError(
            f"{name} must be a tensor with at least 2 axes (an order-3 tensor has shape (I, J, K)), "
            f"got {describe(arr)}"
        )
    return arr


def _check_mode(mode: Any, ndim: int) -> int:
    if isinstance(mode, (bool, np.bool_)) or not isinstance(mode, numbers.Integral) or not 0 <= mode < ndim:
        raise InvalidParameterError(
            f"mode must be an integer from 0 to {ndim - 1} for a tensor with {ndim} axes, got {mode!r}; "
            "modes are numbered from 0 like NumPy axes (Kolda and Bader's mode 1 is mode=0 here)"
        )
    return int(mode)


def unfold(T: Any, mode: int) -> np.ndarray:
    """Mode-``mode`` unfolding (matricization) of a tensor, in Kolda and Bader's column order.

    The mode-``n`` fibers of ``T`` (the vectors obtained by fixing every index but the
    ``n``-th) become the columns of a matrix of shape ``(I_n, product of the other sizes)``.
    The columns are ordered as in Kolda and Bader (2009, §2.4): entry ``(i_0, …, i_{N-1})`` goes
    to row ``i_n`` and column ``Σ_{k≠n} i_k J_k`` with ``J_k = Π_{m<k, m≠n} I_m`` — the
    remaining indices in column-major order, the EARLIEST varying fastest. For an order-3 tensor
    of shape ``(I, J, K)``, ``unfold(T, 0)[i, j + k J] = T[i, j, k]``, so ``unfold(T, 0)`` is the
    frontal slices ``T[:, :, k]`` side by side.

    Parameters
    ----------
    T : array_like with ``ndim >= 2`` (typically an order-3 tensor of shape (I, J, K))
    mode : int
        The axis whose fibers become columns, from 0 (Kolda and Bader number it from 1).

    Returns
    -------
    ndarray of shape (T.shape[mode], T.size // T.shape[mode])

    Raises
    ------
    ShapeError
        If ``T`` has fewer than 2 axes.
    InvalidParameterError
        If ``mode`` is not an integer axis of ``T``.

    See Also
    --------
    fold : the inverse.
    mode_product : uses the unfolding.

    Examples
    --------
    Kolda and Bader's example (2009, §2.4): the 3 × 4 × 2 tensor holding 1, …, 24 with its
    frontal slices filled column by column.

    >>> import numpy as np
    >>> T = np.arange(1.0, 25.0).reshape(3, 4, 2, order="F")
    >>> unfold(T, 0)
    array([[ 1.,  4.,  7., 10., 13., 16., 19., 22.],
           [ 2.,  5.,  8., 11., 14., 17., 20., 23.],
           [ 3.,  6.,  9., 12., 15., 18., 21., 24.]])
    >>> unfold(T, 2)[1, :4]
    array([13., 14., 15., 16.])
    >>> np.array_equal(unfold(T, 1), np.hstack([T[:, :, 0].T, T[:, :, 1].T]))
    True
    """
    arr = _check_tensor(T, "T")
    n = _check_mode(mode, arr.ndim)
    return np.moveaxis(arr, n, 0).reshape(arr.shape[n], -1, order="F").copy()


def fold(M: Any, mode: int, shape: Any) -> np.ndarray:
    """Rebuild the tensor of shape ``shape`` whose mode-``mode`` unfolding is ``M``.

    Parameters
    ----------
    M : array_like of shape (shape[mode], product of the other sizes)
        A matrix, as returned by :func:`unfold`.
    mode : int
        The mode it was unfolded along, from 0.
    shape : tuple of ints
        The shape of the tensor (at least 2 axes).

    Returns
    -------
    ndarray of shape ``shape``
        ``T`` with ``unfold(T, mode) == M``.

    Raises
    ------
    ShapeError
        If ``M`` is not 2-D or does not have the shape the unfolding of ``shape`` has.
    InvalidParameterError
        If ``shape`` is not a tuple of at least two non-negative integers, or ``mode`` is not
        one of its axes.

    Examples
    --------
    >>> import numpy as np
    >>> T = np.arange(24.0).reshape(2, 3, 4)
    >>> all(np.array_equal(fold(unfold(T, n), n, T.shape), T) for n in range(3))
    True
    """
    arr = check_matrix(M, "M", allow_empty=True, finite=False)
    try:
        dims = tuple(int(s) for s in shape)
        ok = len(dims) >= 2 and all(d >= 0 and d == s for d, s in zip(dims, shape))
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise InvalidParameterError(
            f"shape must be a tuple of at least two non-negative integers, got {shape!r}; "
            "pass the shape of the tensor that was unfolded, e.g. shape=T.shape"
        )
    n = _check_mode(mode, len(dims))
    rest = dims[:n] + dims[n + 1:]
    want = (dims[n], int(np.prod(rest, dtype=np.int64)))
    if arr.shape != want:
        raise ShapeError(
            f"M must have shape {want} to fold along mode {n} into shape {dims}, got {describe(arr)}; "
            "pass the same mode and shape that unfold used"
        )
    full = arr.reshape((dims[n],) + rest, order="F")
    return np.moveaxis(full, 0, n).copy()


def mode_product(T: Any, M: Any, mode: int) -> np.ndarray:
    """The mode-``n`` product ``T ×_n M``: multiply every mode-``n`` fiber of ``T`` by ``M``.

    For ``M`` of shape ``(R, I_n)`` the result has the shape of ``T`` with ``I_n`` replaced by
    ``R``, and (Kolda and Bader 2009, §2.5)

    ``(T ×_n M)[i_0, …, r, …, i_{N-1}] = Σ_{i_n} T[i_0, …, i_n, …, i_{N-1}] M[r, i_n]``,

    computed as ``fold(M @ unfold(T, n), n, new_shape)``: unfolding turns the product into
    one matrix product, ``Y_(n) = M T_(n)``.

    Parameters
    ----------
    T : array_like with ``ndim >= 2`` (typically of shape (I, J, K))
    M : array_like of shape (R, T.shape[mode])
    mode : int
        The axis to multiply along, from 0.

    Returns
    -------
    ndarray
        ``T ×_mode M``.

    Raises
    ------
    ShapeError
        If ``M`` is not 2-D or ``M.shape[1] != T.shape[mode]``.
    InvalidParameterError
        If ``mode`` is not an axis of ``T``.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> T, M = rng.standard_normal((3, 4, 2)), rng.standard_normal((5, 4))
    >>> Y = mode_product(T, M, 1)
    >>> Y.shape
    (3, 5, 2)
    >>> np.allclose(Y, np.einsum("ijk,rj->irk", T, M))
    True
    """
    arr = _check_tensor(T, "T")
    n = _check_mode(mode, arr.ndim)
    Mat = check_matrix(M, "M", allow_empty=True)
    if Mat.shape[1] != arr.shape[n]:
        raise ShapeError(
            f"M must have {arr.shape[n]} columns to multiply mode {n} of T (T.shape = {arr.shape}), "
            f"got {describe(Mat)}; the product T ×_n M needs M of shape (R, T.shape[{n}])"
        )
    new_shape = arr.shape[:n] + (Mat.shape[0],) + arr.shape[n + 1:]
    return fold(Mat @ unfold(arr, n), n, new_shape)
