"""Orthonormal Krylov bases: Arnoldi (any square A) and Lanczos (symmetric A)."""

from __future__ import annotations

import math
import numbers

import numpy as np
from scipy.sparse.linalg import aslinearoperator

from la4ml._validation import as_float_array, check_scalar, describe, scale_of
from la4ml.errors import NonFiniteError, NumericOverflowError, ShapeError, ZeroVectorError
from la4ml.krylov._system import _matrix_entries, _operator

__all__ = ["arnoldi", "lanczos"]


def _start(A, v, m, name):
    op = _operator(A, "A")
    if op.shape[0] != op.shape[1]:
        raise ShapeError(f"{name}: A must be square, got shape {op.shape}")
    n = op.shape[0]
    v = as_float_array(v, "v")
    if v.shape != (n,):
        raise ShapeError(f"{name}: v must have shape ({n},) to match A, got {describe(v)}")
    if not np.isfinite(v).all():
        i = int(np.flatnonzero(~np.isfinite(v))[0])
        raise NonFiniteError(f"{name}: v must contain only finite numbers, got {v[i]} at index {i} (in {describe(v)}); "
                             "pass a finite start vector (np.ones(n) or a random one)")
    check_scalar(m, "m", kind=numbers.Integral, min_val=1)
    info = np.finfo(v.dtype)
    top_v = float(np.max(np.abs(v)))
    # ||v|| in units of max|v| (a power of two, exact) where its squares would over- or underflow
    s_v = 1.0 if math.sqrt(float(info.tiny)) <= top_v <= math.sqrt(float(info.max) / n) else scale_of(v)
    norm_v = np.linalg.norm(v / v.dtype.type(s_v)) if s_v != 1.0 else np.linalg.norm(v)
    if norm_v == 0:
        raise ZeroVectorError(f"{name}: v is the zero vector, which spans no Krylov space; pass a nonzero start vector")
    dtype = np.result_type(v.dtype, op.dtype if op.dtype in (np.float32, np.float64) else np.float64)
    q = (v / v.dtype.type(s_v) / norm_v).astype(dtype) if s_v != 1.0 else (v / norm_v).astype(dtype)
    # A near the largest float: ||A q|| and its square overflow. Q does not change with the scale of A,
    # and H (or T) scales with it: run on A / s (a power of two, exact) and multiply H by s at the end.
    scale = 1.0
    entries = _matrix_entries(op)
    if entries is not None and entries.size:
        top = max(float(entries.max()), -float(entries.min()))
        if top * n > math.sqrt(float(np.finfo(dtype).max) / n):  # ||A q||² = sum of n squares up to (n max|A|)²
            scale = scale_of(entries)
            op = aslinearoperator(op.A / op.A.dtype.type(scale))
    return op, n, q, int(min(m, n)), dtype, scale


def _unscale(H, scale):
    """H (or T) of A from that of A / scale; NumericOverflowError if an entry is beyond the float range."""
    if scale == 1.0:
        return H
    with np.errstate(over="ignore"):
        H = H * H.dtype.type(scale)
    if not np.isfinite(H).all():
        raise NumericOverflowError(
            f"an entry of the projected matrix H = Qᵀ A Q exceeds the largest {H.dtype} ({np.finfo(H.dtype).max:.4g}): "
            "A is too large (its entries are near the largest float); divide A by a common scale (e.g. A / 1e300): "
            "Q does not change and H scales with A")
    return H


def arnoldi(A, v, m):
    """Run ``m`` steps of Arnoldi: ``A Q[:, :k] = Q[:, :k+1] H`` with orthonormal ``Q``.

    Parameters
    ----------
    A : {ndarray, sparse matrix, LinearOperator} of shape (n, n)
        Any square matrix.
    v : ndarray of shape (n,)
        Nonzero start vector (normalized inside).
    m : int
        Number of steps (at least 1; capped at ``n``).

    Returns
    -------
    Q : ndarray of shape (n, k + 1)
        Orthonormal basis of the Krylov space ``K_{k+1}(A, v)``, ``Q[:, 0] = v / ||v||``.
    H : ndarray of shape (k + 1, k)
        Upper Hessenberg, ``k = m``. When the Krylov space becomes invariant after ``k`` steps
        (a "happy breakdown", always by ``k = n``), the shapes are ``(n, k)`` and ``(k, k)``
        instead and ``A Q = Q H`` holds exactly.

    Raises
    ------
    ZeroVectorError
        If ``v`` is zero.
    ShapeError
        If ``A`` is not square or ``v`` has the wrong length.
    NonFiniteError
        If ``v`` holds NaN or infinity.
    NumericOverflowError
        If an entry of ``H`` exceeds the largest float (``A`` near ``1.8e308``). Below that, ``A``
        and ``v`` near the largest float are handled by working in units of their largest entry
        (``Q`` does not change with their scale; ``H`` scales with ``A``).

    Notes
    -----
    Modified Gram–Schmidt with one reorthogonalization pass, so ``QᵀQ = I`` to rounding.

    Examples
    --------
    >>> import numpy as np
    >>> from la4ml.krylov import arnoldi
    >>> rng = np.random.default_rng(0)
    >>> A = rng.standard_normal((8, 8))
    >>> Q, H = arnoldi(A, np.ones(8), 4)
    >>> Q.shape, H.shape
    ((8, 5), (5, 4))
    >>> np.allclose(A @ Q[:, :4], Q @ H) and np.allclose(Q.T @ Q, np.eye(5))
    True
    """
    op, n, q, m, dtype, scale = _start(A, v, m, "arnoldi")
    Q = np.zeros((n, m + 1), dtype=dtype)
    H = np.zeros((m + 1, m), dtype=dtype)
    Q[:, 0] = q
    for k in range(m):
        w = np.asarray(op.matvec(Q[:, k]), dtype=dtype).ravel()
        w_norm0 = np.linalg.norm(w)
        for _ in range(2):  # Gram-Schmidt, then once more against rounding
            for j in range(k + 1):
                h = Q[:, j] @ w
                H[j, k] += h
                w -= h * Q[:, j]
        H[k + 1, k] = np.linalg.norm(w)
        if k + 1 == n or H[k + 1, k] <= n * np.finfo(dtype).eps * max(w_norm0, 1e-300):
            return Q[:, : k + 1], _unscale(H[: k + 1, : k + 1], scale)
        Q[:, k + 1] = w / H[k + 1, k]
    return Q, _unscale(H, scale)


def lanczos(A, v, m, *, reorthogonalize=True):
    """Run ``m`` steps of Lanczos on symmetric ``A``: ``A Q[:, :k] = Q T`` with tridiagonal ``T``.

    Parameters
    ----------
    A : {ndarray, sparse matrix, LinearOperator} of shape (n, n)
        Symmetric.
    v : ndarray of shape (n,)
        Nonzero start vector.
    m : int
        Number of steps (at most ``n``).
    reorthogonalize : bool, default True
        Orthogonalize each new vector against all earlier ones. Without it Lanczos keeps only
        the three-term recurrence (``O(n)`` memory per step) and ``Q`` loses orthogonality
        once a Ritz value converges.

    Returns
    -------
    Q : ndarray of shape (n, k + 1)
        Lanczos vectors.
    T : ndarray of shape (k + 1, k)
        Tridiagonal: ``alpha`` on the diagonal, ``beta`` on both off-diagonals of ``T[:k]``.
        Same shapes and breakdown rule as :func:`arnoldi`.

    Raises
    ------
    ZeroVectorError, ShapeError, NonFiniteError, NumericOverflowError
        As :func:`arnoldi`.

    Notes
    -----
    For symmetric ``A`` the Arnoldi Hessenberg matrix is symmetric, hence tridiagonal: each
    new vector needs orthogonalizing only against the two before it (in exact arithmetic).

    References
    ----------
    .. [1] G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., Johns Hopkins, 2013, §10.1.

    Examples
    --------
    >>> import numpy as np
    >>> from la4ml.krylov import lanczos, poisson2d
    >>> A = poisson2d(4)
    >>> Q, T = lanczos(A, np.arange(16.0) + 1, 6)
    >>> np.allclose(A @ Q[:, :6], Q @ T) and np.allclose(T[:6], T[:6].T)
    True
    """
    op, n, q, m, dtype, scale = _start(A, v, m, "lanczos")
    Q = np.zeros((n, m + 1), dtype=dtype)
    T = np.zeros((m + 1, m), dtype=dtype)
    Q[:, 0] = q
    beta = 0.0
    for k in range(m):
        w = np.asarray(op.matvec(Q[:, k]), dtype=dtype).ravel()
        w_norm0 = np.linalg.norm(w)
        if k > 0:
            w -= beta * Q[:, k - 1]
        alpha = Q[:, k] @ w
        w -= alpha * Q[:, k]
        if reorthogonalize:
            w -= Q[:, : k + 1] @ (Q[:, : k + 1].T @ w)
        beta = np.linalg.norm(w)
        T[k, k] = alpha
        T[k + 1, k] = beta
        if k + 1 < m:
            T[k, k + 1] = beta
        if k + 1 == n or beta <= n * np.finfo(dtype).eps * max(w_norm0, 1e-300):
            return Q[:, : k + 1], _unscale(T[: k + 1, : k + 1], scale)
        Q[:, k + 1] = w / beta
    return Q, _unscale(T, scale)
