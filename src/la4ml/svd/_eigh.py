"""The SVD the textbook way, through the eigendecomposition of AᵀA (kept to show what it loses)."""

from __future__ import annotations

import numpy as np

from la4ml._validation import check_matrix, scale_of
from la4ml.svd._flip import _svd_flip

__all__ = ["svd_via_eigh"]


def svd_via_eigh(A):
    """The thin SVD ``A = U diag(s) Vt`` computed from the eigendecomposition of ``AᵀA`` (or ``AAᵀ``).

    The textbook route: the eigenvectors of the symmetric matrix ``AᵀA`` are the right singular
    vectors ``v_i``, its eigenvalues are the squares ``σ_i²``, and ``u_i = A v_i / σ_i``. It is
    correct in exact arithmetic and loses accuracy in floating point, because forming ``AᵀA``
    squares the condition number: a singular value below about ``sqrt(eps) · σ_max`` (``1.5e-8 ·
    σ_max`` in float64) is lost entirely. Use ``np.linalg.svd``, which never forms ``AᵀA``, for
    real work; this function is here to measure the difference.

    Parameters
    ----------
    A : array_like of shape (m, n)
        A real, finite matrix (float32 is kept; other real dtypes become float64).

    Returns
    -------
    U : ndarray of shape (m, k), k = min(m, n)
        Left singular vectors as columns.
    s : ndarray of shape (k,)
        Singular values, largest first, ``sqrt(max(λ_i, 0))`` of the eigenvalues ``λ_i``.
    Vt : ndarray of shape (k, n)
        Right singular vectors as rows.

    Raises
    ------
    ShapeError, EmptyInputError, NonFiniteError, DTypeError
        ``A`` is not a nonempty, finite, real 2-D matrix.

    Notes
    -----
    When ``m >= n`` the ``n × n`` matrix ``G = AᵀA`` is decomposed, ``G = V diag(λ) Vᵀ``, and
    ``U = A V diag(1/σ)``; when ``m < n`` the smaller ``AAᵀ`` is used, the roles of ``U`` and ``V``
    swapped. A backward stable eigensolver returns each ``λ_i`` with an error of about
    ``max(m, n) · eps · σ_max²``, so ``σ_i`` has a *relative* error of about
    ``max(m, n) · eps · (σ_max / σ_i)²`` — the square of what ``np.linalg.svd`` achieves.

    A column ``u_i`` whose ``λ_i`` is at or below that noise level, ``max(m, n) · eps · λ_max``,
    is not ``A v_i / σ_i`` (which would divide rounding errors by almost nothing): those columns
    complete the others to an orthonormal set. Their ``σ_i`` are returned as computed —
    rounding noise of size up to about ``sqrt(max(m, n) · eps) · σ_max``, not zeros.

    Signs follow :func:`la4ml.svd.svd_flip` (the largest entry of each column of ``U`` is
    positive). The matrix is first scaled by a power of two, so ``AᵀA`` neither overflows nor
    underflows for entries near the limits of the float range.

    References
    ----------
    L. N. Trefethen and D. Bau, *Numerical Linear Algebra*, SIAM, 1997, Lecture 31 ("Computing
    the SVD"), which shows this loss of accuracy and the bidiagonalization that avoids it.

    Examples
    --------
    >>> import numpy as np
    >>> from la4ml.svd import svd_via_eigh
    >>> A = np.array([[2.0, 2.0], [-1.0, 2.0]])      # AᵀA = [[5, 2], [2, 8]], eigenvalues 9 and 4
    >>> U, s, Vt = svd_via_eigh(A)
    >>> s
    array([3., 2.])
    >>> np.allclose(U @ np.diag(s) @ Vt, A) and np.allclose(s, np.linalg.svd(A, compute_uv=False))
    True
    """
    A = check_matrix(A, "A")
    m, n = A.shape
    c = scale_of(A)                                   # a power of two: dividing by it is exact
    As = A / c
    if m >= n:
        U, s, V = _from_gram(As)                      # U (m, n), V (n, n)
    else:
        V, s, U = _from_gram(As.T)                    # V (n, m), U (m, m)
    U, Vt = _svd_flip(U, V.T)
    return U, (s * c).astype(A.dtype, copy=False), Vt


def _from_gram(A):
    """For a tall or square A (m >= n): (U, s, V) from eigh(AᵀA), U of shape (m, n), V of shape (n, n)."""
    m, n = A.shape
    lam, V = np.linalg.eigh(A.T @ A)                  # ascending eigenvalues
    lam, V = lam[::-1], V[:, ::-1]                    # largest first
    s = np.sqrt(np.clip(lam, 0.0, None))
    noise = max(m, n) * np.finfo(A.dtype).eps * lam[0]
    r = int(np.count_nonzero(lam > noise))            # the columns u_i = A v_i / σ_i that mean something
    U = np.empty((m, n), dtype=A.dtype)
    U[:, :r] = (A @ V[:, :r]) / s[:r]
    if r < n:                                         # complete with directions orthogonal to those
        Q, _ = np.linalg.qr(U[:, :r], mode="complete")
        U[:, r:] = Q[:, r:n]
    return U, s, V
