"""A linear map is determined by where it sends the basis vectors; test linearity numerically."""

from __future__ import annotations

import numbers
from typing import Any, Callable

import numpy as np

from la4ml._validation import check_random_state, check_scalar, describe
from la4ml.errors import ShapeError

__all__ = ["matrix_of", "is_linear_map"]


def _image(f: Callable, x: np.ndarray) -> np.ndarray:
    y = np.asarray(f(x.copy()), dtype=float)
    if y.ndim != 1:
        raise ShapeError(f"f must return a 1-D vector, but f({x.tolist()}) returned {describe(y)}")
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
    check_scalar(n, "n", kind=numbers.Integral, min_val=1)
    return np.column_stack([_image(f, e) for e in np.eye(n)])


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
    rtol : float, default 1e-9
        Relative tolerance, against the size of the values compared.
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
    check_scalar(n, "n", kind=numbers.Integral, min_val=1)
    check_scalar(n_trials, "n_trials", kind=numbers.Integral, min_val=1)
    check_scalar(rtol, "rtol", min_val=0)
    rng = check_random_state(random_state)
    if np.any(np.abs(_image(f, np.zeros(n))) > rtol):
        return False
    for _ in range(n_trials):
        x, y = rng.standard_normal(n), rng.standard_normal(n)
        a, b = rng.standard_normal(2)
        left = _image(f, a * x + b * y)
        right = a * _image(f, x) + b * _image(f, y)
        if left.shape != right.shape:
            return False
        scale = max(1.0, float(np.abs(right).max()), float(np.abs(left).max()))
        if not np.allclose(left, right, rtol=0.0, atol=rtol * scale):
            return False
    return True
