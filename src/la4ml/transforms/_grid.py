"""A grid of lines in the plane, mapped through a matrix, for pictures of "a matrix as a map"."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from la4ml._validation import (
    as_float_array,
    check_bool,
    check_matrix,
    check_no_overflow,
    check_scalar,
    check_size,
    describe,
    scale_of,
    unscale,
)
from la4ml.errors import DTypeError, InvalidParameterError, NonFiniteError, OutOfRangeError, ShapeError

__all__ = ["grid_lines", "apply_to_points", "plot_grid"]


def grid_lines(extent: float = 2.0, n_lines: int = 5, n_points: int = 21) -> np.ndarray:
    r"""Points along the lines of a square grid: the vertical lines, then the horizontal ones.

    Parameters
    ----------
    extent : float > 0, default 2.0
        The grid covers the square ``[-extent, extent]²``.
    n_lines : int >= 2, default 5
        Lines in each direction, evenly spaced from ``-extent`` to ``extent`` (5 and 2.0 give the
        integer lines -2, -1, 0, 1, 2).
    n_points : int >= 2, default 21
        Points along each line (a linear map keeps straight lines straight, so 2 suffice for a
        matrix; more are useful for a nonlinear map).

    Returns
    -------
    lines : ndarray of shape (2 * n_lines, n_points, 2)
        ``lines[i]`` holds the (x, y) points of line ``i``; lines ``0 .. n_lines-1`` are vertical
        (x constant), the rest horizontal (y constant).

    Examples
    --------
    >>> L = grid_lines(1.0, n_lines=3, n_points=2)
    >>> L.shape
    (6, 2, 2)
    >>> L[0].tolist()  # the vertical line x = -1
    [[-1.0, -1.0], [-1.0, 1.0]]
    """
    check_scalar(extent, "extent", min_val=0, include_min=False)
    check_scalar(n_lines, "n_lines", kind=numbers.Integral, min_val=2)
    check_scalar(n_points, "n_points", kind=numbers.Integral, min_val=2)
    check_size(4 * n_lines * n_points, "2 * n_lines * n_points * 2 coordinates", hint="ask for fewer lines or points")
    if extent > float(np.finfo(np.float64).max):  # an int beyond float's range (Python compares exactly)
        raise OutOfRangeError(f"extent must be at most {np.finfo(np.float64).max:.4g}, got {extent!r}")
    extent = float(extent)
    # extent * linspace(-1, 1): linspace(-extent, extent) forms extent - (-extent), which overflows near 1e308
    ticks = extent * np.linspace(-1.0, 1.0, n_lines)  # where the lines sit
    t = extent * np.linspace(-1.0, 1.0, n_points)  # where the points sit along each line
    vertical = np.stack([np.broadcast_to(ticks[:, None], (n_lines, n_points)),
                         np.broadcast_to(t, (n_lines, n_points))], axis=-1)  # (n_lines, n_points, 2)
    horizontal = vertical[..., ::-1]  # swap x and y
    return np.concatenate([vertical, horizontal]).astype(float)


def apply_to_points(A: Any, points: Any) -> np.ndarray:
    r"""Map points stored as rows (the last axis holds coordinates) through the matrix ``A``.

    Parameters
    ----------
    A : array_like of shape (m, n)
        The matrix of the map :math:`x \mapsto Ax`.
    points : array_like of shape (..., n)
        Points as rows: a single point ``(n,)``, a cloud ``(n_points, n)`` or the output of
        :func:`grid_lines` ``(n_lines, n_points, n)``.

    Returns
    -------
    ndarray of shape (..., m)
        :math:`Ax` for every point :math:`x`, computed as ``points @ A.T``.

    Raises
    ------
    ShapeError
        If the points' last axis does not have A's number of columns.
    NonFiniteError, DTypeError
        If ``points`` holds NaN or infinity, or is not real numbers.
    NumericOverflowError
        If an image ``A x`` exceeds the largest float (``A`` and ``x`` are rescaled first, so
        only a truly overflowing answer raises).

    Notes
    -----
    Stacking points as rows :math:`X` (one per row, like a design matrix) and mapping each one is
    :math:`(AX^\top)^\top = XA^\top`. Writing ``X @ A`` instead applies :math:`A^\top`, a silent
    mistake for square ``A``.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1.0, 2.0], [0.0, 1.0]])
    >>> X = np.array([[1.0, 1.0], [0.0, 3.0]])
    >>> np.allclose(apply_to_points(A, X), np.array([A @ x for x in X]))
    True
    """
    A = check_matrix(A, "A")
    X = as_float_array(points, "points")
    if X.ndim == 0 or X.shape[-1] != A.shape[1]:
        raise ShapeError(
            f"points must hold vectors of length {A.shape[1]} (A has shape {A.shape}) along their last axis, got "
            f"{describe(X)}; store one point per row"
        )
    if X.size and not np.all(np.isfinite(X)):
        where = tuple(int(i) for i in np.argwhere(~np.isfinite(X))[0])
        raise NonFiniteError(
            f"points must contain only finite numbers, got {X[where]} at index {where} (in {describe(X)}); "
            "drop or impute the missing points before mapping them"
        )
    sa, sx = scale_of(A), scale_of(X)  # the products of the exactly rescaled A / sa and X / sx cannot overflow
    with np.errstate(over="ignore"):
        return check_no_overflow(unscale((X / sx) @ (A / sa).T, sa, sx), "a mapped point A x")


def plot_grid(A: Any = None, ax: Any = None, *, extent: float = 2.0, n_lines: int = 5, basis: bool = True,
              color: str = "C0", reference: bool = True):
    """Draw the image of the square grid under ``A`` (and the images of e1, e2) on ``ax``.

    Parameters
    ----------
    A : array_like of shape (2, 2), optional
        The matrix; ``None`` draws the grid itself (the identity).
    ax : matplotlib Axes, optional
        Where to draw; a new figure's axes if omitted.
    extent, n_lines : see :func:`grid_lines`.
    basis : bool, default True
        Draw the images of :math:`e_1` and :math:`e_2` (the columns of ``A``) as arrows.
    color : str
        Colour of the mapped grid.
    reference : bool, default True
        Also draw the original grid, faint and dashed.

    Returns
    -------
    ax : matplotlib Axes
    """
    import matplotlib.pyplot as plt

    from matplotlib.axes import Axes
    from matplotlib.colors import is_color_like

    A = np.eye(2) if A is None else check_matrix(A, "A")
    if A.shape != (2, 2):
        raise ShapeError(f"plot_grid draws maps of the plane: A must have shape (2, 2), got {A.shape}")
    if ax is not None and not isinstance(ax, Axes):
        raise DTypeError(
            f"ax must be a matplotlib Axes (such as plt.subplots()[1]) or None for a new figure, got {describe(ax)}"
        )
    basis, reference = check_bool(basis, "basis"), check_bool(reference, "reference")
    if not (isinstance(color, str) and is_color_like(color)):
        raise InvalidParameterError(
            f"color must be a matplotlib colour name such as 'C0', 'tab:red' or '#1f77b4', got {color!r}"
        )
    lines = grid_lines(extent, n_lines, n_points=2)  # validates extent and n_lines before a figure is made
    mapped = apply_to_points(A, lines)  # (2 n_lines, 2, 2); an image beyond the float range is refused here
    if ax is None:
        _, ax = plt.subplots(figsize=(4, 4))
    if reference:
        for line in lines:
            ax.plot(*line.T, color="0.75", lw=0.8, ls="--", zorder=0)
    for line in mapped:
        ax.plot(*line.T, color=color, lw=1.2)
    if basis:
        # an entry at the rounding level of the largest one is shown as 0 (no "-2.2e-16" in labels):
        # relative to A's own scale, so A = 1e-14 * I is labelled 1e-14, not 0
        shown = np.where(np.abs(A) <= A.shape[0] * np.finfo(A.dtype).eps * float(np.abs(A).max()), 0.0, A)
        for j, c in enumerate(("C3", "C2")):
            ax.quiver(0, 0, *A[:, j], angles="xy", scale_units="xy", scale=1, color=c, width=0.012, zorder=3,
                      label=f"A e{j + 1} = ({shown[0, j]:.2g}, {shown[1, j]:.2g})")
    lim = 1.15 * max(float(extent), float(np.abs(mapped).max()))
    lim = min(lim, float(np.finfo(np.float64).max) / 2)  # 1.15 * 1e308 would overflow the axis limits
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    return ax
