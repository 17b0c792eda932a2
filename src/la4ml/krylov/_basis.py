"""Orthonormal Krylov bases: Arnoldi (any square A) and Lanczos (symmetric A)."""

from __future__ import annotations

import numbers

import numpy as np

from la4ml._validation import as_float_array, check_scalar, describe
from la4ml.errors import ShapeError, ZeroVectorError
from la4ml.krylov._system import _operator

__all__ = ["arnoldi", "lanczos"]


def _start(A, v, m, name):
    op = _operator(A, "A")
    if op.shape[0] != op.shape[1]:
        raise ShapeError(f"{name}: A must be square, got shape {op.shape}")
    n = op.shape[0]
    v = as_float_array(v, "v")
    if v.shape != (n,):
        raise ShapeError(f"{name}: v must have shape ({n},) to match A, got {describe(v)}")
    check_scalar(m, "m", kind=numbers.Integral, min_val=1)
    norm_v = np.linalg.norm(v)
    if norm_v == 0:
        raise ZeroVectorError(f"{name}: v is the zero vector, which spans no Krylov space; pass a nonzero start vector")
    dtype = np.result_type(v.dtype, op.dtype if op.dtype in (np.float32, np.float64) else np.float64)
    return op, n, (v / norm_v).astype(dtype), int(min(m, n)), dtype


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
    op, n, q, m, dtype = _start(A, v, m, "arnoldi")
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
            return Q[:, : k + 1], H[: k + 1, : k + 1]
        Q[:, k + 1] = w / H[k + 1, k]
    return Q, H


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
    ZeroVectorError, ShapeError
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
    op, n, q, m, dtype = _start(A, v, m, "lanczos")
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
            return Q[:, : k + 1], T[: k + 1, : k + 1]
        Q[:, k + 1] = w / beta
    return Q, T
