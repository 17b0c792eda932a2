"""Checks shared by the modules of ``la4ml.spaces`` (the generic ones live in ``la4ml._validation``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from la4ml._validation import as_float_array, check_matrix, check_scalar
from la4ml.errors import EmptyInputError, OutOfRangeError, ShapeError


def check_tol(tol: Any) -> float | None:
    """``None`` (use the default) or a finite real ``tol >= 0``."""
    if tol is None:
        return None
    return float(check_scalar(tol, "tol", min_val=0.0))


def vectors_as_columns(vectors: Any, name: str = "vectors", *, axis: str = "columns") -> np.ndarray:
    """Stack vectors as the columns of a matrix.

    A list or tuple whose items are 1-D (``[v1, v2, v3]``) is a list of vectors; anything else
    is a matrix whose vectors lie along ``axis`` ('columns': ``A[:, j]``, 'rows': ``A[i]``).
    """
    if axis not in ("columns", "rows"):
        raise OutOfRangeError(f"axis must be 'columns' or 'rows', got {axis!r}")
    if isinstance(vectors, (list, tuple)) and len(vectors) and all(np.ndim(v) == 1 for v in vectors):
        items = [as_float_array(v, f"{name}[{i}]") for i, v in enumerate(vectors)]
        lengths = {v.shape[0] for v in items}
        if len(lengths) > 1:
            detail = ", ".join(f"{name}[{i}] has {v.shape[0]}" for i, v in enumerate(items))
            raise ShapeError(f"every vector in {name} must have the same length: {detail}")
        return check_matrix(np.column_stack(items), name)  # (n, k): one vector per column
    if isinstance(vectors, (list, tuple)) and not len(vectors):
        raise EmptyInputError(f"{name} must hold at least one vector, got an empty {type(vectors).__name__}")
    A = check_matrix(vectors, name)
    return A if axis == "columns" else A.T


def default_tol(s: np.ndarray, shape: tuple[int, int], dtype: Any) -> float:
    """NumPy's rank tolerance: ``s.max() * max(m, n) * eps`` for singular values ``s``."""
    return float(s.max(initial=0.0) * (max(shape) * np.finfo(dtype).eps))  # eps factor first: no overflow


