"""Shared plumbing of the Krylov solvers: SciPy's ``make_system`` and tolerance rules, and the test matrix."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import LinearOperator, aslinearoperator

from la4ml._validation import as_float_array, check_scalar, describe
from la4ml.errors import DTypeError, InvalidParameterError, NonFiniteError, NotSquareError, ShapeError

__all__ = ["make_system", "get_atol", "check_maxiter", "poisson2d", "as_csr"]


def _operator(A: Any, name: str) -> LinearOperator:
    if isinstance(A, LinearOperator):
        return A
    if sp.issparse(A):
        if np.issubdtype(A.dtype, np.complexfloating):
            raise DTypeError(f"{name} must be real, got a complex {describe(A)}; la4ml's solvers work on real matrices")
        if A.ndim != 2:
            raise ShapeError(f"{name} must be a 2-D matrix, got {describe(A)}")
        if A.dtype not in (np.float32, np.float64):
            A = A.astype(np.float64)
        return aslinearoperator(A)
    if callable(A) and not hasattr(A, "shape"):
        raise DTypeError(
            f"{name} must be an array, a sparse matrix or a LinearOperator, got the function {A!r}; "
            "wrap a matvec as scipy.sparse.linalg.LinearOperator((n, n), matvec=f)"
        )
    arr = as_float_array(A, name)
    if arr.ndim != 2:
        raise ShapeError(f"{name} must be a 2-D matrix, got {describe(arr)}")
    if arr.size and not np.isfinite(arr).all():
        raise NonFiniteError(f"{name} must contain only finite numbers, got {describe(arr)} with NaN or inf")
    return aslinearoperator(arr)


def as_csr(A: Any):
    """Return ``A`` as a CSR matrix with float32/float64 data when it is a sparse matrix, else None."""
    if sp.issparse(A) and A.format == "csr" and A.dtype in (np.float32, np.float64) and A.shape[0] == A.shape[1]:
        return A
    return None


def make_system(name: str, A: Any, M: Any, x0: Any, b: Any):
    """Validate ``A``, ``M``, ``x0`` and ``b`` as SciPy's ``make_system`` does.

    Returns ``(A_op, M_op, x, b)`` where ``x`` is a fresh array (``x0`` is never modified), ``b``
    is 1-D, and both have the dtype SciPy would choose (``float32`` kept when A and b are
    float32). ``M_op`` is None when no preconditioner was given.
    """
    A_op = _operator(A, "A")
    if A_op.shape[0] != A_op.shape[1]:
        raise NotSquareError(f"{name}: A must be square, got shape {A_op.shape}; "
                             "for a rectangular least-squares problem use scipy.sparse.linalg.lsqr")
    n = A_op.shape[0]
    b_arr = as_float_array(b, "b")
    if not (b_arr.shape == (n,) or b_arr.shape == (n, 1)):
        raise ShapeError(f"{name}: b must have shape ({n},) or ({n}, 1) to match A of shape {A_op.shape}, "
                         f"got {describe(b_arr)}")
    if not np.isfinite(b_arr).all():
        raise NonFiniteError(f"{name}: b must contain only finite numbers, got NaN or inf in {describe(b_arr)}")
    a_dtype = A_op.dtype if A_op.dtype in (np.float32, np.float64) else np.dtype(np.float64)
    xtype = np.result_type(a_dtype, b_arr.dtype)
    if xtype not in (np.float32, np.float64):
        xtype = np.dtype(np.float64)
    b_vec = np.asarray(b_arr, dtype=xtype).ravel()
    M_op = None
    if M is not None:
        M_op = _operator(M, "M")
        if M_op.shape != A_op.shape:
            raise ShapeError(f"{name}: M must have the shape of A, {A_op.shape}, got {M_op.shape}")
    if x0 is None:
        x = np.zeros(n, dtype=xtype)
    elif isinstance(x0, str):
        if x0 != "Mb":
            raise InvalidParameterError(f"{name}: x0 must be an array, None or 'Mb', got {x0!r}")
        x = np.array(M_op.matvec(b_vec) if M_op is not None else b_vec, dtype=xtype).ravel()
    else:
        x0_arr = as_float_array(x0, "x0")
        if not (x0_arr.shape == (n,) or x0_arr.shape == (n, 1)):
            raise ShapeError(f"{name}: x0 must have shape ({n},) to match A of shape {A_op.shape}, got {describe(x0_arr)}")
        x = np.array(x0_arr, dtype=xtype).ravel()  # np.array copies: x0 is never modified
    return A_op, M_op, x, b_vec


def get_atol(name: str, b_norm: float, atol: Any, rtol: Any) -> float:
    """SciPy's stopping threshold ``max(atol, rtol * ||b||)``, with invalid tolerances refused."""
    for value, label in ((rtol, "rtol"), (atol, "atol")):
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real) or not np.isfinite(value) or value < 0:
            raise InvalidParameterError(
                f"{name} called with invalid {label}={value!r}; {label} must be a real, non-negative, finite number "
                f"(the solver stops when ||b - A x|| <= max(rtol * ||b||, atol))"
            )
    return max(float(atol), float(rtol) * float(b_norm))


def check_maxiter(maxiter: Any, default: int, name: str = "maxiter") -> int:
    """``None`` gives ``default``; otherwise a positive integer."""
    if maxiter is None:
        return int(default)
    check_scalar(maxiter, name, kind=numbers.Integral, min_val=1)
    return int(maxiter)


def poisson2d(m: int, *, dtype=np.float64):
    """The five-point Laplacian on an ``m × m`` grid: a sparse SPD matrix of shape ``(m², m²)``.

    Parameters
    ----------
    m : int
        Grid points per side (at least 1). Unknowns are numbered row by row.
    dtype : {np.float64, np.float32}, default np.float64
        Data type of the entries.

    Returns
    -------
    A : scipy.sparse.csr_array of shape (m*m, m*m)
        ``4`` on the diagonal and ``-1`` for each of the (up to four) grid neighbours,
        the Dirichlet Laplacian without the ``1/h²`` factor.

    Raises
    ------
    OutOfRangeError
        If ``m < 1``.

    Notes
    -----
    ``A = T ⊗ I + I ⊗ T`` with ``T = tridiag(-1, 2, -1)`` of size ``m``. Its eigenvalues are
    ``4 sin²(iπ/(2(m+1))) + 4 sin²(jπ/(2(m+1)))``, so ``κ(A) = cot²(π/(2(m+1))) ≈ (2(m+1)/π)²``.

    References
    ----------
    .. [1] Y. Saad, *Iterative Methods for Sparse Linear Systems*, 2nd ed., SIAM, 2003, §2.2.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from la4ml.krylov import poisson2d
    >>> A = poisson2d(3)
    >>> A.shape
    (9, 9)
    >>> T = sp.diags_array([-np.ones(2), 2 * np.ones(3), -np.ones(2)], offsets=[-1, 0, 1])
    >>> np.allclose(A.toarray(), sp.kronsum(T, T).toarray())
    True
    """
    check_scalar(m, "m", kind=numbers.Integral, min_val=1)
    dtype = np.dtype(dtype)
    if dtype not in (np.float32, np.float64):
        raise DTypeError(f"dtype must be float32 or float64, got {dtype}")
    m = int(m)
    e = np.ones(m, dtype=dtype)
    T = sp.diags_array([-e[1:], 2 * e, -e[1:]], offsets=[-1, 0, 1], shape=(m, m), format="csr", dtype=dtype)
    I = sp.eye_array(m, dtype=dtype, format="csr")
    A = (sp.kron(T, I, format="csr") + sp.kron(I, T, format="csr")).tocsr()
    A.sort_indices()
    return sp.csr_array(A, dtype=dtype)
