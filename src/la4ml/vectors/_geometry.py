"""Angles between vectors and the projection of one vector on another."""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from la4ml._validation import check_bool, check_no_overflow, scale_of
from la4ml.errors import ZeroVectorError
from la4ml.vectors._checks import vector_pair
from la4ml.vectors._norms import norm

__all__ = ["Projection", "project", "angle_between"]


class Projection(NamedTuple):
    """What :func:`project` returns: ``scalar, vector = project(x, onto)``."""

    scalar: float
    """Signed length of the shadow of ``x`` along ``onto``: :math:`x \\cdot u / \\|u\\|`."""
    vector: np.ndarray
    """The shadow itself, a multiple of ``onto``: :math:`\\frac{x \\cdot u}{u \\cdot u} u`."""


def _unit(v: np.ndarray) -> np.ndarray:
    """``v / ||v||``, normalized in two exact-then-rounded steps so a length beyond 1e308 cannot overflow."""
    v = v / scale_of(v)
    return v / norm(v)


def _check_not_zero(v: np.ndarray, name: str, why: str) -> None:
    if not np.any(v):
        raise ZeroVectorError(f"{name} is the zero vector, {why}; pass a vector with at least one nonzero entry")


def project(x: Any, onto: Any) -> Projection:
    r"""Project ``x`` on the line through ``onto``: the scalar and the vector projection.

    Parameters
    ----------
    x : array_like of shape (n,)
        The vector to project.
    onto : array_like of shape (n,)
        A nonzero vector spanning the line.

    Returns
    -------
    Projection
        A named tuple ``(scalar, vector)``. ``scalar`` is :math:`x \cdot u / \|u\|`, the signed
        length of the projection (negative when the angle exceeds 90 degrees); ``vector`` is
        :math:`\frac{x \cdot u}{u \cdot u}\,u`, of shape (n,).

    Raises
    ------
    ZeroVectorError
        If ``onto`` is all zeros: it spans no line, so there is nothing to project on.

    Notes
    -----
    The residual :math:`r = x - \mathrm{proj}_u x` is orthogonal to :math:`u`
    (:math:`u \cdot r = 0`), and the projection is the point of the line closest to ``x``.
    The vector projection is computed as ``(x . u_hat) u_hat`` with the unit vector
    ``u_hat = u / ||u||``, which neither overflows nor depends on the length of ``u``.

    Examples
    --------
    >>> import numpy as np
    >>> scalar, vector = project([2.0, 3.0], onto=[4.0, 0.0])
    >>> scalar, vector
    (2.0, array([2., 0.]))
    >>> x, u = np.array([1.0, 2.0, 2.0]), np.array([1.0, 1.0, 0.0])
    >>> np.allclose(project(x, u).vector, (x @ u) / (u @ u) * u)
    True
    """
    x, u = vector_pair(x, onto)
    _check_not_zero(u, "onto", "so it spans no line to project on")
    u_hat = _unit(u)  # (n,) unit vector along onto
    s = scale_of(x)  # x . u_hat summed on x / s (exact): no overflow near the largest float
    with np.errstate(over="ignore"):
        scalar = check_no_overflow(s * float((x / s) @ u_hat), "the scalar projection of x")
        vector = check_no_overflow(scalar * u_hat, "the vector projection of x")
    return Projection(float(scalar), vector)


def angle_between(x: Any, y: Any, degrees: bool = True) -> float:
    r"""The angle between two nonzero vectors, in ``[0, 180]`` degrees (or ``[0, pi]`` radians).

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Nonzero vectors of the same length.
    degrees : bool, default True
        Degrees if true, radians otherwise.

    Raises
    ------
    ZeroVectorError
        If either vector is all zeros: it has no direction, so no angle.

    Notes
    -----
    The textbook formula :math:`\theta = \arccos\frac{x \cdot y}{\|x\|\,\|y\|}` has two
    numerical traps. Rounding can push the cosine just outside ``[-1, 1]``, where ``arccos``
    returns NaN: clipping fixes that. Worse, ``arccos`` is flat near 0 and pi, so an angle of
    ``1e-10`` comes out as 0 or ``1.5e-8``. This function uses Kahan's form instead, with
    unit vectors :math:`\hat x, \hat y`: :math:`\theta = 2\arctan\frac{\|\hat x - \hat y\|}{\|\hat x + \hat y\|}`,
    accurate for every angle and never outside its range.

    References
    ----------
    .. [1] W. Kahan, "How Futile are Mindless Assessments of Roundoff in Floating-Point
       Computation?", 2006, §12 (angles between vectors).

    Examples
    --------
    >>> import numpy as np
    >>> angle_between([1.0, 0.0], [0.0, 2.0])
    90.0
    >>> round(angle_between([1.0, 0.0], [1.0, 1.0]), 12)
    45.0
    >>> x, y = np.array([1.0, 2.0, 3.0]), np.array([-1.0, 0.5, 2.0])
    >>> cos = x @ y / (np.linalg.norm(x) * np.linalg.norm(y))
    >>> np.isclose(angle_between(x, y, degrees=False), np.arccos(np.clip(cos, -1, 1)))
    np.True_
    """
    x, y = vector_pair(x, y)
    _check_not_zero(x, "x", "so it has no direction and no angle with y")
    _check_not_zero(y, "y", "so it has no direction and no angle with x")
    degrees = check_bool(degrees, "degrees")
    x_hat, y_hat = _unit(x), _unit(y)
    theta = 2.0 * np.arctan2(norm(x_hat - y_hat), norm(x_hat + y_hat))
    return float(np.degrees(theta)) if degrees else float(theta)
