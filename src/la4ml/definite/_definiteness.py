"""Quadratic forms and the three tests of definiteness: eigenvalues, Cholesky, leading minors."""

from __future__ import annotations

import math

import numpy as np

from la4ml._validation import (
    as_float_array,
    check_matrix,
    check_no_overflow,
    check_option,
    check_scalar,
    check_symmetric,
    describe,
    scale_of,
    unscale,
)
from la4ml.errors import NonFiniteError, NotPositiveDefiniteError, NotSymmetricError, NumericOverflowError, ShapeError
from la4ml.factorizations import cholesky

__all__ = [
    "DEFINITENESS_CLASSES",
    "quadratic_form",
    "definiteness",
    "is_positive_definite",
    "leading_principal_minors",
]

#: the five answers :func:`definiteness` gives
DEFINITENESS_CLASSES = (
    "positive definite",
    "positive semidefinite",
    "negative definite",
    "negative semidefinite",
    "indefinite",
)

_METHODS = ("eigen", "cholesky", "minors")


def quadratic_form(A, x):
    """Evaluate the quadratic form ``xᵀ A x`` for one vector or for every row of a batch.

    Parameters
    ----------
    A : array_like of shape (n, n)
        Square matrix (only its symmetric part ``(A + Aᵀ)/2`` affects the value).
    x : array_like of shape (n,) or (m, n)
        One vector, or ``m`` vectors as rows.

    Returns
    -------
    q : float or ndarray of shape (m,)
        ``xᵀ A x`` for the vector, or for each row.

    Notes
    -----
    ``xᵀ A x = Σ_ij A_ij x_i x_j``. For a batch ``X`` of rows, ``(X @ A * X).sum(axis=1)``
    computes all ``m`` values in one vectorized pass without forming the ``m × m`` matrix
    ``X A Xᵀ`` (whose diagonal would be the answer).

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[4.0, 1.0], [1.0, 3.0]])
    >>> quadratic_form(A, [1.0, -1.0])
    5.0
    >>> X = np.array([[1.0, 0.0], [1.0, -1.0]])
    >>> np.allclose(quadratic_form(A, X), np.diag(X @ A @ X.T))
    True
    """
    A = check_matrix(A, "A", square=True)
    n = A.shape[0]
    X = as_float_array(x, "x")
    if X.ndim not in (1, 2) or X.shape[-1] != n:
        raise ShapeError(f"x must have shape ({n},) or (m, {n}) to match A of shape {A.shape}, got {describe(X)}")
    if X.size and not np.isfinite(X).all():
        raise NonFiniteError(f"x must contain only finite numbers, got {describe(X)} with NaN or infinity")
    sa, sx = scale_of(A), scale_of(X)  # the form of the exactly rescaled A / sa and x / sx cannot overflow
    A, X = A / sa, X / sx
    q = float(X @ A @ X) if X.ndim == 1 else np.sum((X @ A) * X, axis=1)  # (m,) for a batch
    with np.errstate(over="ignore"):
        q = check_no_overflow(unscale(q, sa, sx, sx), "the quadratic form x^T A x")
    return float(q) if X.ndim == 1 else q


def _default_tol(eigenvalues: np.ndarray, dtype) -> float:
    """Scale-aware tolerance: eigenvalues below ``n·eps·max|λ|`` are zero to working precision."""
    n = eigenvalues.size
    scale = float(np.max(np.abs(eigenvalues))) if n else 0.0
    return n * float(np.finfo(dtype).eps) * scale


def _symmetric(A, name="A") -> np.ndarray:
    try:
        return check_matrix(A, name, symmetric=True)
    except NotSymmetricError as exc:
        raise NotSymmetricError(
            f"{exc}. Definiteness is defined here for symmetric matrices; xᵀAx only sees the symmetric "
            f"part, so test ({name} + {name}.T) / 2 if that is what you mean"
        ) from None


def definiteness(A, tol=None):
    """Classify a symmetric matrix by the signs of its eigenvalues.

    Parameters
    ----------
    A : array_like of shape (n, n)
        Symmetric.
    tol : float, optional
        Eigenvalues with ``|λ| <= tol`` count as zero. Default ``n·eps·max|λ|`` (zero to working
        precision, relative to the matrix's scale).

    Returns
    -------
    str
        One of :data:`DEFINITENESS_CLASSES`: ``"positive definite"`` (all ``λ > tol``),
        ``"positive semidefinite"`` (all ``λ >= -tol``, some zero), ``"negative definite"``,
        ``"negative semidefinite"`` or ``"indefinite"`` (some ``λ > tol`` and some ``λ < -tol``).
        The zero matrix is both PSD and NSD; it is reported as ``"positive semidefinite"``.

    Raises
    ------
    NotSymmetricError
        ``A`` is not symmetric (test its symmetric part ``(A + A.T) / 2`` instead).

    Notes
    -----
    ``np.linalg.eigvalsh`` reads a symmetric matrix and returns real eigenvalues in ascending
    order. By the spectral theorem ``xᵀAx = Σ λ_i (q_iᵀx)²``, so the signs of the eigenvalues
    decide the sign of the form.

    Examples
    --------
    >>> definiteness([[2.0, 1.0], [1.0, 2.0]])
    'positive definite'
    >>> definiteness([[1.0, 2.0], [2.0, 1.0]])
    'indefinite'
    >>> definiteness([[1.0, 1.0], [1.0, 1.0]])
    'positive semidefinite'
    """
    A = _symmetric(A)
    lam = np.linalg.eigvalsh(A)
    if tol is None:
        tol = _default_tol(lam, A.dtype)
    else:
        check_scalar(tol, "tol", min_val=0)
    pos, neg = bool(np.any(lam > tol)), bool(np.any(lam < -tol))
    zero = bool(np.any(np.abs(lam) <= tol))
    if pos and neg:
        return "indefinite"
    if neg:
        return "negative semidefinite" if zero else "negative definite"
    if pos:
        return "positive semidefinite" if zero else "positive definite"
    return "positive semidefinite"  # every eigenvalue is zero to tolerance


def leading_principal_minors(A):
    """The determinants of the top-left ``k × k`` blocks, ``k = 1, ..., n``.

    Parameters
    ----------
    A : array_like of shape (n, n)

    Returns
    -------
    minors : ndarray of shape (n,)
        ``minors[k-1] = det(A[:k, :k])``.

    Raises
    ------
    NumericOverflowError
        If a minor exceeds the largest float (a block of a matrix near 1e308); use
        ``np.linalg.slogdet`` for its logarithm.

    Notes
    -----
    Sylvester's criterion: a symmetric ``A`` is positive definite exactly when every leading
    principal minor is positive. (For *semi*definiteness all principal minors, not just the
    leading ones, must be ``>= 0``: ``[[0, 0], [0, -1]]`` has leading minors ``0, 0``.)
    This costs ``n`` determinants, about ``n⁴/6`` flops by LU: a teaching test, not a practical one.

    Examples
    --------
    >>> import numpy as np
    >>> leading_principal_minors([[2.0, 1.0], [1.0, 2.0]])
    array([2., 3.])
    >>> np.allclose(leading_principal_minors([[1.0, 2.0], [2.0, 1.0]])[-1], np.linalg.det([[1.0, 2.0], [2.0, 1.0]]))
    True
    """
    A = check_matrix(A, "A", square=True)
    # det(A_k) = det(A_k / s) * s**k with s a power of two: exact, and the exponent is added in
    # integers, so a minor of a matrix near 1e308 cannot overflow midway (nor a tiny one underflow)
    s = scale_of(A)
    e = math.frexp(s)[1] - 1  # s = 2**e
    minors = []
    for k in range(1, A.shape[0] + 1):
        sign, logdet = np.linalg.slogdet(A[:k, :k].astype(np.float64) / s)
        if sign == 0:
            minors.append(0.0)
            continue
        if logdet < 700:  # det itself is representable: take it, to the last bit
            m, d_exp = math.frexp(float(np.linalg.det(A[:k, :k].astype(np.float64) / s)))
        else:  # a block of many rows: det = sign * 2**(logdet / ln 2), split into mantissa and exponent
            whole = math.floor(logdet / math.log(2))
            m, d_exp = math.frexp(float(sign) * math.exp(logdet - whole * math.log(2)))
            d_exp += whole
        exponent = d_exp + k * e
        if exponent > np.finfo(A.dtype).maxexp:
            raise NumericOverflowError(
                f"leading minor {k} of A is about {'-' if sign < 0 else ''}2**{exponent} "
                f"(10**{exponent * math.log10(2):.0f}), beyond the largest {A.dtype} (about "
                f"{np.finfo(A.dtype).max:.3g}); use np.linalg.slogdet(A[:k, :k]) for its logarithm"
            )
        minors.append(math.ldexp(m, exponent))
    return np.array(minors, dtype=A.dtype)


def is_positive_definite(A, method="eigen", *, tol=None):
    """Whether ``A`` is symmetric positive definite, by one of three tests.

    Parameters
    ----------
    A : array_like of shape (n, n)
    method : {"eigen", "cholesky", "minors"}, default "eigen"
        ``"eigen"``: every eigenvalue (``eigvalsh``) is above ``tol``.
        ``"cholesky"``: the from-scratch Cholesky factorization succeeds (cheapest, ``n³/3`` flops).
        ``"minors"``: every leading principal minor is positive (Sylvester's criterion; about
        ``n⁴/6`` flops, kept for teaching).
    tol : float, optional
        For ``"eigen"``: the eigenvalue threshold (default ``n·eps·max|λ|``, as in
        :func:`definiteness`). For ``"minors"``: each ratio of consecutive minors
        ``m_k / m_(k-1)`` (which is the ``k``-th Cholesky pivot) must exceed ``tol`` (default
        ``n·eps·A[k, k]``, rounding level, as in :func:`~la4ml.factorizations.cholesky`).
        Ignored by ``"cholesky"``, which rejects a pivot at or below rounding level.

    Returns
    -------
    bool
        ``False`` for a nonsymmetric matrix: like most of machine learning, this course calls
        only symmetric matrices positive definite.

    Examples
    --------
    >>> is_positive_definite([[2.0, 1.0], [1.0, 2.0]])
    True
    >>> is_positive_definite([[1.0, 2.0], [2.0, 1.0]], method="cholesky")
    False
    >>> is_positive_definite([[1.0, 3.0], [0.0, 1.0]])  # positive eigenvalues, but not symmetric
    False
    """
    check_option(method, "method", _METHODS)
    if tol is not None:
        check_scalar(tol, "tol", min_val=0)
    A = check_matrix(A, "A", square=True)
    try:
        check_symmetric(A, "A")
    except NotSymmetricError:
        return False
    n = A.shape[0]
    if method == "eigen":
        lam = np.linalg.eigvalsh(A)
        threshold = _default_tol(lam, A.dtype) if tol is None else tol
        return bool(np.all(lam > threshold))
    if method == "cholesky":
        try:
            cholesky(A)
        except NotPositiveDefiniteError:
            return False
        return True
    # Sylvester: every minor m_k > 0. The ratio m_k / m_(k-1) is the k-th Cholesky pivot, so a
    # ratio below rounding level (n·eps·A[k, k], as in cholesky) means "zero", not "positive".
    # slogdet keeps the minors of a large matrix from overflowing or underflowing.
    signs, logdets = zip(*(np.linalg.slogdet(A[:k, :k].astype(np.float64)) for k in range(1, n + 1)))
    signs, logdets = np.array(signs), np.array(logdets)
    if not np.all(signs > 0):
        return False
    ratios = np.exp(np.diff(np.concatenate([[0.0], logdets])))  # the pivots
    threshold = n * float(np.finfo(A.dtype).eps) * np.diag(A) if tol is None else tol * np.ones(n)
    return bool(np.all(ratios > threshold))
