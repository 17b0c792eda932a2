"""Best low-rank approximation (Eckart–Young) and the energy kept by the first k singular values."""

from __future__ import annotations

import numbers
from typing import NamedTuple

import numpy as np

from la4ml._validation import check_matrix, check_scalar, check_vector
from la4ml.errors import InvalidParameterError, OutOfRangeError, ZeroVectorError

__all__ = ["low_rank_approximation", "energy", "EckartYoungError", "LowRankApproximation"]


class EckartYoungError(NamedTuple):
    """The error of the best rank-k approximation, from the singular values left out."""

    spectral: float
    """``‖A − A_k‖₂ = σ_{k+1}`` (0.0 when ``k = min(m, n)``)."""
    frobenius: float
    """``‖A − A_k‖_F = sqrt(σ_{k+1}² + … + σ_r²)``."""


class LowRankApproximation(NamedTuple):
    """What :func:`low_rank_approximation` returns: unpack it as ``A_k, error = ...``."""

    A_k: np.ndarray
    """The best rank-k approximation, same shape as ``A``."""
    error: EckartYoungError
    """Its error in the spectral and Frobenius norms, from the Eckart–Young theorem."""


def _safe_norm(x: np.ndarray) -> float:
    """‖x‖₂ of a nonnegative vector without overflow or underflow of the squares."""
    top = float(np.max(x, initial=0.0))
    if top == 0.0:
        return 0.0
    return top * float(np.sqrt(np.sum((x / top) ** 2)))


def low_rank_approximation(A, k):
    """The best rank-``k`` approximation of ``A`` and its error, by the truncated SVD.

    Keep the ``k`` largest singular values and their vectors:
    ``A_k = σ_1 u_1 v_1ᵀ + … + σ_k u_k v_kᵀ``. By the Eckart–Young(–Mirsky) theorem no matrix
    of rank at most ``k`` is closer to ``A``, in the spectral norm or in the Frobenius norm, and
    the distance is known from the singular values that were left out.

    Parameters
    ----------
    A : array_like of shape (m, n)
        A real, finite matrix (float32 is kept; other real dtypes become float64).
    k : int
        The rank to keep, ``0 <= k <= min(m, n)``. ``k = 0`` gives the zero matrix;
        ``k = min(m, n)`` gives ``A`` back (to rounding) with zero error.

    Returns
    -------
    A_k : ndarray of shape (m, n)
        The best rank-``k`` approximation.
    error : EckartYoungError
        A named tuple of two floats, the error predicted by the theorem:
        ``error.spectral = ‖A − A_k‖₂ = σ_{k+1}`` and
        ``error.frobenius = ‖A − A_k‖_F = sqrt(σ_{k+1}² + … + σ_min(m,n)²)`` (both 0.0 when
        ``k = min(m, n)``). They are the exact errors of the exact ``A_k``; the measured
        ``np.linalg.norm(A - A_k, 2)`` agrees with them to rounding, about
        ``max(m, n) · eps · σ_1``.

    Raises
    ------
    ShapeError, EmptyInputError, NonFiniteError, DTypeError
        ``A`` is not a nonempty, finite, real 2-D matrix.
    OutOfRangeError
        ``k`` is negative or larger than ``min(m, n)``.

    Notes
    -----
    When ``σ_k = σ_{k+1}`` the best rank-``k`` approximation is not unique (any ``k`` vectors of
    the tied singular space will do); this returns the one ``np.linalg.svd``'s vectors give,
    and the errors are the same for all of them.

    References
    ----------
    C. Eckart and G. Young, "The approximation of one matrix by another of lower rank",
    *Psychometrika* 1(3), 211–218, 1936; L. Mirsky, "Symmetric gauge functions and unitarily
    invariant norms", *Quarterly Journal of Mathematics* 11(1), 50–59, 1960.

    Examples
    --------
    >>> import numpy as np
    >>> from la4ml.svd import low_rank_approximation
    >>> A = np.diag([3.0, 2.0, 1.0])
    >>> A_1, error = low_rank_approximation(A, 1)
    >>> A_1
    array([[3., 0., 0.],
           [0., 0., 0.],
           [0., 0., 0.]])
    >>> error                                       # σ₂, and sqrt(σ₂² + σ₃²) = sqrt(5)
    EckartYoungError(spectral=2.0, frobenius=2.23606797749979)
    >>> bool(np.isclose(np.linalg.norm(A - A_1, 2), error.spectral))
    True
    """
    A = check_matrix(A, "A")
    m, n = A.shape
    if isinstance(k, (bool, np.bool_)) or not isinstance(k, numbers.Integral):
        raise InvalidParameterError(
            f"k must be an int (the rank to keep), got {k!r} of type {type(k).__name__}; "
            "round it with int(k) if it is a whole number"
        )
    k = int(k)
    if not 0 <= k <= min(m, n):
        raise OutOfRangeError(
            f"k must satisfy 0 <= k <= min(m, n) = {min(m, n)} for A of shape {A.shape}, got k = {k}; "
            f"a matrix of shape {A.shape} has at most {min(m, n)} singular values"
        )
    U, s, Vt = np.linalg.svd(A, full_matrices=False)    # U (m, r), s (r,), Vt (r, n), r = min(m, n)
    A_k = (U[:, :k] * s[:k]) @ Vt[:k]                   # scale the columns of U, then sum k outer products
    tail = s[k:].astype(np.float64)
    error = EckartYoungError(float(tail[0]) if tail.size else 0.0, _safe_norm(tail))
    return LowRankApproximation(A_k, error)


def energy(s):
    """The cumulative fraction of ``Σσ²`` kept by the first ``k`` singular values, for every ``k``.

    ``energy(s)[k - 1] = (σ_1² + … + σ_k²) / (σ_1² + … + σ_r²)``. Since ``Σσ² = ‖A‖_F²``, it is
    the fraction of the squared Frobenius norm that the rank-``k`` approximation keeps, and
    ``1 − energy(s)[k - 1]`` is the squared *relative* error ``‖A − A_k‖_F² / ‖A‖_F²``. (For
    centered data it is PCA's cumulative explained variance ratio.)

    Parameters
    ----------
    s : array_like of shape (r,)
        Singular values: nonnegative, finite, largest first (as ``np.linalg.svd`` returns them),
        not all zero.

    Returns
    -------
    fractions : ndarray of shape (r,), float64
        Nondecreasing, between 0 and 1, the last entry exactly 1.0. Entry ``k - 1`` belongs to
        rank ``k``.

    Raises
    ------
    ShapeError, EmptyInputError, NonFiniteError, DTypeError
        ``s`` is not a nonempty, finite, real 1-D vector.
    OutOfRangeError
        A singular value is negative.
    InvalidParameterError
        ``s`` is not sorted largest first (``np.linalg.eigh`` and ``eigvalsh`` sort ascending:
        reverse them).
    ZeroVectorError
        Every singular value is 0: a zero matrix has no energy to share out (0 / 0).

    Notes
    -----
    The squares are of ``s / max(s)``, so singular values near ``1e200`` or ``1e-200`` give the
    right fractions instead of ``inf / inf`` or ``0 / 0``. Summing ``σ`` instead of ``σ²``
    overstates what a small rank keeps: for ``s = (2, 1, 1, 1, 1)`` rank 1 keeps 4/8 = 50% of
    the energy, not 2/6.

    Examples
    --------
    >>> import numpy as np
    >>> from la4ml.svd import energy
    >>> energy([2.0, 1.0, 1.0, 1.0, 1.0])           # squares 4, 1, 1, 1, 1 of a total of 8
    array([0.5  , 0.625, 0.75 , 0.875, 1.   ])
    >>> A = np.arange(12.0).reshape(4, 3)
    >>> U, s, Vt = np.linalg.svd(A)
    >>> A_1 = s[0] * np.outer(U[:, 0], Vt[0])       # the best rank-1 approximation
    >>> bool(np.isclose(1 - energy(s)[0], np.linalg.norm(A - A_1) ** 2 / np.linalg.norm(A) ** 2))
    True
    """
    s = check_vector(s, "s").astype(np.float64)
    if np.any(s < 0):
        i = int(np.argmax(s < 0))
        raise OutOfRangeError(
            f"s must hold singular values, which are never negative, got s[{i}] = {s[i]}; "
            "pass the singular values (np.linalg.svd), not eigenvalues of a non-symmetric matrix"
        )
    if np.any(np.diff(s) > 0):
        i = int(np.argmax(np.diff(s) > 0))
        raise InvalidParameterError(
            f"s must be sorted largest first, got s[{i}] = {s[i]} < s[{i + 1}] = {s[i + 1]}; "
            "np.linalg.svd returns them in that order, np.linalg.eigh ascending: reverse with s[::-1]"
        )
    top = s[0]
    if top == 0.0:
        raise ZeroVectorError(
            f"s is all zeros (length {s.size}): a zero matrix keeps 0 of 0 energy at every rank, so the fraction "
            "is undefined; check the matrix before asking what fraction of it a rank keeps"
        )
    kept = np.cumsum((s / top) ** 2)
    return kept / kept[-1]
