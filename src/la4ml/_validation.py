"""Input validation shared by every la4ml algorithm.

One module serves all, in the spirit of scikit-learn's ``check_array``: each check names the
parameter, shows what was received (shape, dtype, the offending value) and says the fix.
Checks return a NumPy array in a floating dtype (``float32`` is kept, every other real dtype
becomes ``float64``) and never modify their input.
"""

from __future__ import annotations

import math
import numbers
import os
from typing import Any

import numpy as np

from la4ml.errors import (
    DTypeError,
    EmptyInputError,
    InvalidParameterError,
    NumericOverflowError,
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
    "symmetry_tolerance",
    "check_same_length",
    "check_scalar",
    "check_in_range",
    "check_random_state",
    "check_size",
    "check_option",
    "check_bool",
    "check_path",
    "max_abs",
    "scale_of",
    "unscale",
    "check_no_overflow",
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


def _fro_norm(A: np.ndarray) -> float:
    """``||A||_F`` without overflow for entries near the largest float (scaled by ``max|A|`` first)."""
    scale = float(np.max(np.abs(A), initial=0.0))
    if scale == 0.0 or not np.isfinite(scale):
        return scale
    return scale * float(np.linalg.norm(A / scale))


def symmetry_tolerance(A: np.ndarray, cond: float = 1.0) -> float:
    """The largest ``|A[i, j] - A[j, i]|`` that rounding explains: ``n * eps * cond * ||A||_F``.

    A symmetric matrix formed by products (``X.T @ X``, ``np.cov``, ``Q @ diag(w) @ Q.T``,
    ``B @ B.T + c * I``) has each entry computed as a sum of products with an error at most
    about ``n * eps * ||A||_2`` (Cauchy–Schwarz bounds the sum of ``|x_k y_k|`` by ``||A||_2``),
    and ``||A||_F >= ||A||_2``; so does its transposed twin, whence the asymmetry. ``eps`` is
    the machine epsilon of ``A``'s dtype (``2.2e-16`` for float64, ``1.2e-7`` for float32).
    ``cond`` multiplies in the condition number for a matrix computed by *solving* with a
    symmetric one (an inverse: ``np.linalg.inv`` has a forward error of ``n * eps * cond``
    relative, and LU does not preserve symmetry).
    """
    n = A.shape[0]
    return n * float(np.finfo(A.dtype).eps) * float(cond) * _fro_norm(A)


def check_symmetric(
    A: np.ndarray,
    name: str = "A",
    *,
    rtol: float | None = None,
    atol: float = 0.0,
    cond: float = 1.0,
) -> None:
    """Raise :class:`NotSymmetricError` unless ``A`` equals its transpose up to rounding.

    The test is ``|A - A.T| <= atol + tol`` entrywise, with ``tol = rtol * ||A||_F``; the
    default ``rtol`` is the rounding level of :func:`symmetry_tolerance`, ``n * eps * cond``
    (``eps`` of ``A``'s dtype), never a fixed number: a fixed ``1e-10`` rejects the correct
    inverse of an ill-conditioned covariance and accepts float32 rounding only by luck.
    The message shows both entries to full precision, their difference and the tolerance.
    """
    check_square(A, name)
    if A.size == 0:
        return
    n = A.shape[0]
    scale = float(np.max(np.abs(A)))
    if scale == 0.0 or not np.isfinite(scale):
        return  # a zero matrix is symmetric; NaN and inf are check_matrix's to report
    As = A / scale  # compare in units of max|A|: nothing overflows near the largest float
    if rtol is None:
        tol = n * float(np.finfo(A.dtype).eps) * float(cond) * float(np.linalg.norm(As))
        how = f"{n} * eps * ||{name}||_F" if cond == 1.0 else f"{n} * eps * cond * ||{name}||_F, cond = {cond:.3g}"
    else:
        tol = float(rtol) * float(np.linalg.norm(As))
        how = f"rtol * ||{name}||_F, rtol = {rtol:.3g}"
    diff = np.abs(As - As.T)
    worst = float(np.max(diff))
    if worst > atol / scale + tol:
        i, j = np.unravel_index(int(np.argmax(diff)), diff.shape)
        raise NotSymmetricError(
            f"{name} must be symmetric, but {name}[{i}, {j}] = {A[i, j]} while {name}[{j}, {i}] = {A[j, i]}: "
            f"they differ by {format_scaled(worst, scale)}, more than rounding explains (tolerance "
            f"{format_scaled(atol / scale + tol, scale)} = {'atol + ' if atol else ''}{how}); symmetrize it with "
            f"({name} + {name}.T) / 2 if the difference is rounding, or check how it was computed"
        )


def format_scaled(x: float, scale: float) -> str:
    """``x * scale`` to 3 digits, written as a product when it overflows."""
    with np.errstate(over="ignore"):
        y = np.float64(x) * np.float64(scale)
    return f"{y:.3g}" if np.isfinite(y) else f"{x:.3g} * {scale:.3g}"


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


_FLOAT_MAX = float(np.finfo(np.float64).max)


def _not_finite(x: Any) -> bool:
    """NaN or infinity, of any real type (NumPy scalars included); a huge int is finite."""
    try:
        return isinstance(x, numbers.Real) and not math.isfinite(x)
    except OverflowError:  # an int beyond float's range
        return False


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
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, kind) or _not_finite(x):
        want = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise DTypeError(f"{name} must be a finite {want}, got {x!r} of type {type(x).__name__}")
    if isinstance(x, numbers.Integral) and abs(int(x)) > _FLOAT_MAX:  # 10**400: no float or size can hold it
        digits = len(str(abs(int(x))))
        raise OutOfRangeError(f"{name} must be at most {_FLOAT_MAX:.4g} in magnitude, got an int of {digits} digits")
    if min_val is not None and (x < min_val or (x == min_val and not include_min)):
        op = ">=" if include_min else ">"
        raise OutOfRangeError(f"{name} must be {op} {min_val}, got {x!r}")
    if max_val is not None and (x > max_val or (x == max_val and not include_max)):
        op = "<=" if include_max else "<"
        raise OutOfRangeError(f"{name} must be {op} {max_val}, got {x!r}")
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


def _memory_bytes() -> int:
    """Physical memory of this machine in bytes (a generous 2**40 where it cannot be read)."""
    try:
        return int(os.sysconf("SC_PAGE_SIZE")) * int(os.sysconf("SC_PHYS_PAGES"))
    except (AttributeError, ValueError, OSError):  # pragma: no cover - not POSIX
        return 2**40


def check_size(n_elements: Any, what: str, *, itemsize: int = 8, hint: str = "") -> int:
    """Refuse an allocation of ``n_elements`` items that could not fit in this machine's memory.

    ``what`` names the parameters that set the size ("n * dim"); the message gives the size in
    GB and the memory available, so ``random_unit_vectors(10**12, 3)`` fails at once with a
    clear :class:`OutOfRangeError` instead of a ``MemoryError`` (or minutes of swapping).
    """
    n = int(n_elements)
    need = n * int(itemsize)
    have = _memory_bytes()
    if need > have:
        raise OutOfRangeError(
            f"{what} = {n} elements would need {need / 1e9:.3g} GB, more than this machine's "
            f"{have / 1e9:.3g} GB of memory" + (f"; {hint}" if hint else "; ask for fewer")
        )
    return n


def check_random_state(seed: Any, name: str = "random_state") -> np.random.Generator:
    """Turn ``None``, an int >= 0, or a Generator into a ``numpy.random.Generator``."""
    if isinstance(seed, (bool, np.bool_)):
        raise DTypeError(f"{name} must be None, an int >= 0 or a numpy.random.Generator, got {seed!r}")
    if seed is None or isinstance(seed, (numbers.Integral, np.integer)):
        if seed is not None and seed < 0:
            raise OutOfRangeError(f"{name} must be an int >= 0 (a seed), got {seed!r}; use e.g. {name}=0")
        return np.random.default_rng(seed)
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, np.random.RandomState):
        return np.random.default_rng(seed.randint(0, 2**31 - 1))
    raise DTypeError(f"{name} must be None, an int or a numpy.random.Generator, got {seed!r}")


def check_option(value: Any, name: str, options: Any, *, hint: str = "") -> Any:
    """Return ``value`` if it is one of ``options`` (strings, usually); else say which are allowed."""
    try:
        ok = isinstance(value, str) and value in options
    except TypeError:  # unhashable value
        ok = False
    if not ok:
        allowed = ", ".join(repr(o) for o in options)
        raise InvalidParameterError(
            f"{name} must be one of {allowed}, got {value!r}" + (f"; {hint}" if hint else "")
        )
    return value


def check_bool(value: Any, name: str) -> bool:
    """A flag: ``True``/``False`` (NumPy's ``bool_`` too); anything else is refused, never truth-tested."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise DTypeError(f"{name} must be True or False, got {value!r} of type {type(value).__name__}")


def check_path(path: Any, name: str = "path") -> "os.PathLike[str] | str":
    """A file-system path: a nonempty ``str`` or ``os.PathLike`` without NUL bytes."""
    if not isinstance(path, (str, os.PathLike)):
        raise DTypeError(f"{name} must be a file path (str or pathlib.Path), got {describe(path)}")
    text = os.fspath(path)
    if not isinstance(text, str) or not text or "\x00" in text:
        raise InvalidParameterError(
            f"{name} must be a nonempty path without NUL characters, got {text!r}"
        )
    return path


def max_abs(*arrays: np.ndarray) -> float:
    """The largest ``|entry|`` over the arrays (0.0 for empty ones): the scale to divide by before
    multiplying or summing entries near the largest float, so no intermediate overflows."""
    return max((float(np.max(np.abs(a), initial=0.0)) for a in arrays), default=0.0)


def scale_of(*arrays: np.ndarray) -> float:
    """A power of two within a factor 2 of ``max|entry|`` over the arrays (1.0 when they are all zero).

    Dividing by it puts every entry in ``[-2, 2]`` *exactly* (a power of two only changes the
    exponent), so sums and products of the scaled entries cannot overflow, and results scaled
    back agree bit for bit with an unscaled computation wherever that one does not overflow.
    """
    top = max_abs(*arrays)
    if top == 0.0 or not math.isfinite(top):
        return 1.0
    return math.ldexp(1.0, math.frexp(top)[1] - 1)  # 2**(e-1) <= top < 2**e; 2**1024 would overflow


def unscale(x: Any, *factors: float) -> Any:
    """``x`` times every factor, the ones below 1 first: the product of the factors alone could
    overflow (then ``0 * inf`` is NaN) where the scaled-back result does not. An overflow that
    remains is the answer's own; call :func:`check_no_overflow` on the result."""
    with np.errstate(over="ignore", under="ignore"):
        for f in sorted(factors):
            x = x * f
    return x


def check_no_overflow(value: Any, what: str, *, hint: str = "") -> Any:
    """Raise :class:`NumericOverflowError` if ``value`` (a finite input's answer) came out inf or NaN.

    Call it on a result computed with inputs scaled to ``max|entry| = 1`` and then scaled back:
    the only way it is not finite is that the true answer exceeds the largest float.
    """
    arr = np.asarray(value)
    if arr.dtype.kind in "fc" and not np.all(np.isfinite(arr)):
        raise NumericOverflowError(
            f"{what} is too large for {arr.dtype if arr.dtype.kind == 'f' else 'float64'} (beyond "
            f"{np.finfo(arr.dtype if arr.dtype.kind == 'f' else np.float64).max:.4g}): the input is finite but its "
            "answer overflows" + (f"; {hint}" if hint else "; rescale the input (divide it by a large constant)")
        )
    return value
