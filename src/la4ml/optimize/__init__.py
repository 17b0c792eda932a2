"""Nonlinear least squares from scratch: Gauss–Newton, Levenberg–Marquardt and curve fitting."""

from la4ml.optimize._nls import (
    curve_fit,
    gauss_newton,
    jacobian_2point,
    levenberg_marquardt,
)

__all__ = ["jacobian_2point", "gauss_newton", "levenberg_marquardt", "curve_fit"]
