"""Shared plumbing of the Krylov solvers: SciPy's ``make_system`` and tolerance rules, and the test matrix."""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import LinearOperator, aslinearoperator

from la4ml._validation import _memory_bytes, _not_finite, as_float_array, check_scalar, describe
from la4ml.errors import (DTypeError, InvalidParameterError, NonFiniteError, NotSquareError, NumericOverflowError,
                          OutOfRangeError, ShapeError)

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
        if not np.isfinite(x0_arr).all():
            i = int(np.flatnonzero(~np.isfinite(x0_arr.ravel()))[0])
            raise NonFiniteError(f"{name}: x0 must contain only finite numbers, got {x0_arr.ravel()[i]} at index {i} "
                                 f"(in {describe(x0_arr)}); pass x0=None to start from zero")
        x = np.array(x0_arr, dtype=xtype).ravel()  # np.array copies: x0 is never modified
    check_scale(name, A_op, x, b_vec)
    return A_op, M_op, x, b_vec


def _log_norm(a: Any) -> float:
    """``log ||a||`` (2-norm of the entries, Frobenius for a matrix); ``-inf`` for zero. Never overflows:
    outside ``[sqrt(tiny), sqrt(max / size)]`` the norm is taken in units of ``max|a|``."""
    a = np.asarray(a).ravel()
    if a.size == 0:
        return -math.inf
    top = max(float(a.max()), -float(a.min()))  # max|a| without an |a| temporary (A may be large)
    if top == 0.0:
        return -math.inf
    info = np.finfo(a.dtype)
    if math.sqrt(float(info.tiny)) <= top <= math.sqrt(float(info.max) / a.size):  # squares cannot over/underflow
        return math.log(float(np.linalg.norm(a)))
    return math.log(top) + math.log(float(np.linalg.norm(a / a.dtype.type(top))))


def _matrix_entries(A_op: LinearOperator):
    """The stored entries of the matrix behind ``A_op`` (None for a user's LinearOperator: unknown)."""
    A = getattr(A_op, "A", None)
    if isinstance(A, np.ndarray):
        return A
    if sp.issparse(A):
        data = getattr(A, "data", None)
        return data if isinstance(data, np.ndarray) else A.tocsr().data
    return None


def _pow10(log_value: float) -> str:
    return f"10^{log_value / math.log(10):.0f}"


def check_scale(name: str, A_op: LinearOperator, x: np.ndarray, b: np.ndarray) -> None:
    """Refuse ``A``, ``b``, ``x0`` whose scale makes the Krylov recurrences overflow (NumericOverflowError).

    The solvers run in the data's own units (as SciPy's): they form ``||r||²`` (r = b - A x),
    ``pᵀAp <= ||A|| ||p||²``, and for gmres/minres squares of ``||A v||`` with unit ``v``, summed over
    up to ``5 n`` iterations. Each must stay below ``finfo.max / (16 n)``, and the solution, whose
    norm is at least ``||b|| / ||A||_F``, below ``finfo.max / (16 n)`` too. Norms are computed in units
    of the largest entry, so this check itself cannot overflow; ``A`` given as a LinearOperator is
    not inspected (its entries are unknown). Inputs of ordinary scale (``max|entry|`` up to about
    ``1e150`` for n = 1000) always pass.
    """
    n = b.shape[0]
    if n == 0:
        return
    room = math.log(float(np.finfo(b.dtype).max) / (16 * n))
    entries = _matrix_entries(A_op)
    lb, lx = _log_norm(b), _log_norm(x)
    lA = _log_norm(entries) if entries is not None else None

    def top(a) -> str:
        return f"{float(np.max(np.abs(a))):.4g}" if np.size(a) else "0"

    common = (f"the solver forms squared norms and pᵀAp in {b.dtype}, whose largest value is "
              f"{float(np.finfo(b.dtype).max):.4g}")
    if 2 * lb > room:
        raise NumericOverflowError(
            f"{name}: b is too large: max|b| = {top(b)}, ||b|| ≈ {_pow10(lb)}, and {common} (||b||² ≈ "
            f"{_pow10(2 * lb)}); divide A and b by a common scale (e.g. A / 1e300 and b / 1e300: x is unchanged), "
            "or solve A y = b / s and take x = s * y")
    if lA is None:
        if 2 * lx > room:
            raise NumericOverflowError(
                f"{name}: x0 is too large: max|x0| = {top(x)}, so the first residual b - A x0 overflows; "
                "start from x0=None (zero) or a guess of the solution's own scale")
        return
    lr = float(np.logaddexp(lb, lA + lx))  # ||r0|| <= ||b|| + ||A||_F ||x0||
    if 2 * lr > room:
        raise NumericOverflowError(
            f"{name}: x0 is too large for A: max|x0| = {top(x)}, max|A| = {top(entries)}, so the first residual "
            f"b - A x0 can reach ||A||_F ||x0|| ≈ {_pow10(lA + lx)} and {common} (||r||² ≈ {_pow10(2 * lr)}); "
            "start from x0=None (zero) or a guess of the solution's own scale")
    if 2 * lA > room or lA + 2 * lr > room:
        what = (f"||A||_F² ≈ {_pow10(2 * lA)}" if 2 * lA > room
                else f"||A||_F ||r||² ≈ {_pow10(lA + 2 * lr)}")
        raise NumericOverflowError(
            f"{name}: A is too large: max|A| = {top(entries)}, ||A||_F ≈ {_pow10(lA)}, and {common} ({what}); "
            f"divide A and b by a common scale (e.g. A / 1e300 and b / 1e300: the solution x is unchanged)")
    if lA > -math.inf and lb - lA > room:
        raise NumericOverflowError(
            f"{name}: A is too small for b: max|A| = {top(entries)}, max|b| = {top(b)}, so the solution has norm "
            f"at least ||b|| / ||A||_F ≈ {_pow10(lb - lA)}, beyond the largest {b.dtype} "
            f"({float(np.finfo(b.dtype).max):.4g}); check A (entries near 1e-308 and below are usually the remains "
            "of an underflow), or rescale the problem so that the solution is of moderate size "
            "(e.g. A * 1e300 with b unchanged gives x / 1e300)")


def get_atol(name: str, b_norm: float, atol: Any, rtol: Any) -> float:
    """SciPy's stopping threshold ``max(atol, rtol * ||b||)``, with invalid tolerances refused."""
    for value, label in ((rtol, "rtol"), (atol, "atol")):
        # _not_finite, not np.isfinite: a Python int beyond int64 (10**30) is no NumPy number
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real) or _not_finite(value) or value < 0:
            raise InvalidParameterError(
                f"{name} called with invalid {label}={value!r}; {label} must be a real, non-negative, finite number "
                f"(the solver stops when ||b - A x|| <= max(rtol * ||b||, atol))"
            )
        if isinstance(value, numbers.Integral) and value > _FLOAT_MAX:
            raise InvalidParameterError(
                f"{name} called with {label} = an int of {len(str(int(value)))} digits, beyond the largest float "
                f"({_FLOAT_MAX:.4g}); {label} must be a real, non-negative, finite number such as 1e-5 "
                f"(the solver stops when ||b - A x|| <= max(rtol * ||b||, atol))"
            )
    return max(float(atol), float(rtol) * float(b_norm))


_FLOAT_MAX = float(np.finfo(np.float64).max)


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
        If ``m < 1``, or if the matrix (``m²`` unknowns, about ``5 m²`` nonzeros) would not fit in
        this machine's memory (the message gives the size it would need).

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
    # CSR: a value and an index per nonzero (5 per row, fewer on the border), one row pointer per unknown
    need = 5 * m * m * (dtype.itemsize + 8) + 8 * (m * m + 1)
    have = _memory_bytes()
    if need > have:
        raise OutOfRangeError(
            f"poisson2d(m={m}) has m² = {m * m:.3g} unknowns and about 5 m² = {5 * m * m:.3g} nonzeros: the matrix "
            f"would need {need / 2**30:.3g} GiB, more than this machine's {have / 2**30:.3g} GiB of memory; choose a "
            f"smaller m (about {5 * (dtype.itemsize + 8) + 8} bytes per unknown: m = 1000 is 10**6 unknowns, "
            f"{(5 * 1000**2 * (dtype.itemsize + 8)) / 2**20:.0f} MiB)")
    e = np.ones(m, dtype=dtype)
    T = sp.diags_array([-e[1:], 2 * e, -e[1:]], offsets=[-1, 0, 1], shape=(m, m), format="csr", dtype=dtype)
    I = sp.eye_array(m, dtype=dtype, format="csr")
    A = (sp.kron(T, I, format="csr") + sp.kron(I, T, format="csr")).tocsr()
    A.sort_indices()
    return sp.csr_array(A, dtype=dtype)
