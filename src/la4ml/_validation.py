"""Input validation shared by every la4ml algorithm.

One module serves all, in the spirit of scikit-learn's ``check_array``: each check names the
parameter, shows what was received (shape, dtype, the offending value) and says the fix.
Checks return a NumPy array in a floating dtype (``float32`` is kept, every other real dtype
becomes ``float64``) and never modify their input.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from la4ml.errors import (
    DTypeError,
    EmptyInputError,
    NonFiniteError,
    NotSquareError,
    NotSymmetricError,
    OutOfRangeError,
    ShapeError,
)

__all__ = [
    "describe",
    "as_float_array",
    "check_matrix",
    "check_vector",
    "check_square",
    "check_symmetric",
    "check_same_length",
    "check_scalar",
    "check_in_range",
    "check_random_state",
]


def describe(a: Any) -> str:
    """Say what ``a`` is in a few words, for error messages and grader feedback.

    >>> describe(np.zeros((2, 3)))
    'array of shape (2, 3) and dtype float64'
    """
    if hasattr(a, "shape") and hasattr(a, "dtype"):
        kind = type(a).__name__
        kind = "array" if kind == "ndarray" else kind
        return f"{kind} of shape {tuple(a.shape)} and dtype {a.dtype}"
    if isinstance(a, (list, tuple)):
        try:
            arr = np.asarray(a)
            return f"{type(a).__name__} of shape {arr.shape}"
        except Exception:  # ragged nested lists
            return f"ragged {type(a).__name__} of length {len(a)}"
    return f"{type(a).__name__} {a!r}"


def as_float_array(a: Any, name: str) -> np.ndarray:
    """Convert ``a`` to a floating NumPy array, rejecting dtypes that cannot be linear algebra.

    Integers and booleans become ``float64``; ``float32``/``float64`` are kept; complex,
    strings and objects raise :class:`DTypeError`. PyTorch tensors on any device are accepted.
    """
    if hasattr(a, "detach") and hasattr(a, "cpu"):  # torch.Tensor without importing torch
        a = a.detach().cpu().numpy()
    try:
        arr = np.asarray(a)
    except ValueError as exc:  # ragged nested sequences
        raise ShapeError(
            f"{name} must be a rectangular array, got a ragged {type(a).__name__}; "
            "make every row the same length"
        ) from exc
    if arr.dtype == object:
        raise DTypeError(
            f"{name} must hold numbers, got {describe(arr)}; "
            "convert it with np.asarray(..., dtype=float) and check for None or strings"
        )
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise DTypeError(
            f"{name} must be real, got {describe(arr)}; "
            "la4ml's algorithms work on real matrices: pass A.real if the imaginary part is zero"
        )
    if not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise DTypeError(
            f"{name} must hold numbers, got {describe(arr)}; convert it with np.asarray(..., dtype=float)"
        )
    if arr.dtype not in (np.float32, np.float64):
        arr = arr.astype(np.float64)
    return arr


def _check_finite(arr: np.ndarray, name: str) -> None:
    if arr.size and not np.isfinite(arr).all():
        bad = np.argwhere(~np.isfinite(arr))[0]
        where = tuple(int(i) for i in bad)
        value = arr[tuple(bad)]
        raise NonFiniteError(
            f"{name} must contain only finite numbers, got {value} at index {where} "
            f"(in {describe(arr)}); remove or impute missing values before calling"
        )


def check_matrix(
    A: Any,
    name: str = "A",
    *,
    square: bool = False,
    symmetric: bool = False,
    allow_empty: bool = False,
    finite: bool = True,
) -> np.ndarray:
    """Validate a 2-D real matrix and return it as a floating NumPy array.

    Parameters
    ----------
    A : array_like of shape (m, n)
        The matrix to check.
    name : str
        The parameter's name, used in error messages.
    square : bool
        Require ``m == n``.
    symmetric : bool
        Require ``A == A.T`` up to rounding (implies ``square``).
    allow_empty : bool
        Accept a matrix with no elements.
    finite : bool
        Reject NaN and infinity.

    Raises
    ------
    ShapeError, NotSquareError, NotSymmetricError, NonFiniteError, EmptyInputError, DTypeError
    """
    arr = as_float_array(A, name)
    if arr.ndim != 2:
        hint = " (use A.reshape(1, -1) for a single row or A.reshape(-1, 1) for a column)" if arr.ndim == 1 else ""
        raise ShapeError(f"{name} must be a 2-D matrix, got {describe(arr)}{hint}")
    if arr.size == 0 and not allow_empty:
        raise EmptyInputError(f"{name} must not be empty, got {describe(arr)}")
    if square or symmetric:
        check_square(arr, name)
    if finite:
        _check_finite(arr, name)
    if symmetric:
        check_symmetric(arr, name)
    return arr


def check_square(A: np.ndarray, name: str = "A") -> None:
    """Raise :class:`NotSquareError` unless ``A`` is a square 2-D array."""
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise NotSquareError(f"{name} must be square, got shape {tuple(A.shape)}")


def check_symmetric(A: np.ndarray, name: str = "A", *, rtol: float = 1e-10, atol: float = 1e-12) -> None:
    """Raise :class:`NotSymmetricError` unless ``A`` equals its transpose up to rounding.

    The tolerance is relative to the largest entry: ``|A - A.T| <= atol + rtol * max|A|``.
    """
    check_square(A, name)
    if A.size == 0:
        return
    diff = np.abs(A - A.T)
    scale = float(np.max(np.abs(A)))
    if np.max(diff) > atol + rtol * scale:
        i, j = np.unravel_index(int(np.argmax(diff)), diff.shape)
        raise NotSymmetricError(
            f"{name} must be symmetric, but {name}[{i}, {j}] = {A[i, j]:.6g} while "
            f"{name}[{j}, {i}] = {A[j, i]:.6g}; symmetrize it with ({name} + {name}.T) / 2 "
            "if the difference is rounding"
        )


def check_vector(
    x: Any,
    name: str = "x",
    *,
    size: int | None = None,
    allow_empty: bool = False,
    finite: bool = True,
) -> np.ndarray:
    """Validate a 1-D real vector (a column ``(n, 1)`` is accepted and flattened)."""
    arr = as_float_array(x, name)
    if arr.ndim == 2 and arr.shape[1] == 1:
        arr = arr[:, 0]
    if arr.ndim != 1:
        raise ShapeError(f"{name} must be a 1-D vector, got {describe(arr)}; flatten it with np.ravel({name})")
    if arr.size == 0 and not allow_empty:
        raise EmptyInputError(f"{name} must not be empty, got {describe(arr)}")
    if size is not None and arr.shape[0] != size:
        raise ShapeError(f"{name} must have length {size} to match the matrix, got length {arr.shape[0]}")
    if finite:
        _check_finite(arr, name)
    return arr


def check_same_length(**arrays: np.ndarray) -> int:
    """Check that arrays given by keyword have the same first dimension; return it."""
    lengths = {k: len(v) for k, v in arrays.items()}
    if len(set(lengths.values())) > 1:
        detail = ", ".join(f"{k} has {n}" for k, n in lengths.items())
        raise ShapeError(f"inputs must have the same number of rows: {detail}")
    return next(iter(lengths.values()))


def check_scalar(
    x: Any,
    name: str,
    *,
    kind: type | tuple[type, ...] = numbers.Real,
    min_val: float | None = None,
    max_val: float | None = None,
    include_min: bool = True,
    include_max: bool = True,
) -> Any:
    """Validate a scalar parameter's type and range (like ``sklearn.utils.check_scalar``)."""
    if isinstance(x, bool) or not isinstance(x, kind) or (isinstance(x, float) and not np.isfinite(x)):
        want = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise DTypeError(f"{name} must be a finite {want}, got {x!r} of type {type(x).__name__}")
    if min_val is not None and (x < min_val or (x == min_val and not include_min)):
        op = ">=" if include_min else ">"
        raise ValueError(f"{name} must be {op} {min_val}, got {x!r}")
    if max_val is not None and (x > max_val or (x == max_val and not include_max)):
        op = "<=" if include_max else "<"
        raise ValueError(f"{name} must be {op} {max_val}, got {x!r}")
    return x


def check_in_range(x: np.ndarray, name: str, low: float, high: float, *, hint: str = "") -> None:
    """Raise :class:`OutOfRangeError` naming the first entry of ``x`` outside ``[low, high]``.

    ``hint`` ends the message with the fix that fits the caller (what the range means).

    >>> check_in_range(np.array([1.0, 5.0]), "rating", 1, 5)
    """
    bad = (x < low) | (x > high)
    if bad.any():
        i = int(np.argmax(bad.ravel()))
        raise OutOfRangeError(
            f"{name} must lie in [{low}, {high}], got {x.ravel()[i].item()!r} at index {i} "
            f"({int(np.count_nonzero(bad))} of {x.size} entries are outside)" + (f"; {hint}" if hint else "")
        )


def check_random_state(seed: Any) -> np.random.Generator:
    """Turn ``None``, an int, or a Generator into a ``numpy.random.Generator``."""
    if seed is None or isinstance(seed, (numbers.Integral, np.integer)):
        return np.random.default_rng(seed)
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, np.random.RandomState):
        return np.random.default_rng(seed.randint(0, 2**31 - 1))
    raise DTypeError(f"random_state must be None, an int or a numpy.random.Generator, got {seed!r}")
