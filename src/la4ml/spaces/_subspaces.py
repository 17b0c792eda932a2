"""The four fundamental subspaces of a matrix and its pseudo-inverse, from one SVD (Part 9)."""

from __future__ import annotations

import numbers
from typing import Any, NamedTuple

import numpy as np

from la4ml._validation import _not_finite, check_matrix, check_no_overflow
from la4ml.errors import DTypeError, OutOfRangeError
from la4ml.spaces._checks import default_tol

__all__ = ["null_space", "fundamental_subspaces", "FundamentalSubspaces", "pinv"]


def _check_rtol(rtol: Any) -> float | None:
    """``None`` (the default cut-off) or a finite real ``rtol >= 0``."""
    if rtol is None:
        return None
    if isinstance(rtol, bool) or not isinstance(rtol, numbers.Real) or _not_finite(rtol):
        raise DTypeError(
            f"rtol must be None or a finite real number, got {rtol!r} of type {type(rtol).__name__}; "
            "it is a fraction of the largest singular value, e.g. rtol=1e-8"
        )
    if rtol < 0:
        raise OutOfRangeError(
            f"rtol must be >= 0, got {rtol!r}; it is a fraction of the largest singular value "
            "(leave it None for the default max(m, n) * eps)"
        )
    try:
        value = float(rtol)
    except OverflowError:  # an int beyond float's range
        value = 1.0
    # rtol >= 1 cuts every singular value (none exceeds s.max()): capped here, rtol=1e308 cannot overflow later
    return min(value, 1.0)


def _cutoff(s: np.ndarray, shape: tuple[int, int], rtol: float | None) -> float:
    """Singular values ``<=`` this count as zero: ``rtol * s.max()``, by default ``max(m, n) * eps * s.max()``.

    The default is :func:`la4ml.spaces.numerical_rank`'s (NumPy's ``matrix_rank``), so every
    function of ``la4ml.spaces`` decides the rank the same way.
    """
    if rtol is None:
        return default_tol(s, shape, s.dtype)
    return float(rtol * s.max(initial=0.0))


def _largest_entry_positive(Q: np.ndarray) -> np.ndarray:
    """Flip the sign of each column of ``Q`` so that its entry of largest magnitude is positive."""
    if Q.shape[1] == 0:
        return Q
    i = np.argmax(np.abs(Q), axis=0)
    return Q * np.where(Q[i, np.arange(Q.shape[1])] < 0, -1, 1).astype(Q.dtype)


class FundamentalSubspaces(NamedTuple):
    """Orthonormal bases (as columns) of the four fundamental subspaces of an ``m × n`` matrix ``A``.

    ``A @ row_space == column_space * s[:rank]`` column by column (``s`` the singular values), so
    ``A`` maps the i-th row-space vector onto ``σᵢ`` times the i-th column-space vector.
    """

    column_space: np.ndarray
    """``(m, r)``: the range of ``A``, spanned by its columns (a subspace of ℝᵐ)."""
    null_space: np.ndarray
    """``(n, n - r)``: every ``x`` with ``A x = 0`` (a subspace of ℝⁿ, orthogonal to the row space)."""
    row_space: np.ndarray
    """``(n, r)``: the range of ``Aᵀ``, spanned by the rows of ``A`` (a subspace of ℝⁿ)."""
    left_null_space: np.ndarray
    """``(m, m - r)``: every ``y`` with ``Aᵀ y = 0`` (a subspace of ℝᵐ, orthogonal to the column space)."""
    rank: int
    """``r``, the numerical rank: how many singular values exceed the cut-off."""

    @property
    def dimensions(self) -> tuple[int, int, int, int]:
        """``(r, n - r, r, m - r)``: the dimensions, in the order of the fields."""
        return (self.column_space.shape[1], self.null_space.shape[1], self.row_space.shape[1],
                self.left_null_space.shape[1])


def fundamental_subspaces(A: Any, rtol: float | None = None) -> FundamentalSubspaces:
    r"""Orthonormal bases of the column space, null space, row space and left null space of ``A``.

    Parameters
    ----------
    A : array_like of shape (m, n)
    rtol : float >= 0, optional
        Singular values ``<= rtol * S.max()`` count as zero. The default is ``max(m, n) * eps``
        (``eps`` of ``A``'s dtype), the cut-off of :func:`numerical_rank` and
        :func:`numpy.linalg.matrix_rank`, so the rank here is the rank everywhere in ``la4ml``.

    Returns
    -------
    FundamentalSubspaces
        Named tuple ``(column_space, null_space, row_space, left_null_space, rank)``: four
        matrices with orthonormal columns, of shapes ``(m, r)``, ``(n, n - r)``, ``(n, r)`` and
        ``(m, m - r)``, and the rank ``r``. Its ``dimensions`` property is ``(r, n - r, r, m - r)``.
        Each pair ``(column_space[:, i], row_space[:, i])`` is the i-th pair of singular vectors,
        signed so that the column-space vector's largest entry is positive; each null-space
        column's largest entry is positive. Float32 input gives float32 bases.

    Notes
    -----
    With the full SVD :math:`A = U \Sigma V^T` and ``r`` singular values above the cut-off,

    * the first ``r`` columns of :math:`U` span the column space and the other ``m - r`` the
      left null space (both in :math:`\mathbb{R}^m`, orthogonal complements of each other);
    * the first ``r`` columns of :math:`V` (rows of :math:`V^T`) span the row space and the
      other ``n - r`` the null space (both in :math:`\mathbb{R}^n`).

    The null spaces need the *full* SVD: the thin one (``full_matrices=False``) of a wide matrix
    has no columns of :math:`V` beyond ``m``, and so loses ``n - m`` null-space directions.
    Memory grows like ``m² + n²`` because the left null space of a tall ``m × n`` matrix has
    ``m - r`` basis vectors of length ``m``.

    References
    ----------
    .. [1] G. Strang, "The fundamental theorem of linear algebra", *The American Mathematical
       Monthly* 100(9), 848–855, 1993.
    .. [2] G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., §2.4 (the SVD and
       the subspaces it exposes), 2013.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.linalg
    >>> A = np.array([[1.0, 2.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 2.0, 1.0, 2.0]])  # row 3 = row 1 + row 2
    >>> S = fundamental_subspaces(A)
    >>> S.rank, S.dimensions
    (2, (2, 2, 2, 1))
    >>> y = np.array([1.0, 1.0, -1.0]) / np.sqrt(3)  # row 1 + row 2 - row 3 = 0, so yᵀA = 0
    >>> np.allclose(S.left_null_space @ S.left_null_space.T, np.outer(y, y))  # the line through y
    True
    >>> N = scipy.linalg.null_space(A)
    >>> np.allclose(S.null_space @ S.null_space.T, N @ N.T)  # the same subspace as SciPy's
    True
    """
    rtol = _check_rtol(rtol)
    A = check_matrix(A, "A")  # (m, n)
    U, s, Vt = np.linalg.svd(A, full_matrices=True)  # U (m, m), Vt (n, n): the null spaces need all of them
    r = int(np.count_nonzero(s > _cutoff(s, A.shape, rtol)))
    col, row = U[:, :r], Vt[:r].T  # (m, r), (n, r)
    if r:  # flip each pair of singular vectors together, so A @ row == col * s[:r] still holds
        i = np.argmax(np.abs(col), axis=0)
        sign = np.where(col[i, np.arange(r)] < 0, -1, 1).astype(A.dtype)
        col, row = col * sign, row * sign
    return FundamentalSubspaces(
        column_space=col,
        null_space=_largest_entry_positive(Vt[r:].T),  # (n, n - r): the last rows of Vᵀ
        row_space=row,
        left_null_space=_largest_entry_positive(U[:, r:]),  # (m, m - r): the last columns of U
        rank=r,
    )


def null_space(A: Any, rtol: float | None = None) -> np.ndarray:
    r"""An orthonormal basis of the null space of ``A``: every ``x`` with ``A x = 0``.

    Parameters
    ----------
    A : array_like of shape (m, n)
    rtol : float >= 0, optional
        Singular values ``<= rtol * S.max()`` count as zero; the default ``max(m, n) * eps`` is
        :func:`numerical_rank`'s (and SciPy's ``null_space``'s ``rcond``).

    Returns
    -------
    N : ndarray of shape (n, n - r)
        Orthonormal columns (:math:`N^T N = I`) spanning :math:`\{x : Ax = 0\}`, with
        ``r = numerical_rank(A, tol=rtol * S.max())``: the last ``n - r`` right singular vectors.
        Each column's largest entry is positive. ``n - r`` may be 0 (then ``N`` has shape ``(n, 0)``).

    Notes
    -----
    A basis of a subspace is not unique (any rotation of the columns is another), so compare
    two results by their projectors ``N @ N.T``, not entry by entry. ``A N`` is zero up to the
    cut-off: ``||A N||₂`` is the largest singular value that was cut (at most ``rtol * S.max()``),
    plus the rounding of the product itself.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.linalg
    >>> A = np.array([[1.0, 1.0, 1.0], [2.0, 2.0, 2.0]])  # rank 1: x ⟂ (1, 1, 1)
    >>> N = null_space(A)
    >>> N.shape
    (3, 2)
    >>> bool(np.linalg.norm(A @ N) < 1e-14 * np.linalg.norm(A))
    True
    >>> np.allclose(N @ N.T, scipy.linalg.null_space(A) @ scipy.linalg.null_space(A).T)
    True
    """
    return fundamental_subspaces(A, rtol).null_space


def pinv(A: Any, rtol: float | None = None) -> np.ndarray:
    r"""The Moore–Penrose pseudo-inverse of ``A``, from the SVD, with small singular values cut.

    Parameters
    ----------
    A : array_like of shape (m, n)
    rtol : float >= 0, optional
        Singular values ``<= rtol * S.max()`` are treated as zero (their reciprocals are
        *not* taken). The default is ``max(m, n) * eps`` (``eps`` of ``A``'s dtype): the
        Array API default that NumPy 2 uses for ``np.linalg.pinv(A, rtol=None)``, SciPy's
        default for ``scipy.linalg.pinv(A)``, and :func:`numerical_rank`'s cut-off. Note that a
        bare ``np.linalg.pinv(A)`` (no ``rtol``) keeps NumPy's older fixed ``rcond=1e-15``.

    Returns
    -------
    A_pinv : ndarray of shape (n, m)
        :math:`A^+ = V_r \Sigma_r^{-1} U_r^T`. It satisfies the four Penrose conditions
        :math:`AA^+A = A`, :math:`A^+AA^+ = A^+`, :math:`(AA^+)^T = AA^+`,
        :math:`(A^+A)^T = A^+A`; :math:`A^+ b` is the minimum-norm least-squares solution of
        :math:`Ax = b`; :math:`AA^+` and :math:`A^+A` are the orthogonal projectors onto the
        column space and the row space.

    Notes
    -----
    Inverting every singular value is the classic mistake: a singular value that is zero in
    exact arithmetic comes out of the SVD as rounding noise (``1e-16 * S.max()``), and its
    reciprocal (``1e16``) turns that noise into the largest entries of the result. The cut-off
    is what makes the pseudo-inverse a continuous, useful object in floating point; its size
    decides how much of ``A`` is treated as noise.

    References
    ----------
    .. [1] R. Penrose, "A generalized inverse for matrices", *Proceedings of the Cambridge
       Philosophical Society* 51(3), 406–413, 1955.
    .. [2] G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., §5.5 (the
       rank-deficient least-squares problem), 2013.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1.0, 1.0]])  # x1 + x2 = b has many solutions
    >>> pinv(A) @ np.array([2.0])  # the shortest one
    array([1., 1.])
    >>> B = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0], [1.0, 0.0, 1.0]])
    >>> np.allclose(pinv(B), np.linalg.pinv(B, rtol=None))
    True
    """
    rtol = _check_rtol(rtol)
    A = check_matrix(A, "A")  # (m, n)
    U, s, Vt = np.linalg.svd(A, full_matrices=False)  # U (m, k), Vt (k, n), k = min(m, n)
    r = int(np.count_nonzero(s > _cutoff(s, A.shape, rtol)))
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        A_pinv = (Vt[:r].T / s[:r]) @ U[:, :r].T  # (n, r) (r, m): only the kept singular values are inverted
    return check_no_overflow(A_pinv, "pinv(A)", hint=(
        f"A's smallest kept singular value is {s[r - 1]:.3g}, whose reciprocal exceeds the float range; scale A "
        "up (pinv(c·A) = pinv(A) / c) or pass a larger rtol to cut that singular value" if r else ""))
