"""Log-sum-exp, softmax, log-softmax and cross-entropy, computed without overflow or underflow."""

from __future__ import annotations

import numbers

import numpy as np

from la4ml._validation import as_float_array, check_bool, check_vector, describe, scale_of
from la4ml.errors import (DTypeError, EmptyInputError, InvalidParameterError, NonFiniteError, NumericOverflowError,
                          OutOfRangeError, ShapeError)

__all__ = ["logsumexp", "softmax", "log_softmax", "cross_entropy"]


def _check_logits(a, name: str) -> np.ndarray:
    """A nonempty float array with no NaN and no +inf (-inf is a masked entry and is allowed)."""
    arr = as_float_array(a, name)
    if arr.size == 0:
        raise EmptyInputError(f"{name} must not be empty, got {describe(arr)}")
    bad = np.isnan(arr) | (arr == np.inf)
    if bad.any():
        where = tuple(int(i) for i in np.argwhere(bad)[0])
        raise NonFiniteError(
            f"{name} must not contain NaN or +inf, got {arr[where]} at index {where} (in {describe(arr)}); "
            "-inf is allowed (a masked entry, probability 0), but NaN or +inf means an earlier step overflowed: "
            "find it, or compute the logits in float64"
        )
    return arr


def _check_axis(axis, arr: np.ndarray, name: str, *, allow_none: bool) -> None:
    if axis is None and allow_none:
        return
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, numbers.Integral):
        want = "None or an int" if allow_none else "an int"
        raise DTypeError(f"axis must be {want}, got {axis!r} of type {type(axis).__name__}")
    if not -arr.ndim <= axis < arr.ndim:
        raise OutOfRangeError(
            f"axis must lie in [{-arr.ndim}, {arr.ndim - 1}] for {name} of shape {arr.shape}, got {axis}; "
            "use axis=-1 for the last axis (the classes of a (n_samples, n_classes) array)"
        )


def _shift(arr: np.ndarray, axis) -> np.ndarray:
    """The max along ``axis`` (keepdims), with -inf replaced by 0 so that ``arr - shift`` stays -inf, not NaN."""
    m = np.max(arr, axis=axis, keepdims=True)
    return np.where(np.isfinite(m), m, 0).astype(arr.dtype)


def logsumexp(a, axis=None, keepdims=False):
    """Compute ``log(sum(exp(a)))`` along an axis without overflow or underflow.

    Parameters
    ----------
    a : array_like
        Real numbers; ``-inf`` entries count as ``exp(-inf) = 0``. ``float32`` is kept.
    axis : int or None, default None
        The axis to sum over; ``None`` sums over every entry (SciPy's default).
    keepdims : bool, default False
        Keep the reduced axis with length 1, so the result broadcasts against ``a``.

    Returns
    -------
    lse : float or ndarray
        ``log Σ exp(a)``, a NumPy scalar when ``axis`` is None and ``keepdims`` is False.
        ``-inf`` where every entry summed is ``-inf``.

    Raises
    ------
    NonFiniteError
        ``a`` holds NaN or ``+inf``.
    EmptyInputError, DTypeError, OutOfRangeError
        Empty ``a``, a non-numeric ``a`` or ``axis``, an axis out of range.

    Notes
    -----
    With ``m = max(a)``, ``log Σ exp(a_i) = m + log Σ exp(a_i - m)``: every exponent is ``<= 0``,
    so nothing overflows, and the largest term is ``exp(0) = 1``, so the sum is in ``[1, n]``
    and its logarithm never underflows to ``-inf``. The naive ``np.log(np.sum(np.exp(a)))``
    overflows to ``inf`` once an entry passes ``log(max float) ≈ 709.78`` (``88.72`` in float32).

    References
    ----------
    P. Blanchard, D. J. Higham and N. J. Higham, "Accurately computing the log-sum-exp and
    softmax functions", *IMA Journal of Numerical Analysis* 41(4), 2021, pp. 2311-2330.

    Examples
    --------
    >>> import numpy as np, scipy.special
    >>> a = np.array([1000.0, 1000.0])
    >>> float(logsumexp(a))        # 1000 + log 2; the naive formula gives inf
    1000.6931471805599
    >>> bool(np.isclose(logsumexp(a), scipy.special.logsumexp(a), rtol=1e-15))
    True
    """
    arr = _check_logits(a, "a")
    _check_axis(axis, arr, "a", allow_none=True)
    keepdims = check_bool(keepdims, "keepdims")
    m = _shift(arr, axis)
    # over: a - m below -1.8e308 is -inf, whose exp is the right 0; divide: log(0) = -inf for an all -inf slice
    with np.errstate(over="ignore", divide="ignore"):
        out = np.log(np.sum(np.exp(arr - m), axis=axis, keepdims=True)) + m
    if not keepdims:
        out = np.squeeze(out, axis=axis) if axis is not None else out.reshape(())[()]
    return out


def log_softmax(x, axis=-1):
    """Logarithm of the softmax along an axis, computed as ``x - logsumexp(x)`` (never ``log(softmax(x))``).

    Parameters
    ----------
    x : array_like
        Logits (unnormalized log-probabilities), e.g. of shape ``(n_samples, n_classes)``.
    axis : int, default -1
        The axis of the classes. The default, the last axis, is PyTorch's and scikit-learn's
        convention for a ``(n_samples, n_classes)`` array; ``scipy.special.log_softmax``
        defaults to ``axis=None`` (every entry is one distribution), so pass ``axis=-1`` there.

    Returns
    -------
    log_p : ndarray of the shape and dtype of ``x``
        ``log p_i = x_i - log Σ_j exp(x_j)``, ``<= 0``: finite wherever ``x`` is (``-inf`` only
        where the true value is below ``-1.8e308``, beyond the float range, or ``x_i = -inf``).

    Raises
    ------
    NonFiniteError
        ``x`` holds NaN or ``+inf``.
    InvalidParameterError
        A slice along ``axis`` is entirely ``-inf`` (no class has any probability).
    EmptyInputError, DTypeError, OutOfRangeError
        Empty ``x``, a non-numeric ``x`` or ``axis``, an axis out of range.

    Notes
    -----
    ``np.log(softmax(x))`` underflows: a class 800 below the best has probability
    ``exp(-800) = 0`` in float64, whose log is ``-inf``, while the true log-probability is
    ``-800``. Subtracting the log-sum-exp keeps every entry finite.

    Examples
    --------
    >>> import numpy as np, scipy.special
    >>> x = np.array([[0.0, -800.0], [1000.0, 0.0]])
    >>> log_softmax(x)
    array([[    0.,  -800.],
           [    0., -1000.]])
    >>> bool(np.allclose(log_softmax(x), scipy.special.log_softmax(x, axis=-1), rtol=1e-15))
    True
    """
    arr = _check_logits(x, "x")
    _check_axis(axis, arr, "x", allow_none=False)
    lse = logsumexp(arr, axis=axis, keepdims=True)
    _refuse_empty_rows(lse, axis, "x")
    with np.errstate(over="ignore"):  # a log-probability below -1.8e308 is -inf in floating point
        return arr - lse


def softmax(x, axis=-1):
    """Softmax along an axis, stable for logits of any size: ``exp(x - max) / Σ exp(x - max)``.

    Parameters
    ----------
    x : array_like
        Logits, e.g. of shape ``(n_samples, n_classes)``; ``-inf`` gives probability 0.
    axis : int, default -1
        The axis of the classes (see :func:`log_softmax` for how this differs from SciPy).

    Returns
    -------
    p : ndarray of the shape and dtype of ``x``
        Probabilities in ``[0, 1]`` that sum to 1 along ``axis``.

    Raises
    ------
    NonFiniteError
        ``x`` holds NaN or ``+inf``.
    InvalidParameterError
        A slice along ``axis`` is entirely ``-inf``.
    EmptyInputError, DTypeError, OutOfRangeError
        Empty ``x``, a non-numeric ``x`` or ``axis``, an axis out of range.

    Notes
    -----
    Softmax does not change when the same constant is subtracted from every logit; subtracting
    the largest makes every exponent ``<= 0`` (no overflow) and the denominator ``>= 1`` (no
    division by zero). The naive ``np.exp(x) / np.exp(x).sum()`` returns ``nan`` (``inf/inf``)
    at logits of 1000.

    Examples
    --------
    >>> import numpy as np, scipy.special
    >>> x = np.array([1000.0, 1001.0, 1002.0])
    >>> softmax(x)
    array([0.09003057, 0.24472847, 0.66524096])
    >>> bool(np.allclose(softmax(x), scipy.special.softmax(x), rtol=1e-15))
    True
    """
    arr = _check_logits(x, "x")
    _check_axis(axis, arr, "x", allow_none=False)
    with np.errstate(over="ignore"):  # x - max below -1.8e308 is -inf, and exp(-inf) = 0 is the answer
        e = np.exp(arr - _shift(arr, axis))
    total = np.sum(e, axis=axis, keepdims=True)
    _refuse_empty_rows(np.where(total > 0, 0.0, -np.inf), axis, "x")
    return e / total


def _refuse_empty_rows(lse: np.ndarray, axis: int, name: str) -> None:
    if np.any(lse == -np.inf):
        where = tuple(int(i) for i in np.argwhere(lse == -np.inf)[0])
        raise InvalidParameterError(
            f"every entry of {name} along axis {axis} at index {where} is -inf: that slice gives no class any "
            "probability, so it has no softmax; unmask at least one entry per slice"
        )


def cross_entropy(logits, y):
    """Mean cross-entropy of integer class labels under softmax(logits), computed stably.

    Parameters
    ----------
    logits : array_like of shape (n_samples, n_classes)
        One row of unnormalized log-probabilities per sample (a model's raw outputs).
    y : array_like of shape (n_samples,)
        The true class of each sample, integers in ``[0, n_classes)`` (floats equal to whole
        numbers are accepted).

    Returns
    -------
    loss : float
        ``-(1/n_samples) Σ_i log softmax(logits_i)[y_i]``, the average over samples (PyTorch's
        ``reduction="mean"``), in nats. ``0`` for a perfectly confident, correct model.

    Raises
    ------
    ShapeError
        ``logits`` is not 2-D, or ``y`` has not one label per row.
    NumericOverflowError
        A sample's loss exceeds the largest float (its logits differ by more than about ``1.8e308``):
        the loss is then not representable; divide the logits by a constant (a softmax temperature).
    OutOfRangeError
        A label is negative or ``>= n_classes``.
    DTypeError
        A label is not a whole number.
    NonFiniteError, InvalidParameterError
        See :func:`log_softmax`.

    Notes
    -----
    The loss of sample ``i`` is ``logsumexp(logits_i) - logits_i[y_i]``: the log-sum-exp
    handles large logits, and no probability is ever formed, so a badly wrong, confident
    prediction (true class 1000 below the best) costs 1000 instead of ``-log(0) = inf``.
    Equal to ``torch.nn.functional.cross_entropy(logits, y)`` and to
    ``-scipy.special.log_softmax(logits, axis=1)[range(n), y].mean()``.

    Examples
    --------
    >>> import numpy as np, scipy.special
    >>> logits = np.array([[1000.0, 0.0], [0.0, 1000.0]])
    >>> y = np.array([0, 0])                 # right, then confidently wrong
    >>> cross_entropy(logits, y)             # (0 + 1000) / 2
    500.0
    >>> reference = -scipy.special.log_softmax(logits, axis=1)[[0, 1], y].mean()
    >>> bool(np.isclose(cross_entropy(logits, y), reference, rtol=1e-15))
    True
    """
    Z = _check_logits(logits, "logits")
    if Z.ndim != 2:
        hint = " (use logits.reshape(1, -1) for a single sample)" if Z.ndim == 1 else ""
        raise ShapeError(f"logits must be 2-D, (n_samples, n_classes), got {describe(Z)}{hint}")
    labels = check_vector(y, "y")
    n, k = Z.shape
    if labels.shape[0] != n:
        raise ShapeError(
            f"y must hold one label per row of logits: logits has {n} rows, y has {labels.shape[0]} entries"
        )
    whole = labels == np.round(labels)
    if not whole.all():
        i = int(np.argmin(whole))
        raise DTypeError(
            f"y must hold class indices (whole numbers), got {labels[i]} at index {i}; "
            "pass the labels themselves, not probabilities or one-hot rows"
        )
    out = (labels < 0) | (labels >= k)
    if out.any():
        i = int(np.argmax(out))
        raise OutOfRangeError(
            f"y must hold class indices in [0, {k - 1}] for logits with {k} columns, got {labels[i]:g} at index {i}; "
            "number the classes 0, 1, ..., n_classes - 1 (np.unique(y, return_inverse=True) does that)"
        )
    idx = labels.astype(np.intp)
    log_p = log_softmax(Z, axis=1)
    picked = log_p[np.arange(n), idx]
    beyond = np.isneginf(picked) & np.isfinite(Z[np.arange(n), idx])  # (a masked true class, -inf, costs inf)
    if beyond.any():  # log p = -inf from a finite logit: the true loss is beyond the float range
        i = int(np.argmax(beyond))
        raise NumericOverflowError(
            f"the loss of sample {i} is too large for {Z.dtype}: its logits range from {Z[i].min():.4g} to "
            f"{Z[i].max():.4g}, so logsumexp(logits[{i}]) - logits[{i}, {idx[i]}] exceeds {np.finfo(Z.dtype).max:.4g}; "
            "divide the logits by a constant (a softmax temperature, e.g. logits / 1e300) before the loss"
        )
    with np.errstate(over="ignore"):  # a sum of n losses near the largest float: averaged after scaling below
        loss = -np.mean(picked)
    if not np.isfinite(loss):
        s = scale_of(picked)  # a power of two: the mean of picked / s is exact up to the usual rounding
        loss = -np.mean(picked / s) * s
    return float(loss)
