"""Jitter (adding εI until Cholesky succeeds) and the nearest positive semidefinite matrix."""

from __future__ import annotations

import numbers

import numpy as np

from la4ml._validation import check_matrix, check_no_overflow, check_scalar, format_scaled, scale_of
from la4ml.definite._definiteness import _default_tol
from la4ml.errors import NotPositiveDefiniteError
from la4ml.factorizations import cholesky

__all__ = ["add_jitter", "nearest_psd"]


def add_jitter(A, jitter=None, max_tries=12):
    """Add the smallest multiple of the identity that makes ``A`` positive definite to working precision.

    Parameters
    ----------
    A : array_like of shape (n, n)
        Symmetric, positive semidefinite up to rounding (a covariance or kernel matrix).
    jitter : float, optional
        The first jitter to try. Default ``10·eps·s`` with ``s = trace(A)/n`` (the mean
        diagonal; ``1`` for a zero diagonal): ten times the rounding level of the entries.
    max_tries : int, default 12
        Jitters tried: ``jitter, 10·jitter, ..., 10**(max_tries-1)·jitter``. With the default
        start, the last is about ``2e-4·s``.

    Returns
    -------
    A_jittered : ndarray of shape (n, n)
        ``A + jitter_used·I`` (a copy; ``A`` itself is never modified).
    jitter_used : float
        ``0.0`` when ``A`` is already positive definite (by both tests in the Notes).

    Raises
    ------
    NotPositiveDefiniteError
        No jitter up to the last one works: ``A`` has an eigenvalue clearly below zero, so it is
        not a covariance or kernel matrix spoilt by rounding. The message gives that eigenvalue.

    Notes
    -----
    A covariance matrix of data with a duplicated feature, or a kernel matrix of near-duplicate
    points, is PSD but singular; rounding then leaves eigenvalues near ``±eps·s`` and Cholesky
    fails. Adding ``δI`` shifts every eigenvalue up by ``δ`` and changes the model as little as
    possible. The jitter returned is the first tried for which ``A + δI`` passes both tests of
    this toolkit: :func:`~la4ml.factorizations.cholesky` succeeds (every pivot above rounding
    level relative to its diagonal entry) *and* the smallest eigenvalue is above
    ``n·eps·max|λ|``, the tolerance of :func:`definiteness` and :func:`is_positive_definite`; a
    jitter that only lets Cholesky succeed can leave a matrix those call "positive
    semidefinite". Positive definite is not well conditioned: with ``λ_min(A) ≈ 0`` the
    condition number after jitter is about ``λ_max / δ``, so pass a larger ``jitter`` (say
    ``1e-8·λ_max`` for a condition number near ``1e8``) when the factor will be used to solve.
    Gaussian-process libraries do the same (GPyTorch's ``psd_safe_cholesky`` starts at ``1e-6``
    for float32 and ``1e-8`` for float64 and multiplies by 10).

    References
    ----------
    C. E. Rasmussen and C. K. I. Williams, *Gaussian Processes for Machine Learning*, MIT Press,
    2006, §2.2 and Appendix A.4.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1.0, 1.0], [1.0, 1.0]])   # PSD, singular: Cholesky fails
    >>> A_j, jitter = add_jitter(A)
    >>> 0 < jitter < 1e-12
    True
    >>> bool(np.all(np.linalg.eigvalsh(A_j) > 0))
    True
    """
    return _add_jitter(A, jitter, max_tries, name="A")


def _add_jitter(A, jitter, max_tries, *, name):
    A = check_matrix(A, name, symmetric=True)
    check_scalar(max_tries, "max_tries", kind=numbers.Integral, min_val=1)
    if jitter is not None:
        check_scalar(jitter, "jitter", min_val=0, include_min=False)
        jitter = float(jitter)
    n = A.shape[0]
    if _positive_definite(A):
        return A.copy(), 0.0
    big = float(np.max(np.abs(A)))
    if jitter is None:
        s = float(np.mean(np.diag(A) / scale_of(A))) * scale_of(A)  # the mean diagonal, without overflow
        s = s if s > 0 else 1.0
        jitter = 10 * float(np.finfo(A.dtype).eps) * s
    # A + c I is positive definite once c exceeds n * max|A| (Gershgorin): larger jitters, or any
    # beyond the float range, cannot help, so the loop stops there whatever max_tries says
    ceiling = min(10.0 * n * big, float(np.finfo(A.dtype).max) / 10)
    eye = np.eye(n, dtype=A.dtype)
    current = jitter / 10.0
    for t in range(int(max_tries)):
        current *= 10.0  # jitter * 10**t
        if current > ceiling and t > 0:
            break
        with np.errstate(over="ignore"):
            A_j = A + A.dtype.type(current) * eye
        if not np.all(np.isfinite(A_j)):
            break
        if _positive_definite(A_j):
            return A_j, current
    lam_min = format_scaled(float(np.linalg.eigvalsh(A / scale_of(A))[0]), scale_of(A))
    raise NotPositiveDefiniteError(
        f"{name} is not positive definite even after adding {current:.3g}·I ({t + 1} tries from "
        f"{jitter:.3g}): its smallest eigenvalue is {lam_min}. Jitter repairs a matrix that is "
        "positive semidefinite up to rounding; an eigenvalue this negative means it is not a covariance "
        "or kernel matrix: check how it was built, or project it with nearest_psd"
    )


def _positive_definite(A) -> bool:
    """Cholesky succeeds and every eigenvalue is above ``n·eps·max|λ|`` (as for ``is_positive_definite``)."""
    try:
        cholesky(A, check_symmetric=False)
    except NotPositiveDefiniteError:
        return False
    lam = np.linalg.eigvalsh(A / scale_of(A))  # an exact rescaling by a power of two: no overflow
    return bool(lam[0] > _default_tol(lam, A.dtype))


def nearest_psd(A):
    """The positive semidefinite matrix nearest to ``A`` in the Frobenius norm (Higham, 1988).

    Parameters
    ----------
    A : array_like of shape (n, n)
        Square; only its symmetric part ``B = (A + Aᵀ)/2`` matters.

    Returns
    -------
    X : ndarray of shape (n, n)
        ``V max(Λ, 0) Vᵀ`` where ``B = V Λ Vᵀ``: the negative eigenvalues of ``B`` set to zero.

    References
    ----------
    N. J. Higham, "Computing a nearest symmetric positive semidefinite matrix", *Linear Algebra
    and its Applications* 103 (1988), 103–118.

    Examples
    --------
    >>> import numpy as np
    >>> X = nearest_psd([[1.0, 2.0], [2.0, 1.0]])   # eigenvalues 3 and -1
    >>> np.allclose(X, [[1.5, 1.5], [1.5, 1.5]])
    True
    >>> bool(np.linalg.eigvalsh(X)[0] >= -1e-12)
    True
    """
    A = check_matrix(A, "A", square=True)
    s = scale_of(A)  # eigen-decompose B / s (exact rescaling): (A + A^T) / 2 near 1e308 overflows
    As = A / s
    B = (As + As.T) / 2
    lam, V = np.linalg.eigh(B)
    X = (V * np.maximum(lam, 0)) @ V.T
    with np.errstate(over="ignore"):
        return check_no_overflow((X + X.T) / 2 * s, "an entry of the nearest PSD matrix")
