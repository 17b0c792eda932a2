"""Checks shared by the modules of ``la4ml.vectors`` (the generic ones live in ``la4ml._validation``)."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from la4ml._validation import as_float_array, check_matrix, check_vector, describe
from la4ml.errors import DTypeError, OutOfRangeError, ShapeError


def vector(x: Any, name: str) -> np.ndarray:
    """A 1-D finite real vector; a matrix gets a hint that says which function it wanted."""
    arr = as_float_array(x, name)
    if arr.ndim == 2 and arr.shape[1] != 1:
        raise ShapeError(
            f"{name} must be a 1-D vector, got {describe(arr)}; for a matrix use matrix_norm, "
            "pairwise_distances or cosine_similarity, or flatten it with np.ravel"
        )
    return check_vector(arr, name)


def vector_pair(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """Two vectors of the same length, in a common floating dtype."""
    x = vector(x, "x")
    y = vector(y, "y")
    if x.shape != y.shape:
        raise ShapeError(
            f"x and y must have the same length, got {x.shape[0]} and {y.shape[0]}; "
            "a distance compares two points of the same space"
        )
    dtype = np.result_type(x, y)
    return x.astype(dtype, copy=False), y.astype(dtype, copy=False)


def rows(X: Any, name: str) -> tuple[np.ndarray, bool]:
    """A matrix whose rows are vectors; a 1-D input is one row. Returns (matrix, was_1d)."""
    arr = as_float_array(X, name)
    if arr.ndim == 1:
        return check_vector(arr, name)[None, :], True
    return check_matrix(arr, name), False


def same_n_features(X: np.ndarray, Y: np.ndarray, xname: str = "X", yname: str = "Y") -> None:
    if X.shape[1] != Y.shape[1]:
        raise ShapeError(
            f"{xname} and {yname} must have the same number of features (columns), got "
            f"{xname} of shape {X.shape} and {yname} of shape {Y.shape}"
        )


def check_p(p: Any, name: str = "p") -> float:
    """A Minkowski order: a real p >= 1 or np.inf."""
    if isinstance(p, str):
        raise DTypeError(
            f"{name} must be a number >= 1 or np.inf, got the string {p!r}; "
            "'fro' and 'nuc' are matrix norms: use matrix_norm(A, ord=...)"
        )
    if isinstance(p, (bool, np.bool_)) or not isinstance(p, numbers.Real) or p != p:  # p != p: NaN
        raise DTypeError(f"{name} must be a real number >= 1 or np.inf, got {p!r} of type {type(p).__name__}")
    if p < 1:
        raise OutOfRangeError(
            f"{name}={p!r} is not a norm: the unit ball is not convex, so the triangle inequality "
            f"fails (for p < 1, ||x + y|| can exceed ||x|| + ||y||); use p >= 1"
            + ("; to count nonzero entries use np.count_nonzero(x)" if p == 0 else "")
        )
    try:
        return float(p)
    except OverflowError:  # an int beyond float's range: as good as infinity for a p-norm
        return float("inf")
