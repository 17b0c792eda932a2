"""The gradient of the mean squared error, and a central-difference gradient to check it (Part 15)."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from la4ml._validation import check_matrix, check_scalar, check_vector, describe
from la4ml.errors import DTypeError, ShapeError

__all__ = ["mse_gradient", "numerical_gradient"]


def mse_gradient(X: Any, y: Any, w: Any) -> np.ndarray:
    """The gradient ``(2/n) Xᵀ(Xw - y)`` of the mean squared error ``‖Xw - y‖² / n``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_weights)
        The design matrix (include a column of ones yourself if the model has a bias).
    y : array_like of shape (n_samples,)
        The targets.
    w : array_like of shape (n_weights,)
        The weights at which to evaluate the gradient.

    Returns
    -------
    grad : ndarray of shape (n_weights,)
        ``(2 / n_samples) Xᵀ(Xw - y)``.

    Raises
    ------
    ShapeError
        ``y`` does not have one entry per row of ``X``, or ``w`` one per column.
    NonFiniteError, DTypeError, EmptyInputError
        From the validation of the inputs.

    Notes
    -----
    With ``r = Xw - y``, a change ``dw`` changes ``rᵀr`` by ``2 rᵀX dw`` to first order, so the
    gradient of ``rᵀr / n`` is ``(2/n) Xᵀr``. The Hessian is the constant ``(2/n) XᵀX``.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    >>> y = np.array([1.0, 3.0, 2.0])
    >>> g = mse_gradient(X, y, np.zeros(2))
    >>> g
    array([-4.        , -4.66666667])
    >>> bool(np.allclose(g, 2 / 3 * X.T @ (X @ np.zeros(2) - y)))
    True
    """
    X = check_matrix(X, "X")
    y = check_vector(y, "y")
    w = check_vector(w, "w")
    if y.shape[0] != X.shape[0]:
        raise ShapeError(f"y must have one entry per row of X ({X.shape[0]}), got {describe(y)}; "
                         "pass the targets of the same samples as X")
    if w.shape[0] != X.shape[1]:
        raise ShapeError(f"w must have one entry per column of X ({X.shape[1]}), got {describe(w)}; "
                         "if X has a column of ones for the bias, w needs the bias too")
    return (2.0 / X.shape[0]) * (X.T @ (X @ w - y))


def numerical_gradient(f: Callable[[np.ndarray], float], x: Any, *, h: float | None = None) -> np.ndarray:
    """The gradient of ``f`` at ``x`` by central differences, ``(f(x + h e_j) - f(x - h e_j)) / 2h``.

    Parameters
    ----------
    f : callable
        ``f(x) -> float`` for ``x`` of the shape of ``x``. It is called ``2 · x.size`` times.
    x : array_like of shape (n,)
        The point.
    h : float, optional
        The step. Default ``eps^(1/3) · max(1, |x_j|)`` for each coordinate: the step that balances
        the truncation error ``O(h²)`` of central differences against the rounding error
        ``O(eps · |f| / h)``.

    Returns
    -------
    grad : ndarray of shape (n,)
        The central-difference estimate. For a quadratic ``f`` (the MSE of a linear model) it is
        exact up to rounding, whatever ``h``.

    Raises
    ------
    DTypeError
        ``f`` is not callable, or returns something that is not a real number.
    OutOfRangeError
        ``h <= 0``.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    >>> y = np.array([1.0, 3.0, 2.0])
    >>> g = numerical_gradient(lambda w: np.mean((X @ w - y) ** 2), np.array([0.5, -1.0]))
    >>> bool(np.allclose(g, mse_gradient(X, y, [0.5, -1.0]), rtol=1e-9))
    True
    """
    # one implementation in the toolkit: la4ml.calculus (Part 25), here on float64 vectors
    from la4ml.calculus import numerical_gradient as central_differences

    return central_differences(f, check_vector(x, "x").astype(np.float64), h=h)
