"""Forward and back substitution: solve a triangular system one unknown at a time."""

from __future__ import annotations

import numpy as np

from la4ml._validation import as_float_array, check_matrix, check_no_overflow, describe, scale_of, unscale
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
    _check_pivots(T, name)
    dtype = np.result_type(T.dtype, b.dtype)
    return T.astype(dtype, copy=False), b.astype(dtype, copy=False)


def _check_pivots(T: np.ndarray, name: str, *, what: str = "") -> None:
    """Refuse a diagonal entry that is zero, or zero to working precision, before dividing by it.

    ``|T[k, k]| <= n * eps * max|T|`` gives ``cond(T) >= max|T| / |T[k, k]| >= 1 / (n * eps)``:
    ``T`` is singular to working precision, the rank :func:`~la4ml.spaces.numerical_rank` would
    give is below ``n``, and the solution has no reliable digit. A subnormal diagonal entry (below
    the smallest normal float, 2.2e-308 for float64) has lost digits itself and its reciprocal
    overflows, so it is refused whatever the scale of the rest.
    """
    n = T.shape[0]
    if n == 0:
        return
    d = np.abs(np.diag(T))
    info = np.finfo(T.dtype)
    tol = n * float(info.eps) * float(np.max(np.abs(T)))
    bad = np.flatnonzero((d <= tol) | (d < info.tiny))
    if not bad.size:
        return
    k = int(bad[np.argmin(d[bad])])
    who = what or name
    if d[k] == 0:
        raise SingularMatrixError(
            f"{who} is singular: its diagonal entry {name}[{k}, {k}] is 0, so unknown {k} cannot be solved for"
        )
    if d[k] < info.tiny:
        why = (f"subnormal (below {info.tiny:.3g}, the smallest normal {T.dtype}): it has lost digits and "
               f"dividing by it overflows; rescale the system (multiply {name} and b by a common factor)")
    else:
        why = (f"at most {n} * eps * max|{name}| = {tol:.3g}, so cond({name}) >= "
               f"{float(np.max(np.abs(T))) / d[k]:.3g} and the solution would have no reliable digit; regularize "
               "the problem (add a small multiple of the identity to the matrix it came from) or drop dependent "
               "columns")
    raise SingularMatrixError(
        f"{who} is singular to working precision: its diagonal entry {name}[{k}, {k}] = {T[k, k]!s} is {why}"
    )


def _substitute(T: np.ndarray, b: np.ndarray, order, name: str) -> np.ndarray:
    """The substitution loop, on ``T / sT`` and ``b / sb`` (exact rescalings by powers of two), scaled back.

    Rescaling keeps the running sums of entries near 1e308 from overflowing midway; a solution
    that is itself beyond the largest float raises :class:`NumericOverflowError`.
    """
    sT, sb = scale_of(T), scale_of(b)
    Ts, bs = T / sT, b / sb
    x = np.zeros_like(bs)
    with np.errstate(over="ignore", invalid="ignore"):
        for i, rest in order:
            x[i] = (bs[i] - Ts[i, rest] @ x[rest]) / Ts[i, i]
    x = unscale(x, sb, 1.0 / sT)
    return check_no_overflow(x, "the solution x", hint=f"its entries exceed the float range: rescale b (or {name})")


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
        A diagonal entry of ``L`` is zero, or zero to working precision: ``|L[k, k]| <= n·eps·max|L|``
        (then ``cond(L) >= 1/(n·eps)``), or subnormal.
    NumericOverflowError
        The solution's entries exceed the largest float (the input is finite, the answer is not).

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
    return _substitute(L, b, ((i, slice(0, i)) for i in range(L.shape[0])), "L")


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
        A diagonal entry of ``U`` is zero, or zero to working precision: ``|U[k, k]| <= n·eps·max|U|``
        (then ``cond(U) >= 1/(n·eps)``), or subnormal.
    NumericOverflowError
        The solution's entries exceed the largest float (the input is finite, the answer is not).

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
    return _substitute(U, b, ((i, slice(i + 1, None)) for i in range(U.shape[0] - 1, -1, -1)), "U")
