"""The variance of a sample three ways: the naive one-pass formula, two passes, and Welford's update."""

from __future__ import annotations

import numbers

import numpy as np

from la4ml._validation import check_no_overflow, check_option, check_scalar, check_vector, scale_of
from la4ml.errors import OutOfRangeError

__all__ = ["variance", "VARIANCE_METHODS"]

VARIANCE_METHODS = ("two-pass", "welford", "naive")


def variance(x, method="two-pass", *, ddof=0):
    """Variance of a sample, by one of three algorithms (``ddof=0`` like ``np.var``).

    Parameters
    ----------
    x : array_like of shape (n,)
        The sample. ``float32`` is computed in ``float32``.
    method : {"two-pass", "welford", "naive"}, default "two-pass"
        ``"two-pass"``: the mean first, then the mean squared deviation (what ``np.var`` does).
        ``"welford"``: one pass, updating the mean and the sum of squared deviations per value
        (for data that arrives as a stream). ``"naive"``: the textbook one-pass formula
        ``(Σx² - (Σx)²/n) / (n - ddof)``, shown for its catastrophic cancellation; never use it.
    ddof : int, default 0
        Delta degrees of freedom: divide by ``n - ddof`` (``ddof=1`` gives the unbiased
        sample variance, ``np.var(x, ddof=1)``).

    Returns
    -------
    var : float
        The variance (a Python float). The naive method can return a negative number.

    Raises
    ------
    InvalidParameterError
        Unknown ``method``.
    OutOfRangeError
        ``ddof`` is negative or ``>= n``.
    NumericOverflowError
        The variance itself exceeds the largest float.
    ShapeError, NonFiniteError, EmptyInputError, DTypeError
        Bad ``x``.

    Notes
    -----
    ``Σx²`` and ``(Σx)²/n`` are both about ``n·mean²``; their difference is ``n·var``. When
    ``mean² / var`` is near ``1/eps`` the difference is all rounding: with mean ``1e8`` and
    variance ``1`` in float64, ``n·mean² ≈ n·1e16`` carries an error of about ``n·2`` — as large
    as the answer. The two-pass method subtracts the mean *before* squaring, so the deviations
    are exact to rounding and the error is about ``n·eps·var``. Welford's recurrence
    ``M_k = M_{k-1} + (x_k - M_{k-1})/k``, ``S_k = S_{k-1} + (x_k - M_{k-1})(x_k - M_k)`` does the
    same in one pass. ``x`` is divided by a power of two near ``max|x|`` first (exactly), so no
    square overflows.

    References
    ----------
    B. P. Welford, "Note on a method for calculating corrected sums of squares and products",
    *Technometrics* 4(3), 1962, pp. 419-420. T. F. Chan, G. H. Golub and R. J. LeVeque,
    "Algorithms for computing the sample variance: analysis and recommendations",
    *The American Statistician* 37(3), 1983, pp. 242-247.

    Examples
    --------
    >>> import numpy as np
    >>> x = 1e8 + np.array([4.0, 7.0, 13.0, 16.0])     # variance 22.5, mean 1e8 + 10
    >>> variance(x), variance(x, method="welford")
    (22.5, 22.5)
    >>> variance(x, method="naive") == 22.5            # catastrophic cancellation
    False
    >>> bool(np.isclose(variance(x), np.var(x), rtol=1e-12))
    True
    """
    check_option(method, "method", VARIANCE_METHODS,
                 hint="'two-pass' is np.var's algorithm; 'welford' is one pass over a stream")
    x = check_vector(x, "x")
    check_scalar(ddof, "ddof", kind=numbers.Integral, min_val=0)
    n = x.shape[0]
    if ddof >= n:
        raise OutOfRangeError(
            f"ddof must be smaller than the number of values, got ddof={ddof} for {n} value(s); "
            "a variance with n - ddof <= 0 degrees of freedom is undefined (use ddof=0 for one value)"
        )
    s = scale_of(x)
    y = x / x.dtype.type(s)  # exact: s is a power of two
    denom = n - ddof
    if method == "naive":
        v = (np.sum(y * y) - np.sum(y) ** 2 / n) / denom
    elif method == "two-pass":
        d = y - np.sum(y) / n
        v = np.sum(d * d) / denom
    else:
        v = _welford(y) / denom
    with np.errstate(over="ignore"):
        out = check_no_overflow(np.float64(v) * s * s, "the variance")
    return float(out)


def _welford(y: np.ndarray):
    """Sum of squared deviations from the mean, by Welford's one-pass update (in ``y``'s dtype)."""
    t = y.dtype.type
    mean, m2 = t(0), t(0)
    for k, value in enumerate(y, start=1):
        delta = value - mean
        mean = mean + delta / t(k)
        m2 = m2 + delta * (value - mean)
    return m2
