"""Linear least squares three ways: the normal equations, QR with column pivoting, and the SVD."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import scipy.linalg

from la4ml._validation import (as_float_array, check_matrix, check_no_overflow, check_option, check_scalar, describe,
                               scale_of, unscale)
from la4ml.errors import NonFiniteError, NotPositiveDefiniteError, ShapeError, SingularMatrixError
from la4ml.factorizations import cholesky, cholesky_solve

__all__ = ["lstsq", "LstsqResult"]

METHODS = ("qr", "svd", "normal")


class LstsqResult(NamedTuple):
    """What :func:`lstsq` returns with ``full_output=True``.

    Attributes
    ----------
    x : ndarray of shape (n,) or (n, k)
        The least-squares solution (the one of minimum norm when ``A`` is rank deficient).
    rss : float or ndarray of shape (k,)
        The residual sum of squares ``‖b - A x‖²`` (one per column of ``b``). Unlike NumPy's
        ``residuals``, it is always computed, also when ``A`` is rank deficient or wide.
    rank : int
        The numerical rank of ``A`` the solver used (``n`` for the normal equations, which
        need full column rank).
    """

    x: np.ndarray
    rss: float | np.ndarray
    rank: int


def lstsq(A, b, *, method="qr", rcond=None, full_output=False):
    """Solve ``min ‖b - A x‖₂`` by the normal equations, by QR, or by the SVD.

    Parameters
    ----------
    A : array_like of shape (m, n)
        The design matrix: one row per equation (sample), one column per unknown (feature).
    b : array_like of shape (m,) or (m, k)
        The right-hand side (targets); ``k`` columns are ``k`` problems with the same ``A``.
    method : {"qr", "svd", "normal"}, default "qr"
        ``"qr"``: Householder QR with column pivoting of ``A`` (LAPACK ``geqp3``), then a
        triangular solve; rank-deficient ``A`` gets the minimum-norm solution through a complete
        orthogonal decomposition (LAPACK ``gelsy``'s method). ``"svd"``: the pseudo-inverse
        applied to ``b``, ``x = V_r Σ_r⁻¹ U_rᵀ b`` (``gelsd``'s answer). ``"normal"``: Cholesky
        of ``AᵀA`` and two triangular solves with ``Aᵀb``; squares the condition number and
        needs linearly independent columns.
    rcond : float, optional
        Relative cut-off for the rank: a singular value (``"svd"``) or a diagonal entry of the
        pivoted ``R`` (``"qr"``) counts when it is ``> rcond`` times the largest. Default
        ``max(m, n) · eps``, NumPy's ``rcond=None``. Not used by ``"normal"``.
    full_output : bool, default False
        Return an :class:`LstsqResult` ``(x, rss, rank)`` instead of ``x`` alone.

    Returns
    -------
    x : ndarray of shape (n,) or (n, k)
        The solution; float32 input gives float32, every other real dtype float64.
    result : LstsqResult
        With ``full_output=True``: ``x``, the residual sum of squares ``‖b - A x‖²`` and the rank.

    Raises
    ------
    SingularMatrixError
        ``method="normal"`` and ``AᵀA`` is singular to working precision (dependent columns,
        ``n > m``, or ``κ(A)² ≳ 1/eps``): the message says to use ``"qr"`` or ``"svd"``.
    ShapeError
        ``b`` does not have ``m`` rows (the message suggests a transposed ``A``).
    InvalidParameterError, NonFiniteError, EmptyInputError, DTypeError
        Bad ``method`` or input.

    Notes
    -----
    ``x`` minimizes ``‖b - Ax‖`` exactly when the residual is orthogonal to the columns of
    ``A``: ``Aᵀ(b - Ax) = 0``, the normal equations ``AᵀA x = Aᵀb``. Solving them as written
    costs ``mn² + n³/3`` flops but works with ``κ(AᵀA) = κ(A)²``. With ``A P = Q R``,
    ``‖b - Ax‖ = ‖Qᵀb - R Pᵀx‖`` (plus a part that no ``x`` changes), a triangular system
    with ``κ(R) = κ(A)``. The SVD ``A = U Σ Vᵀ`` gives the same and, for a rank-deficient ``A``,
    the solution of smallest norm. For a consistent system (``b = A x*``) the relative error of
    QR and SVD is about ``κ(A)·eps``, that of the normal equations about ``κ(A)²·eps``.

    ``A`` and ``b`` are first divided by powers of two near their largest entries (an exact
    rescaling), so ``AᵀA`` and the sums inside do not overflow for entries near ``1e308``.

    References
    ----------
    Å. Björck, *Numerical Methods for Least Squares Problems*, SIAM, 1996, ch. 1 and 2.
    G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., Johns Hopkins University
    Press, 2013, §5.3-§5.5.

    Examples
    --------
    >>> A = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])   # intercept and one feature
    >>> b = np.array([1.0, 2.0, 4.0])
    >>> x = lstsq(A, b)
    >>> x
    array([0.83333333, 1.5       ])
    >>> x, rss, rank = lstsq(A, b, method="svd", full_output=True)
    >>> round(float(rss), 6), rank
    (0.166667, 2)
    >>> np.allclose(lstsq(A, b, method="normal"), np.linalg.lstsq(A, b, rcond=None)[0])
    True
    """
    A = check_matrix(A, "A")
    m, n = A.shape
    b = _check_rhs(b, m, n)
    method = check_option(method, "method", METHODS,
                          hint='"qr" is the robust default, "svd" the most careful, "normal" the fastest and least accurate')
    dtype = np.result_type(A.dtype, b.dtype)
    A, b = A.astype(dtype, copy=False), b.astype(dtype, copy=False)
    eps = float(np.finfo(dtype).eps)
    if rcond is None:
        rcond = max(m, n) * eps
    else:
        check_scalar(rcond, "rcond", min_val=0.0, max_val=1.0, include_max=False)

    sA, sb = scale_of(A), scale_of(b)
    As, bs = A / sA, b / sb  # exact: powers of two
    if method == "normal":
        xs, rank = _solve_normal(As, bs), n
    elif method == "qr":
        xs, rank = _solve_qr(As, bs, rcond)
    else:
        xs, rank = _solve_svd(As, bs, rcond)
    x = check_no_overflow(unscale(xs, sb, 1.0 / sA), "the least-squares solution x")
    if not full_output:
        return x
    rs = bs - As @ xs  # the residual in the scaled units
    rss = unscale(np.sum(rs * rs, axis=0), sb, sb)
    return LstsqResult(x, rss[()] if rss.ndim == 0 else rss, int(rank))


def _check_rhs(b, m: int, n: int) -> np.ndarray:
    b = as_float_array(b, "b")
    if b.ndim not in (1, 2):
        raise ShapeError(f"b must have shape ({m},) or ({m}, k), got {describe(b)}")
    if b.shape[0] != m:
        hint = ""
        if b.shape[0] == n:
            hint = (f"; b has as many rows as A has columns: did you pass A transposed? A must be "
                    f"(n_samples, n_features), one row per equation, so use A.T")
        raise ShapeError(f"b must have one entry per row of A ({m} rows), got {describe(b)}{hint}")
    if b.size and not np.isfinite(b).all():
        raise NonFiniteError(f"b must contain only finite numbers, got {describe(b)} with NaN or infinity")
    return b


def _solve_normal(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cholesky of the Gram matrix ``AᵀA`` (from scratch), then ``L Lᵀ x = Aᵀb``."""
    G, c = A.T @ A, A.T @ b  # (n, n), (n,) or (n, k)
    try:
        L = cholesky(G, check_symmetric=False)  # reads the lower triangle, as LAPACK's potrf
    except NotPositiveDefiniteError as err:
        m, n = A.shape
        why = (f"A has more columns ({n}) than rows ({m}), so its columns are dependent" if n > m else
               "the columns of A are linearly dependent, or nearly so (κ(A)² ≳ 1/eps: the normal equations "
               "then have no correct digit)")
        raise SingularMatrixError(
            f"AᵀA is singular to working precision (its Cholesky pivot {err.pivot_index} is {float(err.pivot):.3g}): "
            f"{why}; use method='qr' or method='svd', which work on A itself and return the minimum-norm "
            "solution, or add a ridge penalty (AᵀA + αI)"
        ) from None
    return cholesky_solve(L, c)


def _solve_qr(A: np.ndarray, b: np.ndarray, rcond: float) -> tuple[np.ndarray, int]:
    """``A P = Q R`` (Householder, column pivoting); full rank: ``R x = Qᵀb``; else a complete orthogonal decomposition."""
    m, n = A.shape
    Q, R, perm = scipy.linalg.qr(A, mode="economic", pivoting=True, check_finite=False)  # Q (m, k), R (k, n)
    d = np.abs(np.diag(R))  # non-increasing: the pivoting puts the largest remaining column first
    rank = int(np.count_nonzero(d > rcond * d[0])) if d[0] > 0 else 0
    c = Q[:, :rank].T @ b  # (rank,) or (rank, k)
    z = np.zeros((n,) + b.shape[1:], dtype=A.dtype)
    if rank == n:
        z = scipy.linalg.solve_triangular(R[:n, :n], c, check_finite=False)
    elif rank > 0:
        # [R11 R12] (rank × n) has full row rank; its minimum-norm solution via [R11 R12]ᵀ = Z T
        Z, T = scipy.linalg.qr(R[:rank, :].T, mode="economic", check_finite=False)  # Z (n, rank), T (rank, rank)
        z = Z @ scipy.linalg.solve_triangular(T, c, trans="T", check_finite=False)
    x = np.empty_like(z)
    x[perm] = z  # undo the column permutation: z = Pᵀx
    return x, rank


def _solve_svd(A: np.ndarray, b: np.ndarray, rcond: float) -> tuple[np.ndarray, int]:
    """``x = V_r Σ_r⁻¹ U_rᵀ b``, singular values at or below ``rcond · σ_max`` left out."""
    U, s, Vt = scipy.linalg.svd(A, full_matrices=False, check_finite=False)  # U (m, k), s (k,), Vt (k, n)
    rank = int(np.count_nonzero(s > rcond * s[0])) if s[0] > 0 else 0
    c = U[:, :rank].T @ b  # (rank,) or (rank, k)
    c = c / (s[:rank] if b.ndim == 1 else s[:rank, None])
    return Vt[:rank].T @ c, rank
