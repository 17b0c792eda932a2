"""Condition numbers and the digits they cost: κ(A), log10 κ, and the digits a computed answer got right."""

from __future__ import annotations

import numpy as np

from la4ml._validation import as_float_array, check_matrix, check_square, describe, max_abs
from la4ml.errors import EmptyInputError, InvalidParameterError, NonFiniteError, OutOfRangeError, ShapeError

__all__ = ["condition_number", "digits_lost", "correct_digits"]

_NORMS = {2: 2, 1: 1, np.inf: np.inf, "fro": "fro"}


def condition_number(A, p=2):
    """Condition number ``κ_p(A) = ‖A‖_p ‖A⁻¹‖_p`` of a matrix (from the SVD for ``p = 2``).

    Parameters
    ----------
    A : array_like of shape (m, n)
        A real matrix. For ``p = 2`` any shape (then ``κ₂ = σ_max / σ_min`` over the
        ``min(m, n)`` singular values, the condition number of least squares); square otherwise.
    p : {2, 1, inf, "fro"}, default 2
        The norm: spectral (2), largest column sum (1), largest row sum (``np.inf``), Frobenius.

    Returns
    -------
    kappa : float
        ``>= 1`` (``>= sqrt(n)`` for ``"fro"``); ``inf`` for a matrix that is singular to the
        point that its smallest singular value is exactly 0 (or, for ``p != 2``, that LAPACK's
        inverse fails). A matrix singular in exact arithmetic usually gives about ``1/eps``
        instead: rounding makes ``σ_min`` tiny but not zero.

    Raises
    ------
    InvalidParameterError
        ``p`` is not one of the four norms.
    NotSquareError
        ``p != 2`` and ``A`` is not square.
    ShapeError, NonFiniteError, EmptyInputError, DTypeError
        Bad input (see :func:`la4ml._validation.check_matrix`).

    Notes
    -----
    ``κ`` measures the *problem*, not an algorithm: solving ``Ax = b`` with any backward-stable
    method gives a relative error up to about ``κ(A)·eps``, so about ``log10 κ`` of the
    ``-log10(eps) ≈ 15.65`` significant decimal digits of float64 are lost (:func:`digits_lost`).
    ``κ`` is the ratio of the largest to the smallest singular value, never the inverse ratio
    (which is ``<= 1``). ``A`` is divided by ``max|A|`` first: ``κ`` does not change under
    scaling, and entries near the largest float cannot overflow.

    References
    ----------
    L. N. Trefethen and D. Bau III, *Numerical Linear Algebra*, SIAM, 1997, Lecture 12.
    N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., SIAM, 2002, §7.1-7.2.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1.0, 1.0], [1.0, 1.0001]])
    >>> round(condition_number(A))
    40002
    >>> bool(np.isclose(condition_number(A), np.linalg.cond(A), rtol=1e-8))
    True
    >>> bool(np.isclose(condition_number(A, p=1), np.linalg.cond(A, p=1), rtol=1e-8))
    True
    """
    norm = _check_p(p)
    A = check_matrix(A, "A")
    if norm != 2:
        check_square(A, "A")
    top = max_abs(A)
    if top == 0.0:
        return float("inf")  # the zero matrix: every direction is lost
    A = A / top
    if norm == 2:
        s = np.linalg.svd(A, compute_uv=False)
        return float(s[0] / s[-1]) if s[-1] > 0 else float("inf")
    try:
        inverse = np.linalg.inv(A)
    except np.linalg.LinAlgError:
        return float("inf")
    kappa = float(np.linalg.norm(A, norm) * np.linalg.norm(inverse, norm))
    return kappa if np.isfinite(kappa) else float("inf")


def _check_p(p):
    try:
        hit = [k for k in _NORMS if (isinstance(p, str) == isinstance(k, str)) and p == k
               and not isinstance(p, (bool, np.bool_))]
    except (TypeError, ValueError):
        hit = []
    if not hit:
        raise InvalidParameterError(
            f"p must be one of 2, 1, np.inf or 'fro', got {p!r}; p=2 is the spectral condition number "
            "σ_max/σ_min (np.linalg.cond's default)"
        )
    return _NORMS[hit[0]]


def digits_lost(kappa):
    """Decimal digits a problem with condition number ``kappa`` can lose: ``log10(kappa)``.

    Parameters
    ----------
    kappa : float or array_like
        Condition numbers, each ``>= 1`` (``inf`` allowed: a singular problem loses every digit).

    Returns
    -------
    digits : float or ndarray
        ``log10(kappa)``: a float for a scalar ``kappa``, else an array of ``kappa``'s shape.

    Raises
    ------
    OutOfRangeError
        An entry is below 1 (no condition number is; ``σ_min/σ_max`` is the inverse ratio).
    NonFiniteError, DTypeError
        NaN, or non-numeric input.

    Notes
    -----
    Rounding the data of ``Ax = b`` to ``eps`` relative can move the answer by ``κ·eps``
    relative, so a float64 answer (``eps ≈ 2.2e-16``, about 15.65 digits) keeps about
    ``15.65 - log10 κ`` correct digits. The base is 10 because digits are decimal: ``ln κ``
    overstates the loss by a factor ``ln 10 ≈ 2.3``.

    Examples
    --------
    >>> import numpy as np
    >>> digits_lost(1e8)
    8.0
    >>> A = np.vander(np.linspace(0, 1, 8))
    >>> bool(np.isclose(digits_lost(np.linalg.cond(A)), np.log10(np.linalg.cond(A))))
    True
    """
    arr = as_float_array(kappa, "kappa")
    if np.isnan(arr).any():
        raise NonFiniteError(f"kappa must not be NaN, got {describe(arr)} containing NaN")
    if (arr < 1).any():
        bad = float(arr[arr < 1].flat[0])
        raise OutOfRangeError(
            f"kappa must be >= 1 (a condition number σ_max/σ_min is never below 1), got {bad!r}; "
            "did you compute σ_min/σ_max? Use condition_number(A) or np.linalg.cond(A)"
        )
    with np.errstate(divide="ignore"):
        out = np.log10(arr)
    return float(out) if out.ndim == 0 else out


def correct_digits(x, x_true):
    """Correct significant decimal digits of ``x`` as an approximation of ``x_true``: ``-log10(relative error)``.

    Parameters
    ----------
    x : array_like
        The computed answer (a scalar, vector or matrix).
    x_true : array_like of the same shape
        The exact answer, not all zero.

    Returns
    -------
    digits : float
        ``-log10(‖x - x_true‖ / ‖x_true‖)`` in the 2-norm of all entries; ``inf`` when ``x``
        equals ``x_true`` exactly. A correctly rounded float64 result has at least
        ``-log10(eps/2) ≈ 15.95`` (float32: 7.2); ``-log10(eps) ≈ 15.65`` is the usual yardstick.

    Raises
    ------
    ShapeError
        ``x`` and ``x_true`` differ in shape.
    InvalidParameterError
        ``x_true`` is zero (no relative error exists).
    NonFiniteError, EmptyInputError, DTypeError
        Bad input.

    Examples
    --------
    >>> import numpy as np
    >>> correct_digits(np.array([3.14159]), np.array([np.pi]))
    6.07...
    >>> bool(np.isclose(correct_digits(3.14159, np.pi), -np.log10(abs(3.14159 - np.pi) / np.pi)))
    True
    """
    a = as_float_array(x, "x")
    t = as_float_array(x_true, "x_true")
    for arr, name in ((a, "x"), (t, "x_true")):
        if arr.size == 0:
            raise EmptyInputError(f"{name} must not be empty, got {describe(arr)}")
        if not np.isfinite(arr).all():
            raise NonFiniteError(f"{name} must be finite, got {describe(arr)} with NaN or inf entries")
    if a.shape != t.shape:
        raise ShapeError(f"x and x_true must have the same shape, got {a.shape} and {t.shape}")
    scale = max_abs(a, t)
    a, t = a.astype(np.float64) / scale, t.astype(np.float64) / scale
    size = np.linalg.norm(t.ravel())
    if size == 0:
        raise InvalidParameterError("x_true must not be zero: a relative error needs a nonzero reference; "
                                    "compare absolute errors instead")
    err = np.linalg.norm((a - t).ravel()) / size
    return float("inf") if err == 0 else float(-np.log10(err))
