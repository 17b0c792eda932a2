"""A linear map is determined by where it sends the basis vectors; test linearity numerically."""

from __future__ import annotations

import inspect
import numbers
from typing import Any, Callable

import numpy as np

from la4ml._validation import check_random_state, check_scalar, check_size, describe
from la4ml.errors import DTypeError, NonFiniteError, OutOfRangeError, ShapeError

__all__ = ["matrix_of", "is_linear_map"]

#: more random trials than this add no evidence worth the wait (and 2**62 of them never end)
_MAX_TRIALS = 100_000


def _check_f(f: Any) -> None:
    if not callable(f):
        raise DTypeError(f"f must be a function of one vector, got {describe(f)}; pass e.g. lambda x: A @ x")
    try:
        inspect.signature(f).bind(np.zeros(1))
    except TypeError:
        raise DTypeError(
            f"f must take exactly one argument (the vector x), but {getattr(f, '__name__', f)!r} cannot be called "
            "with one; wrap it, e.g. lambda x: g(x, other)"
        ) from None
    except ValueError:  # builtins without a signature: try them as they are
        pass


def _check_dimension(n: Any) -> int:
    check_scalar(n, "n", kind=numbers.Integral, min_val=1)
    return check_size(n, "n", hint="n is the dimension of the input space")


def _image(f: Callable, x: np.ndarray) -> np.ndarray:
    try:
        y = np.asarray(f(x.copy()))
    except ValueError as exc:
        if "inhomogeneous" not in str(exc) and "sequence" not in str(exc):
            raise  # the user's own error, from inside f
        raise ShapeError(f"f must return a 1-D vector, but f({x.tolist()}) returned a ragged sequence") from None
    if y.dtype.kind not in "biuf":
        raise DTypeError(f"f must return a real vector, but f({x.tolist()}) returned {describe(y)}")
    y = y.astype(np.float64)
    if y.ndim != 1:
        raise ShapeError(f"f must return a 1-D vector, but f({x.tolist()}) returned {describe(y)}")
    if not np.all(np.isfinite(y)):
        raise NonFiniteError(
            f"f must return finite numbers, but f({x.tolist()}) returned {y.tolist()}; check f for a division "
            "by zero or an overflow"
        )
    return y


def matrix_of(f: Callable[[np.ndarray], Any], n: int) -> np.ndarray:
    r"""The matrix whose columns are :math:`f(e_1), \dots, f(e_n)`.

    Parameters
    ----------
    f : callable
        Takes a vector of shape ``(n,)`` and returns a vector of shape ``(m,)``.
    n : int >= 1
        The dimension of the input space.

    Returns
    -------
    A : ndarray of shape (m, n)
        If ``f`` is linear, ``f(x) == A @ x`` for every ``x``. (If it is not, ``A`` is still
        returned; check with :func:`is_linear_map`.)

    Notes
    -----
    Every :math:`x = x_1 e_1 + \dots + x_n e_n`, so for a linear map
    :math:`f(x) = x_1 f(e_1) + \dots + x_n f(e_n) = Ax`.

    Examples
    --------
    >>> import numpy as np
    >>> A = matrix_of(lambda x: np.array([x[0] + 2 * x[1], 3 * x[1]]), 2)
    >>> A
    array([[1., 2.],
           [0., 3.]])
    """
    _check_f(f)
    n = _check_dimension(n)
    columns = []
    for j in range(n):
        e = np.zeros(n)
        e[j] = 1.0
        columns.append(_image(f, e))
    if len({c.shape for c in columns}) > 1:
        raise ShapeError(f"f must return vectors of one length, got lengths {sorted({c.size for c in columns})}")
    if columns[0].size == 0:
        raise ShapeError("f must return a nonempty vector, got one of length 0")
    return np.column_stack(columns)


def is_linear_map(f: Callable[[np.ndarray], Any], n: int, *, n_trials: int = 20, rtol: float = 1e-9,
                  random_state: Any = 0) -> bool:
    r"""Test numerically whether ``f`` respects sums and scalings: :math:`f(ax + by) = af(x) + bf(y)`.

    Parameters
    ----------
    f : callable
        Takes a vector of shape ``(n,)`` and returns a 1-D vector.
    n : int >= 1
        The dimension of the input space.
    n_trials : int >= 1, default 20
        Random triples ``(x, y, a, b)`` to try (standard normal draws).
    rtol : float in [0, 1), default 1e-9
        Relative tolerance: ``|f(ax + by) - (a f(x) + b f(y))|`` may be ``rtol`` times the largest
        of ``|f(ax + by)|``, ``|a f(x)|``, ``|b f(y)|``, and ``|f(0)|`` ``rtol`` times the largest
        ``|f(x)|`` seen. Purely relative, so a map that only moves things by ``1e-12`` is judged
        as strictly as one that moves them by ``1e12``.
    random_state : None, int or numpy.random.Generator, default 0

    Returns
    -------
    bool
        False as soon as one trial (or :math:`f(0) = 0`) fails; True if all pass. A True is
        evidence, not a proof.

    Examples
    --------
    >>> import numpy as np
    >>> is_linear_map(lambda x: np.array([[2.0, 1.0], [0.0, 1.0]]) @ x, 2)
    True
    >>> is_linear_map(lambda x: x + 1.0, 2)  # a translation moves the origin
    False
    """
    _check_f(f)
    n = _check_dimension(n)
    check_scalar(n_trials, "n_trials", kind=numbers.Integral, min_val=1, max_val=_MAX_TRIALS)
    check_scalar(rtol, "rtol", min_val=0, max_val=1, include_max=False)
    rng = check_random_state(random_state)
    scale = 0.0  # f's own scale, max |f(x)| over the trial vectors: f(0) is judged against it
    for _ in range(n_trials):
        x, y = rng.standard_normal(n), rng.standard_normal(n)
        a, b = rng.standard_normal(2)
        left, fx, fy = _image(f, a * x + b * y), _image(f, x), _image(f, y)
        if not left.shape == fx.shape == fy.shape:
            return False
        big_x, big_y = float(np.max(np.abs(fx), initial=0.0)), float(np.max(np.abs(fy), initial=0.0))
        scale = max(scale, big_x, big_y)
        # in units of the largest value (no overflow near 1e308), relative to the largest term (no floor of 1)
        t = max(float(np.max(np.abs(left), initial=0.0)), big_x, big_y)
        if t == 0.0:
            continue
        size = max(float(np.max(np.abs(left))) / t, abs(a) * big_x / t, abs(b) * big_y / t)
        if not np.all(np.abs(left / t - (a * (fx / t) + b * (fy / t))) <= rtol * size):
            return False
    zero = _image(f, np.zeros(n))
    return not np.any(np.abs(zero) > rtol * scale)  # a linear map sends 0 to 0; the zero map to exactly 0
