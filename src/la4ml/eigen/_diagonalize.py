"""Matrix powers through the eigendecomposition A = V Λ V⁻¹."""

from __future__ import annotations

import numbers

import numpy as np

from la4ml._validation import check_matrix, check_scalar
from la4ml.errors import DefectiveMatrixError, DTypeError, SingularMatrixError

__all__ = ["matrix_power"]

#: default limit on cond(V): above it, V Λ^k V⁻¹ would lose more than half of float64's digits
DEFAULT_MAX_COND = 1.0 / np.sqrt(np.finfo(np.float64).eps)      # ≈ 6.7e7


def matrix_power(A, k, *, max_cond=None):
    """``A`` raised to the integer power ``k``, through the eigendecomposition ``A = V Λ V⁻¹``.

    Parameters
    ----------
    A : array_like of shape (n, n)
        A real square matrix, diagonalizable with a well-conditioned eigenvector matrix.
    k : int
        The power. ``k = 0`` gives the identity and ``k = 1`` a copy of ``A`` for any square
        ``A`` (no decomposition needed), as ``np.linalg.matrix_power`` does; a negative ``k``
        gives a power of the inverse.
    max_cond : float, optional
        The largest condition number ``κ₂(V)`` of the eigenvector matrix accepted. Default
        ``1/√eps ≈ 6.7e7`` (float64).

    Returns
    -------
    Ak : ndarray of shape (n, n)
        ``V Λ^k V⁻¹``, real, in ``A``'s floating dtype (float32 stays float32; the work is
        done in float64).

    Raises
    ------
    DefectiveMatrixError
        ``A`` is defective or nearly so: ``κ₂(V) > max_cond``. The message says to use
        ``np.linalg.matrix_power`` (repeated squaring), which needs no eigenvectors.
    SingularMatrixError
        ``k < 0`` and an eigenvalue is zero up to rounding (``|λ| ≤ n·eps·max|λ|``).
    DTypeError
        ``k`` is not an integer.
    ShapeError, NotSquareError, NonFiniteError, EmptyInputError
        ``A`` is not a finite real square matrix.

    Notes
    -----
    ``A^k = (V Λ V⁻¹)(V Λ V⁻¹)⋯ = V Λ^k V⁻¹``: the inner ``V⁻¹V`` cancel, and a power of the
    diagonal ``Λ`` is the power of each eigenvalue. A symmetric ``A`` (exactly equal to its
    transpose) uses ``eigh``: ``V = Q`` is orthogonal, ``V⁻¹ = Qᵀ`` and ``κ₂(Q) = 1``.
    Otherwise ``eig`` gives ``V`` (complex when ``A`` has complex eigenvalues; the imaginary
    part of the result is rounding and is dropped).

    **Defective, numerically.** A defective matrix (a Jordan block such as ``[[1, 1], [0, 1]]``)
    lacks ``n`` independent eigenvectors; ``eig`` still returns ``n`` columns, but nearly
    parallel ones, and ``κ₂(V)`` is of order ``1/eps`` (about 9e15 for that block). The
    rounding errors of ``V Λ^k V⁻¹`` are amplified by about ``κ₂(V)``, so ``κ₂(V) > 1/√eps``
    means more than half of the 16 digits are gone; this function refuses rather than return
    them. Repeated eigenvalues alone are not defective (``2 I`` has ``κ₂(V) = 1``).

    The answer equals ``np.linalg.matrix_power(A, k)`` (repeated squaring, ``O(n³ log k)``) to
    within about ``κ₂(V)·|k|·n·eps`` relative; the point of the eigen route is that any power,
    even a fractional one, costs one decomposition.

    References
    ----------
    G. Strang, *Introduction to Linear Algebra*, 5th ed., Wellesley-Cambridge Press, 2016, §6.2;
    G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., 2013, §9.1 (eigenvalue methods for matrix functions).

    Examples
    --------
    >>> import numpy as np
    >>> F = np.array([[1.0, 1.0], [1.0, 0.0]])        # Fibonacci: F^k = [[f(k+1), f(k)], [f(k), f(k-1)]]
    >>> matrix_power(F, 10)
    array([[89., 55.],
           [55., 34.]])
    >>> A = np.array([[4.0, 1.0], [2.0, 3.0]])        # not symmetric: eigenvalues 5 and 2
    >>> np.allclose(matrix_power(A, 6), np.linalg.matrix_power(A, 6))
    True
    """
    A = check_matrix(A, "A", square=True)
    if isinstance(k, bool) or not isinstance(k, numbers.Integral):
        raise DTypeError(f"k must be an int, got {k!r} of type {type(k).__name__}; for a fractional power "
                         "use scipy.linalg.fractional_matrix_power")
    k = int(k)
    if max_cond is None:
        max_cond = DEFAULT_MAX_COND
    check_scalar(max_cond, "max_cond", min_val=1.0)
    n, dtype = A.shape[0], A.dtype
    if k == 0:
        return np.eye(n, dtype=dtype)
    if k == 1:
        return A.copy()
    A = A.astype(np.float64, copy=False)
    return _power_by_eigen(A, k, max_cond).astype(dtype, copy=False)


def _power_by_eigen(A, k, max_cond):
    """V Λ^k V⁻¹, after checking that V is a usable basis (and Λ invertible for k < 0)."""
    n = A.shape[0]
    symmetric = np.array_equal(A, A.T)
    if symmetric:
        lam, V = np.linalg.eigh(A)                           # orthonormal V: V⁻¹ = Vᵀ
    else:
        lam, V = np.linalg.eig(A)                            # eigenvectors are the COLUMNS of V
        cond = np.linalg.cond(V)
        if not cond <= max_cond:                             # also catches inf and NaN
            raise DefectiveMatrixError(
                f"A is defective or nearly so: its eigenvector matrix V has condition number {cond:.3g} > "
                f"max_cond = {max_cond:.3g}, so V Λ^k V⁻¹ would lose about {np.log10(cond):.0f} of 16 digits (a "
                "Jordan block such as [[1, 1], [0, 1]] has one eigenvector direction, not two); use "
                "np.linalg.matrix_power(A, k), which multiplies A by itself and needs no eigenvectors"
            )
    if k < 0 and np.min(np.abs(lam)) <= n * np.finfo(np.float64).eps * np.max(np.abs(lam)):
        i = int(np.argmin(np.abs(lam)))
        raise SingularMatrixError(
            f"A is singular (eigenvalue {lam[i]:.3g}, zero up to rounding), so A^{k} = (A⁻¹)^{-k} does not exist; "
            "use a nonnegative k, or np.linalg.pinv(A) for a least-squares substitute"
        )
    if symmetric:
        Ak = (V * lam**k) @ V.T                              # Q Λ^k Qᵀ
    else:
        Ak = np.linalg.solve(V.T, (V * lam**k).T).T          # (V Λ^k) V⁻¹ without forming V⁻¹
    return np.real(Ak) if np.iscomplexobj(Ak) else Ak
