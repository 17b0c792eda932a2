"""Jitter (adding εI until Cholesky succeeds) and the nearest positive semidefinite matrix."""

from __future__ import annotations

import numbers

import numpy as np

from la4ml._validation import check_matrix, check_scalar
from la4ml.errors import NotPositiveDefiniteError
from la4ml.factorizations import cholesky

__all__ = ["add_jitter", "nearest_psd"]


def add_jitter(A, jitter=None, max_tries=12):
    """Add the smallest multiple of the identity that makes a Cholesky factorization succeed.

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
        ``0.0`` when ``A`` already factors.

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
    possible. The jitter returned is the smallest that lets Cholesky succeed (a per-pivot test,
    relative to each diagonal entry); it can be below the more conservative tolerance of
    :func:`definiteness` (relative to the largest eigenvalue), which may then still say
    "positive semidefinite". Gaussian-process libraries do the same (GPyTorch's ``psd_safe_cholesky`` starts at
    ``1e-6`` for float32 and ``1e-8`` for float64 and multiplies by 10).

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
    if isinstance(max_tries, bool) or not isinstance(max_tries, numbers.Integral):
        raise TypeError(f"max_tries must be an int, got {max_tries!r}")
    check_scalar(max_tries, "max_tries", min_val=1)
    n = A.shape[0]
    try:
        cholesky(A, check_symmetric=False)
        return A.copy(), 0.0
    except NotPositiveDefiniteError:
        pass
    if jitter is None:
        s = float(np.trace(A)) / n
        s = s if s > 0 else 1.0
        jitter = 10 * float(np.finfo(A.dtype).eps) * s
    else:
        check_scalar(jitter, "jitter", min_val=0, include_min=False)
        jitter = float(jitter)
    eye = np.eye(n, dtype=A.dtype)
    for t in range(int(max_tries)):
        current = jitter * 10.0**t
        A_j = A + A.dtype.type(current) * eye
        try:
            cholesky(A_j, check_symmetric=False)
            return A_j, current
        except NotPositiveDefiniteError:
            continue
    lam_min = float(np.linalg.eigvalsh(A)[0])
    raise NotPositiveDefiniteError(
        f"{name} is not positive definite even after adding {current:.3g}·I ({max_tries} tries from "
        f"{jitter:.3g}): its smallest eigenvalue is {lam_min:.6g}. Jitter repairs a matrix that is "
        "positive semidefinite up to rounding; an eigenvalue this negative means it is not a covariance "
        "or kernel matrix: check how it was built, or project it with nearest_psd"
    )


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
    B = (A + A.T) / 2
    lam, V = np.linalg.eigh(B)
    X = (V * np.maximum(lam, 0)) @ V.T
    return (X + X.T) / 2
