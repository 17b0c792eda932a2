"""Least squares and linear regression: lstsq three ways, LinearRegression, Ridge and a gradient-descent regressor."""

from la4ml.linear_model._base import LinearRegression
from la4ml.linear_model._gd import GDRegressor
from la4ml.linear_model._lstsq import LstsqResult, lstsq
from la4ml.linear_model._ridge import Ridge

__all__ = ["lstsq", "LstsqResult", "LinearRegression", "Ridge", "GDRegressor"]
