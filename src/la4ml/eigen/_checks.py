"""Validation shared by la4ml.eigen: square operators (dense or sparse), start vectors, parameters."""

from __future__ import annotations

import numbers

import numpy as np
import scipy.sparse

from la4ml._validation import check_matrix, check_random_state, check_scalar, check_vector
from la4ml.errors import DTypeError, EmptyInputError, NonFiniteError, NotSquareError, OutOfRangeError, ZeroVectorError

__all__ = ["check_operator", "frobenius_norm", "start_vector", "check_tol", "check_maxiter", "check_weights", "fix_sign"]


def check_operator(A, name: str = "A", *, sparse_ok: bool = True):
    """A square, finite, real matrix as float64: a dense ndarray, or a CSR array when ``A`` is sparse."""
    if scipy.sparse.issparse(A):
        if not sparse_ok:
            raise DTypeError(
                f"{name} must be a dense matrix here, got a sparse {type(A).__name__} of shape {A.shape}; "
                f"pass {name}.toarray() if it fits in memory, or use scipy.sparse.linalg.eigs(A, sigma=shift) "
                "for a large sparse matrix"
            )
        if A.ndim != 2 or A.shape[0] != A.shape[1]:
            raise NotSquareError(f"{name} must be square, got a sparse matrix of shape {tuple(A.shape)}")
        if A.shape[0] == 0:
            raise EmptyInputError(f"{name} must not be empty, got a sparse matrix of shape {tuple(A.shape)}")
        if np.issubdtype(A.dtype, np.complexfloating) or not (np.issubdtype(A.dtype, np.number) or A.dtype == bool):
            raise DTypeError(f"{name} must be real, got a sparse matrix of dtype {A.dtype}; pass {name}.real "
                             "if the imaginary part is zero")
        A = scipy.sparse.csr_array(A, dtype=np.float64)
        A.sum_duplicates()
        if A.data.size and not np.isfinite(A.data).all():
            k = int(np.flatnonzero(~np.isfinite(A.data))[0])
            row = int(np.searchsorted(A.indptr, k, side="right") - 1)
            raise NonFiniteError(f"{name} must contain only finite numbers, got {A.data[k]} at index "
                                 f"({row}, {int(A.indices[k])}); remove or impute missing values before calling")
        return A
    A = check_matrix(A, name, square=True)
    return A.astype(np.float64, copy=False)


def frobenius_norm(A) -> float:
    """‖A‖_F without overflow or underflow for entries near the limits of float64 (scaled by max|A|)."""
    data = A.data if scipy.sparse.issparse(A) else A
    if data.size == 0:
        return 0.0
    amax = float(np.max(np.abs(data)))
    if amax == 0.0 or not np.isfinite(amax):
        return amax
    return amax * float(np.linalg.norm(data.ravel() / amax))


def start_vector(x0, n: int, random_state, name: str = "x0") -> np.ndarray:
    """A unit start vector: ``x0 / ‖x0‖`` (a new array; ``x0`` is never modified), or a random Gaussian one."""
    if x0 is None:
        x = check_random_state(random_state).standard_normal(n)
    else:
        x = check_vector(x0, name, size=n).astype(np.float64, copy=True)
    nx = np.linalg.norm(x)
    if nx == 0.0:
        raise ZeroVectorError(f"{name} must not be the zero vector: it has no direction to iterate on; "
                              "pass a nonzero start vector, or x0=None for a random one")
    if not np.isfinite(nx):  # entries so large their squares overflow
        x = x / np.max(np.abs(x))
        nx = np.linalg.norm(x)
    return x / nx


def check_tol(tol, name: str = "tol") -> float:
    """A tolerance: a finite real number >= 0."""
    check_scalar(tol, name, min_val=0.0)
    return float(tol)


def check_maxiter(maxiter, name: str = "maxiter") -> int:
    """An iteration limit: an int >= 1."""
    if isinstance(maxiter, bool) or not isinstance(maxiter, numbers.Integral):
        raise DTypeError(f"{name} must be an int, got {maxiter!r} of type {type(maxiter).__name__}")
    check_scalar(int(maxiter), name, min_val=1)
    return int(maxiter)


def check_weights(w, n: int, name: str, *, required_sum: bool = True) -> np.ndarray:
    """A nonnegative, finite weight vector of length ``n`` with a positive sum, normalized to sum 1."""
    w = check_vector(w, name, size=n).astype(np.float64, copy=True)
    if (w < 0).any():
        i = int(np.flatnonzero(w < 0)[0])
        raise OutOfRangeError(f"{name} must be nonnegative (one weight per node), got {name}[{i}] = {float(w[i])!r}; "
                              "weights are relative amounts, so use 0 for a node that gets none")
    total = float(w.sum())
    if required_sum and total == 0.0:
        raise ZeroVectorError(f"{name} must have a positive sum, got all zeros; give at least one node a positive weight "
                         f"(or pass {name}=None for the uniform vector)")
    return w / total


def fix_sign(x: np.ndarray) -> np.ndarray:
    """Flip ``x`` so that its entry of largest magnitude (the first one, in a tie) is positive."""
    i = int(np.argmax(np.abs(x)))
    return -x if x[i] < 0 else x

