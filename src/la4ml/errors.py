"""Exceptions raised by la4ml.

Every la4ml exception subclasses the standard exception a caller would already catch
(``ValueError``, ``TypeError`` or ``numpy.linalg.LinAlgError``), so existing ``except``
clauses keep working, and subclasses :class:`La4mlError` so la4ml's own can be caught at once.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "La4mlError",
    "ShapeError",
    "NotSquareError",
    "NotSymmetricError",
    "NonFiniteError",
    "EmptyInputError",
    "DTypeError",
    "NotPositiveDefiniteError",
    "SingularMatrixError",
    "OutOfRangeError",
    "ZeroVectorError",
]


class La4mlError(Exception):
    """Base class of every exception la4ml raises on purpose."""


class ShapeError(La4mlError, ValueError):
    """An array has the wrong number of dimensions or a non-conforming shape."""


class NotSquareError(ShapeError):
    """A square matrix was required."""


class NotSymmetricError(La4mlError, ValueError):
    """A symmetric (Hermitian) matrix was required."""


class NonFiniteError(La4mlError, ValueError):
    """The input contains NaN or infinity."""


class EmptyInputError(La4mlError, ValueError):
    """The input has no elements where at least one was required."""


class DTypeError(La4mlError, TypeError):
    """The input's dtype cannot be used (strings, objects, complex where real is required...)."""


class NotPositiveDefiniteError(La4mlError, np.linalg.LinAlgError):
    """A positive definite matrix was required (for example by a Cholesky factorization)."""


class SingularMatrixError(La4mlError, np.linalg.LinAlgError):
    """The matrix is singular (or numerically singular) where an invertible one was required."""


class OutOfRangeError(La4mlError, ValueError):
    """A value lies outside the range it was declared to lie in (ratings outside their scale...)."""


class ZeroVectorError(La4mlError, ValueError):
    """A zero vector was given where a direction is needed (cosine, angle, projection, normalization)."""
