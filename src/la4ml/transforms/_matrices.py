"""The standard 2×2 (and n×n) transformation matrices: each column is where a basis vector lands."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from la4ml._validation import as_float_array, check_bool, check_scalar, check_vector
from la4ml.errors import DTypeError, InvalidParameterError, ShapeError, ZeroVectorError

__all__ = ["rotation", "scaling", "shear", "reflection", "projection_onto_line"]


def rotation(theta: float, *, degrees: bool = False) -> np.ndarray:
    r"""The 2×2 matrix that rotates the plane counterclockwise by ``theta``.

    Parameters
    ----------
    theta : float
        The angle, in radians (or in degrees if ``degrees=True``). Positive turns
        counterclockwise, from the x-axis toward the y-axis.
    degrees : bool, default False
        Read ``theta`` in degrees.

    Returns
    -------
    R : ndarray of shape (2, 2)

    Notes
    -----
    .. math:: R(\theta) = \begin{pmatrix} \cos\theta & -\sin\theta \\ \sin\theta & \cos\theta \end{pmatrix}

    The first column :math:`(\cos\theta, \sin\theta)` is where :math:`e_1` lands, the second
    :math:`(-\sin\theta, \cos\theta)` where :math:`e_2` lands. :math:`R` is orthogonal
    (:math:`R^\top R = I`, so lengths and angles are kept), :math:`\det R = 1`, and
    :math:`R(\alpha)R(\beta) = R(\alpha + \beta)`.

    Examples
    --------
    >>> import numpy as np
    >>> R = rotation(90, degrees=True)
    >>> np.allclose(R @ [1.0, 0.0], [0.0, 1.0])
    True
    >>> np.allclose(R.T @ R, np.eye(2)), bool(np.isclose(np.linalg.det(R), 1.0))
    (True, True)
    """
    check_scalar(theta, "theta")
    degrees = check_bool(degrees, "degrees")
    t = np.deg2rad(float(theta)) if degrees else float(theta)
    c, s = np.cos(t), np.sin(t)
    return np.array([[c, -s], [s, c]])


def scaling(sx: Any, sy: float | None = None) -> np.ndarray:
    r"""The diagonal matrix that stretches axis ``i`` by its factor.

    Parameters
    ----------
    sx : float or array_like of shape (n,)
        The factor along x; or a sequence of ``n`` factors, one per axis, for an n×n scaling.
    sy : float, optional
        The factor along y (2-D only). Omitted: ``sy = sx``, a uniform scaling.

    Returns
    -------
    S : ndarray of shape (2, 2), or (n, n) when ``sx`` is a sequence

    Notes
    -----
    :math:`S = \operatorname{diag}(s_x, s_y)` maps the unit square to an ``|sx| × |sy|``
    rectangle, so :math:`\det S = s_x s_y` is the factor by which areas change; a negative
    factor also flips that axis.

    Examples
    --------
    >>> import numpy as np
    >>> scaling(2.0, 0.5)
    array([[2. , 0. ],
           [0. , 0.5]])
    >>> np.array_equal(scaling([1.0, 2.0, 3.0]), np.diag([1.0, 2.0, 3.0]))
    True
    """
    if not isinstance(sx, numbers.Number):
        sx = as_float_array(sx, "sx")  # a ragged list is refused here, by name
        if sx.ndim == 0:
            sx = sx.item()
    if np.ndim(sx) == 1:
        if sy is not None:
            raise ShapeError(
                f"pass either sx and sy as two numbers or one sequence of factors as sx, got sx={sx!r} and sy={sy!r}"
            )
        factors = check_vector(sx, "sx")
        return np.diag(factors)
    if np.ndim(sx) != 0:
        raise ShapeError(f"sx must be a number or a 1-D sequence of factors, got an array with {np.ndim(sx)} dims")
    check_scalar(sx, "sx")
    if sy is None:
        sy = sx
    check_scalar(sy, "sy")
    return np.array([[float(sx), 0.0], [0.0, float(sy)]])


def shear(k: float, axis: str = "x") -> np.ndarray:
    r"""The 2×2 shear that slides points along ``axis`` in proportion to the other coordinate.

    Parameters
    ----------
    k : float
        The shear factor.
    axis : {"x", "y"}, default "x"
        ``"x"``: a horizontal shear, :math:`(x, y) \mapsto (x + k y, y)`;
        ``"y"``: a vertical shear, :math:`(x, y) \mapsto (x, y + k x)`.

    Returns
    -------
    H : ndarray of shape (2, 2)

    Notes
    -----
    The horizontal shear is :math:`\begin{pmatrix} 1 & k \\ 0 & 1 \end{pmatrix}`: :math:`e_1`
    stays, :math:`e_2` leans to :math:`(k, 1)`. Its determinant is 1 (areas are kept) but it is
    not orthogonal for :math:`k \ne 0` (lengths and angles change).

    Examples
    --------
    >>> shear(0.5)
    array([[1. , 0.5],
           [0. , 1. ]])
    >>> shear(0.5, axis="y")
    array([[1. , 0. ],
           [0.5, 1. ]])
    """
    check_scalar(k, "k")
    if axis == "x":
        return np.array([[1.0, float(k)], [0.0, 1.0]])
    if axis == "y":
        return np.array([[1.0, 0.0], [float(k), 1.0]])
    raise InvalidParameterError(f"axis must be 'x' (horizontal shear) or 'y' (vertical shear), got {axis!r}")


def _direction(d: Any, name: str) -> np.ndarray:
    u = check_vector(d, name)
    if not np.any(u):
        raise ZeroVectorError(f"{name} is the zero vector, so it spans no line; pass a vector with a nonzero entry")
    return u


def projection_onto_line(direction: Any) -> np.ndarray:
    r"""The n×n matrix that projects every vector orthogonally onto the line through ``direction``.

    Parameters
    ----------
    direction : array_like of shape (n,)
        A nonzero vector spanning the line (its length does not matter).

    Returns
    -------
    P : ndarray of shape (n, n)
        Symmetric, of rank 1, with :math:`P^2 = P`.

    Raises
    ------
    ZeroVectorError
        If ``direction`` is all zeros.

    Notes
    -----
    .. math:: P = \frac{d\,d^\top}{d^\top d} = \hat d\,\hat d^\top, \qquad \hat d = d / \|d\|

    :math:`Px = (\hat d^\top x)\,\hat d` keeps the part of :math:`x` along the line and drops the
    rest. Projecting twice changes nothing (:math:`P^2 = P`), and the whole plane collapses onto
    a line, so :math:`\det P = 0` in 2-D.

    Examples
    --------
    >>> import numpy as np
    >>> P = projection_onto_line([1.0, 1.0])
    >>> P @ [2.0, 0.0]
    array([1., 1.])
    >>> np.allclose(P @ P, P), np.linalg.matrix_rank(P)
    (True, np.int64(1))
    """
    u = _direction(direction, "direction")
    u = u / np.abs(u).max()  # rescale first, so the norm cannot overflow for huge entries
    u_hat = u / np.linalg.norm(u)  # (n,) unit vector
    return np.outer(u_hat, u_hat)


def reflection(across: Any) -> np.ndarray:
    r"""The matrix that mirrors space across a line through the origin.

    Parameters
    ----------
    across : {"x", "y"} or array_like of shape (n,)
        ``"x"``: mirror across the x-axis, :math:`(x, y) \mapsto (x, -y)`; ``"y"``: across the
        y-axis, :math:`(x, y) \mapsto (-x, y)`; a nonzero vector: across the line it spans.

    Returns
    -------
    F : ndarray of shape (2, 2), or (n, n) for a vector of length n

    Notes
    -----
    .. math:: F = 2P - I, \qquad P = \frac{d\,d^\top}{d^\top d}

    A point on the line stays (:math:`Pd = d`), the perpendicular part flips sign. :math:`F` is
    orthogonal and its own inverse (:math:`F^2 = I`); in 2-D :math:`\det F = -1` (orientation
    flips). For the mirror across a *hyperplane* with normal :math:`v` (a Householder reflector,
    Part 22), use ``-reflection(v)``, which is :math:`I - 2vv^\top/v^\top v`.

    Examples
    --------
    >>> import numpy as np
    >>> reflection("x") @ [2.0, 3.0]
    array([ 2., -3.])
    >>> F = reflection([1.0, 1.0])
    >>> np.allclose(F @ [1.0, 0.0], [0.0, 1.0]), np.allclose(F @ F, np.eye(2))
    (True, True)
    """
    if isinstance(across, str):
        if across == "x":
            return np.array([[1.0, 0.0], [0.0, -1.0]])
        if across == "y":
            return np.array([[-1.0, 0.0], [0.0, 1.0]])
        raise InvalidParameterError(f"across must be 'x', 'y' or a direction vector, got {across!r}")
    if isinstance(across, numbers.Number):
        raise DTypeError(f"across must be 'x', 'y' or a direction vector, got the number {across!r}")
    u = _direction(across, "across")
    u = u / np.abs(u).max()
    u_hat = u / np.linalg.norm(u)
    return 2.0 * np.outer(u_hat, u_hat) - np.eye(len(u))
