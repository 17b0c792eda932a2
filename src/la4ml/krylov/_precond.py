"""Preconditioners returned as LinearOperators: Jacobi and incomplete Cholesky IC(0)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import LinearOperator

from la4ml._validation import as_float_array, describe
from la4ml.errors import (NotPositiveDefiniteError, NotSquareError, NumericOverflowError, ShapeError,
                          SingularMatrixError)
from la4ml.krylov import _kernels as K

__all__ = ["jacobi", "incomplete_cholesky"]


def _square(A, name="A"):
    if sp.issparse(A):
        if A.ndim != 2 or A.shape[0] != A.shape[1]:
            raise NotSquareError(f"{name} must be square, got {describe(A)}")
        if A.dtype not in (np.float32, np.float64):
            A = A.astype(np.float64)
        return sp.csr_array(A)
    arr = as_float_array(A, name)
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1]:
        raise NotSquareError(f"{name} must be a square matrix, got {describe(arr)}")
    if not np.isfinite(arr).all():
        raise ShapeError(f"{name} must contain only finite numbers")
    return sp.csr_array(arr)


def jacobi(A):
    """The Jacobi (diagonal) preconditioner ``M = D⁻¹``, as a LinearOperator.

    Parameters
    ----------
    A : {ndarray, sparse matrix} of shape (n, n)
        The system matrix; only its diagonal is used.

    Returns
    -------
    M : scipy.sparse.linalg.LinearOperator of shape (n, n)
        ``M @ r = r / diag(A)`` (a division, elementwise), in A's float dtype.

    Raises
    ------
    SingularMatrixError
        If a diagonal entry is zero.
    NumericOverflowError
        If a diagonal entry is so small (a subnormal number, below ``1 / finfo.max``) that its
        reciprocal overflows: the message gives the entry, its index and the fix.
    NotSquareError
        If ``A`` is not square.

    Notes
    -----
    Scaling by ``D⁻¹`` equalizes the rows; it helps most when the diagonal varies widely and
    not at all when it is constant (as for :func:`poisson2d`, whose diagonal is all 4).

    Examples
    --------
    >>> import numpy as np
    >>> from la4ml.krylov import jacobi
    >>> A = np.array([[4.0, 1.0], [1.0, 2.0]])
    >>> M = jacobi(A)
    >>> np.allclose(M @ np.array([4.0, 2.0]), np.linalg.solve(np.diag(np.diag(A)), [4.0, 2.0]))
    True
    """
    A = _square(A)
    d = A.diagonal()
    zero = np.flatnonzero(d == 0)
    if zero.size:
        raise SingularMatrixError(
            f"jacobi: A has a zero diagonal entry at index {int(zero[0])}, so D⁻¹ does not exist; "
            "reorder the unknowns or use another preconditioner (incomplete_cholesky, or none)"
        )
    tiny = np.abs(d) < 1.0 / float(np.finfo(A.dtype).max)  # 1/d would overflow (subnormal d, nothing else)
    if tiny.any():
        i = int(np.flatnonzero(tiny)[0])
        raise NumericOverflowError(
            f"jacobi: A[{i}, {i}] = {float(d[i])!r} is so small that 1 / A[{i}, {i}] overflows {A.dtype} (beyond "
            f"{np.finfo(A.dtype).max:.4g}; {int(np.count_nonzero(tiny))} of {d.size} diagonal entries are this small); "
            "such an entry is zero in all but name: if the whole matrix is this small, rescale it (A * 1e300 and "
            "b * 1e300 give the same solution), otherwise use another preconditioner (incomplete_cholesky, or none)"
        )
    inv_d = (1.0 / d).astype(A.dtype)

    def matvec(r):
        r = np.asarray(r)
        return r * inv_d if r.ndim == 1 else r * inv_d[:, None]

    M = LinearOperator(A.shape, matvec=matvec, rmatvec=matvec, matmat=matvec, dtype=A.dtype)
    M._la4ml_solve = lambda r, z: K.scale_into(r, inv_d, z)  # in-place apply, used by la4ml's cg
    return M


def incomplete_cholesky(A):
    """Zero fill-in incomplete Cholesky IC(0): ``M = (L Lᵀ)⁻¹`` with ``L`` on A's pattern.

    Parameters
    ----------
    A : {ndarray, sparse matrix} of shape (n, n)
        Symmetric positive definite (only the lower triangle is read).

    Returns
    -------
    M : scipy.sparse.linalg.LinearOperator of shape (n, n)
        Applies ``(L Lᵀ)⁻¹`` by one forward and one backward triangular solve. The factor is
        available as ``M.L`` (a CSR lower-triangular matrix).

    Raises
    ------
    NotPositiveDefiniteError
        If a pivot ``a_ii − Σ l_ij²`` is not positive (IC(0) can break down even for SPD
        matrices): the message gives the row and the fix, a diagonal shift ``A + αI``.
    NotSquareError
        If ``A`` is not square.

    Notes
    -----
    IC(0) runs the Cholesky recurrences but keeps only the entries where ``A`` is nonzero, so
    ``L`` costs no more memory than ``tril(A)`` and ``L Lᵀ`` matches ``A`` on that pattern.
    For :func:`poisson2d` this roughly halves the CG iteration count.

    References
    ----------
    .. [1] J. A. Meijerink and H. A. van der Vorst, "An iterative solution method for linear
       systems of which the coefficient matrix is a symmetric M-matrix", Math. Comp. 31, 1977.
    .. [2] Y. Saad, *Iterative Methods for Sparse Linear Systems*, 2nd ed., SIAM, 2003, §10.3.

    Examples
    --------
    >>> import numpy as np
    >>> from la4ml.krylov import incomplete_cholesky
    >>> A = np.array([[4.0, -1.0, 0.0], [-1.0, 4.0, -1.0], [0.0, -1.0, 4.0]])  # tridiagonal: no fill-in
    >>> M = incomplete_cholesky(A)
    >>> np.allclose(M.L.toarray(), np.linalg.cholesky(A))
    True
    """
    A = _square(A)
    n = A.shape[0]
    L = sp.tril(A, format="csr")
    L.sum_duplicates()
    L.sort_indices()
    counts = np.diff(L.indptr)
    last = L.indptr[1:] - 1
    # a row with no stored entry (an all-zero row: L.indices may even be empty) has no diagonal either
    has_diag = np.zeros(n, dtype=bool)
    has_diag[counts > 0] = L.indices[last[counts > 0]] == np.flatnonzero(counts > 0)
    if n and not has_diag.all():
        i = int(np.flatnonzero(~has_diag)[0])
        raise NotPositiveDefiniteError(
            f"incomplete_cholesky: A[{i}, {i}] is zero, so A is not positive definite; "
            "shift the diagonal (A + alpha * I with alpha > 0) or check the matrix"
        )
    data, bad, value = K.ic0(L.indptr, L.indices, L.data.astype(np.float64), n)
    if bad >= 0:
        raise NotPositiveDefiniteError(
            f"incomplete_cholesky broke down at row {bad}: the pivot a_ii - sum_j l_ij^2 = {value:.6g} is not "
            "positive (IC(0) drops fill-in and can fail even for SPD matrices); factor A + alpha * I instead, "
            "with a small diagonal shift alpha (for example 1e-3 * max|a_ii|), or use jacobi"
        )
    Lmat = sp.csr_array((data, L.indices.copy(), L.indptr.copy()), shape=(n, n))
    Lstrict = sp.tril(Lmat, k=-1, format="csr").astype(A.dtype)
    Ustrict = Lstrict.T.tocsr()
    Ustrict.sort_indices()
    parts = (K.unsigned(Lstrict.indptr), K.unsigned(Lstrict.indices), Lstrict.data,
             K.unsigned(Ustrict.indptr), K.unsigned(Ustrict.indices), Ustrict.data,
             (1.0 / Lmat.diagonal()).astype(A.dtype))

    def solve(r, z):
        K.ic_solve(*parts, r, z)

    def matvec(r):
        r = np.ascontiguousarray(np.asarray(r).ravel(), dtype=A.dtype)
        z = np.empty_like(r)
        solve(r, z)
        return z

    M = LinearOperator((n, n), matvec=matvec, rmatvec=matvec, dtype=A.dtype)
    M._la4ml_solve = solve  # in place, used by la4ml's cg
    M.L = Lmat
    return M
