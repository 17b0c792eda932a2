"""Losses with their gradients: mean squared error and binary cross-entropy on logits (Part 16)."""

from __future__ import annotations

from typing import Any

import numpy as np

from la4ml._validation import as_float_array, check_in_range, describe
from la4ml.errors import EmptyInputError, NonFiniteError, ShapeError

__all__ = ["sigmoid", "mse_loss", "bce_with_logits_loss"]


def sigmoid(z: Any) -> np.ndarray:
    """The logistic function ``1 / (1 + exp(-z))``, without overflow for any float ``z``.

    Parameters
    ----------
    z : array_like
        Logits.

    Returns
    -------
    s : ndarray of the shape of ``z``
        Values in ``[0, 1]``.

    Notes
    -----
    For ``z ≥ 0`` it evaluates ``1 / (1 + e^{-z})``, for ``z < 0`` the equal ``e^{z} / (1 + e^{z})``:
    the exponential is never of a positive number, so it never overflows.

    Examples
    --------
    >>> from scipy.special import expit
    >>> z = np.array([-800.0, -1.0, 0.0, 2.0, 800.0])
    >>> bool(np.allclose(sigmoid(z), expit(z), rtol=1e-15, atol=0))
    True
    """
    z = as_float_array(z, "z")
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _pair(pred: Any, target: Any, pred_name: str) -> tuple[np.ndarray, np.ndarray]:
    p = as_float_array(pred, pred_name)
    t = as_float_array(target, "target")
    if p.shape != t.shape:
        raise ShapeError(
            f"{pred_name} and target must have the same shape, got {describe(p)} and {describe(t)}; "
            "reshape one of them (e.g. target.reshape(-1, 1) for a single output column)"
        )
    if p.size == 0:
        raise EmptyInputError(f"{pred_name} must not be empty, got {describe(p)}")
    for arr, name in ((p, pred_name), (t, "target")):
        if not np.isfinite(arr).all():
            raise NonFiniteError(
                f"{name} must contain only finite numbers, got {describe(arr)} with NaN or infinity"
            )
    return p, t


def mse_loss(pred: Any, target: Any) -> tuple[float, np.ndarray]:
    """The mean squared error over every entry, and its gradient with respect to ``pred``.

    Parameters
    ----------
    pred : array_like
        Predictions, any shape.
    target : array_like
        Targets, the same shape as ``pred``.

    Returns
    -------
    loss : float
        ``mean((pred - target)²)`` over all ``N`` entries (as ``torch.nn.functional.mse_loss``).
    grad : ndarray of the shape of ``pred``
        ``2 (pred - target) / N``.

    Raises
    ------
    ShapeError
        The shapes differ (no broadcasting: an ``(n, 1)`` against an ``(n,)`` would silently
        become ``(n, n)``).

    Examples
    --------
    >>> loss, grad = mse_loss([[1.0], [3.0]], [[0.0], [1.0]])
    >>> loss, grad.ravel()
    (2.5, array([1., 2.]))
    >>> bool(np.isclose(loss, np.mean((np.array([1.0, 3.0]) - [0.0, 1.0]) ** 2)))
    True
    """
    p, t = _pair(pred, target, "pred")
    r = p - t
    return float(np.mean(r**2)), 2.0 * r / r.size


def bce_with_logits_loss(logits: Any, target: Any) -> tuple[float, np.ndarray]:
    """Binary cross-entropy of ``sigmoid(logits)`` against 0/1 targets, stably, and its gradient.

    Parameters
    ----------
    logits : array_like
        Scores ``z`` (before any sigmoid), any shape.
    target : array_like
        Targets in ``[0, 1]`` (usually 0 or 1), the same shape as ``logits``.

    Returns
    -------
    loss : float
        ``mean(max(z, 0) - z·y + log(1 + e^{-|z|}))``, which equals
        ``mean(-y log σ(z) - (1 - y) log(1 - σ(z)))`` (as ``torch.nn.functional.binary_cross_entropy_with_logits``).
    grad : ndarray of the shape of ``logits``
        ``(σ(z) - y) / N``.

    Raises
    ------
    ShapeError
        The shapes differ.
    OutOfRangeError
        A target lies outside ``[0, 1]``.

    Notes
    -----
    ``log(1 + e^{z})`` is written ``max(z, 0) + log1p(e^{-|z|})`` (the log-sum-exp of ``0`` and
    ``z``): no exponential of a positive number, so no overflow, and ``log1p`` keeps the small
    values accurate. Taking ``log`` of ``σ(z)`` instead returns ``inf`` once ``σ(z)`` rounds to 0
    or 1 (``|z| > 37`` in float64).

    Examples
    --------
    >>> z, y = np.array([2.0, -1.0, 0.0]), np.array([1.0, 0.0, 1.0])
    >>> loss, grad = bce_with_logits_loss(z, y)
    >>> p = 1 / (1 + np.exp(-z))
    >>> bool(np.isclose(loss, np.mean(-y * np.log(p) - (1 - y) * np.log(1 - p)), rtol=1e-14))
    True
    """
    z, y = _pair(logits, target, "logits")
    check_in_range(y, "target", 0.0, 1.0, hint="binary cross-entropy needs labels 0/1 (or probabilities)")
    loss = np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))
    return float(np.mean(loss)), (sigmoid(z) - y) / z.size
