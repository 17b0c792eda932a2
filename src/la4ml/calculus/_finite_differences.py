"""Derivatives by central differences, with steps chosen from the floating-point type.

Every function here evaluates the caller's ``f`` at points ``x ± h eᵢ`` and forms a difference
quotient. Two errors compete: the *truncation* error of the formula (``O(h²)`` for a central
difference) and the *rounding* error of subtracting two nearly equal values of ``f``
(``O(eps·|f|/h)`` for a first derivative, ``O(eps·|f|/h²)`` for a second). Balancing them gives the
default steps used below (Nocedal & Wright, *Numerical Optimization*, 2nd ed., §8.1):

* first derivatives: ``h = eps^(1/3) · max(1, |xᵢ|)`` (about 6e-6 in float64, 5e-3 in float32);
* second derivatives: ``h = eps^(1/4) · max(1, |xᵢ|)`` (about 1.2e-4 in float64, 1.9e-2 in float32).

``eps`` is the machine epsilon of ``x``'s dtype: a float32 point is differenced with float32 steps.
Shapes follow ``torch.autograd.functional``: the Jacobian of ``f: R^x.shape -> R^out.shape`` has
shape ``out.shape + x.shape``, the Hessian of a scalar ``f`` has shape ``x.shape + x.shape``.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from la4ml._validation import as_float_array, check_scalar, describe
from la4ml.errors import (DTypeError, EmptyInputError, InvalidParameterError, NonFiniteError, OutOfRangeError,
                          ShapeError)

__all__ = ["numerical_gradient", "numerical_jacobian", "numerical_hessian", "gradient_check", "default_step"]


def default_step(x: Any, order: int = 1) -> np.ndarray:
    """The central-difference step for each entry of ``x``: ``eps^(1/3)·max(1, |xᵢ|)`` for first
    derivatives (``order=1``), ``eps^(1/4)·max(1, |xᵢ|)`` for second ones (``order=2``), with
    ``eps`` the machine epsilon of ``x``'s floating type.

    Examples
    --------
    >>> default_step(np.array([0.5, -100.0]))            # float64: eps^(1/3) ≈ 6.06e-06
    array([6.05545445e-06, 6.05545445e-04])
    >>> float(default_step(np.float32(2.0), order=2)) == float(np.finfo(np.float32).eps ** 0.25 * 2)
    True
    """
    if isinstance(order, bool) or not isinstance(order, (int, np.integer)) or order not in (1, 2):
        raise InvalidParameterError(f"order must be 1 (gradients, Jacobians) or 2 (Hessians), got {order!r:.60}")
    x = _point(x)
    eps = float(np.finfo(x.dtype).eps)
    return (eps ** (1 / 3 if order == 1 else 1 / 4)) * np.maximum(1.0, np.abs(x)).astype(x.dtype)


def _point(x: Any) -> np.ndarray:
    x = as_float_array(x, "x")
    if x.size == 0:
        raise EmptyInputError(f"x must not be empty, got {describe(x)}; pass the point to differentiate at")
    if not np.isfinite(x).all():
        where = tuple(int(i) for i in np.argwhere(~np.isfinite(x))[0])
        raise NonFiniteError(f"x must be finite, got {x[where]} at index {where}; a derivative needs finite "
                             "neighbours on both sides")
    return x.copy()  # never the caller's array: the steps are written into this copy


def _callable(f: Any) -> None:
    if not callable(f):
        raise DTypeError(f"f must be a callable f(x), got {type(f).__name__}; pass a function such as "
                         "lambda x: float(np.sum(x ** 2))")
    import inspect

    try:
        inspect.signature(f).bind(np.zeros(1))
    except TypeError:
        raise DTypeError(f"f must take the point x as its one positional argument, but {f!r:.60} cannot be called as "
                         "f(x); wrap it, e.g. lambda x: g(x, other_args)") from None
    except ValueError:  # no signature to inspect (some builtins): let the call decide
        pass


def _steps(x: np.ndarray, h: Any, order: int) -> np.ndarray:
    if h is None:
        return default_step(x, order)
    check_scalar(h, "h", min_val=0.0, include_min=False)
    steps = np.full(x.shape, h, dtype=x.dtype)
    with np.errstate(over="ignore", invalid="ignore"):
        up, down = x + (2 if order == 2 else 1) * steps, x - (2 if order == 2 else 1) * steps
        taken = up - down
    if not (np.isfinite(up).all() and np.isfinite(down).all() and np.isfinite(taken).all()):
        raise OutOfRangeError(f"h = {h!r} is too large: x ± h leaves the {x.dtype} range; leave h=None for a step "
                              "relative to |x|")
    if not (taken > 0).all() or not np.isfinite(1.0 / (taken.astype(np.float64) ** order)).all():
        raise OutOfRangeError(f"h = {h!r} is too small to move x: (x + h) − (x − h) rounds to 0 (or its "
                              f"{'square' if order == 2 else 'reciprocal'} overflows) at some entry; leave h=None for "
                              "a step chosen from the dtype")
    return steps


def _value(f: Callable, point: np.ndarray, *, scalar: bool, shape: tuple | None = None) -> np.ndarray:
    """``f(point)`` as a float64 array, checked: one real number when ``scalar``, else a fixed shape."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # a non-finite value is named below
        value = f(point.copy())
    if hasattr(value, "detach") and hasattr(value, "cpu"):  # a torch tensor
        value = value.detach().cpu().numpy()
    what = "one real number" if scalar else "an array of real numbers"
    try:
        raw = np.asarray(value)
        complex_ = np.iscomplexobj(raw)
        arr = None if complex_ else raw.astype(np.float64)
    except (TypeError, ValueError):  # None, strings, ragged lists
        raise DTypeError(f"f must return {what}, got {value!r:.80}; return e.g. float(np.sum(...))") from None
    if complex_:
        raise DTypeError(f"f must return real numbers, got {describe(raw)}; return the real part (or the squared "
                         "modulus) if the imaginary part is meaningless")
    if scalar and arr.ndim != 0 and arr.size != 1:
        raise DTypeError(f"f must return one real number (a scalar loss) for a gradient or Hessian, got "
                         f"{describe(arr)}; for a vector-valued f use numerical_jacobian")
    if shape is not None and arr.shape != shape:
        raise ShapeError(f"f returned {describe(arr)} at one point and shape {shape} at another; "
                         "f must return the same shape everywhere")
    if not np.isfinite(arr).all():
        raise NonFiniteError(f"f is not finite near x (it returned {arr.ravel()[~np.isfinite(arr.ravel())][0]} "
                             f"at a point within one step of x); pass a smaller h or move x away from the "
                             "singularity")
    return arr.reshape(()) if scalar else arr


def numerical_gradient(f: Callable[[np.ndarray], Any], x: Any, *, h: float | None = None) -> np.ndarray:
    """The gradient of a scalar function by central differences, ``(f(x + hᵢeᵢ) − f(x − hᵢeᵢ)) / 2hᵢ``.

    Parameters
    ----------
    f : callable
        ``f(x) -> float`` for ``x`` of the shape of ``x``. Called ``2 · x.size`` times, each time
        with a fresh copy.
    x : array_like, any shape (a scalar, a vector, a weight matrix)
        The point; float32 stays float32 (its steps are float32's), anything else becomes float64.
    h : float, optional
        One step for every coordinate. Default :func:`default_step` (``eps^(1/3)·max(1, |xᵢ|)``).

    Returns
    -------
    grad : ndarray of the shape of ``x``, float64
        The estimate. The step actually taken, ``(xᵢ + hᵢ) − (xᵢ − hᵢ)`` after rounding, is the
        divisor; for a quadratic ``f`` the result is exact up to rounding whatever ``h``.

    Raises
    ------
    DTypeError
        ``f`` is not callable or does not return one real number.
    NonFiniteError
        ``x`` is not finite, or ``f`` is not finite within a step of ``x``.
    OutOfRangeError
        ``h <= 0``.

    Examples
    --------
    >>> A = np.array([[2.0, 1.0], [0.0, 3.0]])
    >>> x = np.array([1.0, -2.0])
    >>> g = numerical_gradient(lambda v: v @ A @ v, x)     # the gradient of xᵀAx is (A + Aᵀ)x
    >>> bool(np.allclose(g, (A + A.T) @ x, rtol=1e-9))
    True
    """
    _callable(f)
    x = _point(x)
    steps = _steps(x, h, 1)
    grad = np.empty(x.shape, dtype=np.float64)
    flat, flat_steps, out = x.reshape(-1), steps.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        xi = flat[i]
        up, down = flat.dtype.type(xi + flat_steps[i]), flat.dtype.type(xi - flat_steps[i])
        flat[i] = up
        f_up = _value(f, x, scalar=True)
        flat[i] = down
        f_down = _value(f, x, scalar=True)
        flat[i] = xi
        out[i] = (f_up - f_down) / (float(up) - float(down))
    return grad


def numerical_jacobian(f: Callable[[np.ndarray], Any], x: Any, *, h: float | None = None) -> np.ndarray:
    """The Jacobian of ``f`` by central differences, in ``torch.autograd.functional.jacobian``'s layout.

    Parameters
    ----------
    f : callable
        ``f(x) -> array`` of a fixed shape ``out_shape`` (a scalar counts as shape ``()``).
        Called ``2 · x.size`` times.
    x : array_like, any shape
        The point (float32 kept, with float32 steps; anything else float64).
    h : float, optional
        One step for every coordinate. Default :func:`default_step`.

    Returns
    -------
    J : ndarray of shape ``out_shape + x.shape``, float64
        ``J[i..., j...] = ∂f[i...]/∂x[j...]``: one ROW per output, one COLUMN per input — for
        ``f: Rⁿ → Rᵐ`` an ``(m, n)`` matrix, so that ``f(x + d) ≈ f(x) + J @ d``.

    Raises
    ------
    DTypeError, ShapeError, NonFiniteError, OutOfRangeError
        As :func:`numerical_gradient`; ``ShapeError`` also when ``f``'s output changes shape.

    Examples
    --------
    >>> W = np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 4.0]])     # f(x) = Wx: R³ -> R², Jacobian W
    >>> J = numerical_jacobian(lambda v: W @ v, np.array([0.3, -0.2, 0.5]))
    >>> J.shape, bool(np.allclose(J, W, rtol=1e-9))
    ((2, 3), True)
    """
    _callable(f)
    x = _point(x)
    steps = _steps(x, h, 1)
    out_shape = np.asarray(_value(f, x, scalar=False)).shape
    flat, flat_steps = x.reshape(-1), steps.reshape(-1)
    columns = np.empty((int(np.prod(out_shape, dtype=np.int64)), flat.size), dtype=np.float64)
    for j in range(flat.size):
        xj = flat[j]
        up, down = flat.dtype.type(xj + flat_steps[j]), flat.dtype.type(xj - flat_steps[j])
        flat[j] = up
        f_up = _value(f, x, scalar=False, shape=out_shape)
        flat[j] = down
        f_down = _value(f, x, scalar=False, shape=out_shape)
        flat[j] = xj
        columns[:, j] = ((f_up - f_down) / (float(up) - float(down))).reshape(-1)
    return columns.reshape(out_shape + x.shape)


def numerical_hessian(f: Callable[[np.ndarray], Any], x: Any, *, h: float | None = None) -> np.ndarray:
    """The Hessian of a scalar function by central differences, symmetrized.

    ``H[i, j] ≈ (f(x+hᵢeᵢ+hⱼeⱼ) − f(x+hᵢeᵢ−hⱼeⱼ) − f(x−hᵢeᵢ+hⱼeⱼ) + f(x−hᵢeᵢ−hⱼeⱼ)) / (4hᵢhⱼ)``
    for the ``n(n+1)/2`` pairs ``i ≤ j`` (``4n(n+1)/2`` calls of ``f``), mirrored to ``H[j, i]``: the
    result is exactly symmetric, as a Hessian of a twice continuously differentiable ``f`` is.

    Parameters
    ----------
    f : callable
        ``f(x) -> float``.
    x : array_like, any shape
        The point (float32 kept, with float32 steps; anything else float64).
    h : float, optional
        One step for every coordinate. Default :func:`default_step` with ``order=2``
        (``eps^(1/4)·max(1, |xᵢ|)``: a second difference divides rounding errors by ``h²``).

    Returns
    -------
    H : ndarray of shape ``x.shape + x.shape``, float64, symmetric
        ``torch.autograd.functional.hessian``'s layout.

    Raises
    ------
    DTypeError, ShapeError, NonFiniteError, OutOfRangeError
        As :func:`numerical_gradient`.

    Examples
    --------
    >>> A = np.array([[2.0, 1.0], [0.0, 3.0]])               # the Hessian of xᵀAx is A + Aᵀ
    >>> H = numerical_hessian(lambda v: v @ A @ v, np.array([1.0, -2.0]))
    >>> bool(np.allclose(H, A + A.T, atol=1e-6)), bool((H == H.T).all())
    (True, True)
    """
    _callable(f)
    x = _point(x)
    steps = _steps(x, h, 2)
    flat, flat_steps = x.reshape(-1), steps.reshape(-1)
    n = flat.size
    H = np.empty((n, n), dtype=np.float64)
    typ = flat.dtype.type
    for i in range(n):
        for j in range(i, n):
            xi, xj = flat[i], flat[j]
            total = 0.0
            for si, sj, sign in ((1, 1, 1.0), (1, -1, -1.0), (-1, 1, -1.0), (-1, -1, 1.0)):
                if i == j:  # f(x + 2h) - 2 f(x) + f(x - 2h): the second difference with step 2h
                    flat[i] = typ(xi + (si + sj) * flat_steps[i])
                else:
                    flat[i] = typ(xi + si * flat_steps[i])
                    flat[j] = typ(xj + sj * flat_steps[j])
                total += sign * float(_value(f, x, scalar=True))
                flat[i], flat[j] = xi, xj
            hi = float(typ(xi + flat_steps[i])) - float(xi)
            hj = float(typ(xj + flat_steps[j])) - float(xj)
            H[i, j] = H[j, i] = total / (4.0 * hi * hj)
    return H.reshape(x.shape + x.shape)


def gradient_check(f: Callable[[np.ndarray], Any], grad: Any, x: Any, *, h: float | None = None,
                   floor: float | None = None) -> float:
    """How far a gradient is from the central-difference one: ``‖g − ĝ‖₂ / max(‖g‖₂, ‖ĝ‖₂, floor)``.

    Parameters
    ----------
    f : callable
        ``f(x) -> float``.
    grad : callable or array_like
        The gradient to check: ``grad(x) -> array`` of ``x``'s shape, or that array.
    x : array_like
        The point.
    h : float, optional
        Passed to :func:`numerical_gradient`.
    floor : float, optional
        The smallest denominator: where both gradients are about zero (at a minimum, say) a relative
        error means nothing, and the error is measured against ``floor`` instead. Default: the noise
        level of the central difference itself, ``eps^(2/3) · max(1, |f(x)|) / max(1, ‖x‖∞)``.

    Returns
    -------
    error : float
        About ``1e-10`` or less for a correct gradient in float64 (``1e-3`` in float32); a wrong one
        (a missing factor 2, a transpose, a sign) gives an error of order 1.

    Raises
    ------
    ShapeError
        ``grad`` does not have ``x``'s shape (the transposed gradient of a non-square weight matrix
        is caught here).
    NonFiniteError
        ``grad`` holds NaN or infinity.

    Examples
    --------
    >>> A = np.array([[2.0, 1.0], [0.0, 3.0]])
    >>> x = np.array([1.0, -2.0])
    >>> f = lambda v: v @ A @ v
    >>> gradient_check(f, lambda v: (A + A.T) @ v, x) < 1e-9     # right
    True
    >>> gradient_check(f, lambda v: 2 * A @ v, x) > 0.1           # 2Ax holds only for a symmetric A
    True
    """
    x = _point(x)
    g = grad(x.copy()) if callable(grad) else grad
    if hasattr(g, "detach") and hasattr(g, "cpu"):
        g = g.detach().cpu().numpy()
    g = as_float_array(g, "grad").astype(np.float64)
    if g.shape != x.shape:
        raise ShapeError(f"grad must have the shape of x {x.shape}, got {describe(g)}; a gradient has one entry "
                         "per entry of x (a weight matrix's gradient is not its transpose)")
    numeric = numerical_gradient(f, x, h=h)
    if floor is None:
        eps = float(np.finfo(x.dtype).eps)
        fx = abs(float(_value(f, x, scalar=True)))
        floor = eps ** (2 / 3) * max(1.0, fx) / max(1.0, float(np.max(np.abs(x))))
    else:
        check_scalar(floor, "floor", min_val=0.0, include_min=False)
    if not np.isfinite(g).all():
        where = tuple(int(i) for i in np.argwhere(~np.isfinite(g))[0])
        raise NonFiniteError(f"grad must be finite, got {g[where]} at index {where}: the gradient being checked is "
                             "broken before any comparison (look for a division by zero or an overflowing exp)")
    # in units of the largest entry, so that gradients near 1e308 neither overflow nor lose the ratio
    scale = max(float(np.max(np.abs(g))), float(np.max(np.abs(numeric))), float(floor))
    gs, ns = g / scale, numeric / scale
    denom = max(float(np.linalg.norm(gs)), float(np.linalg.norm(ns)), float(floor) / scale)
    return float(np.linalg.norm(gs - ns) / denom)
