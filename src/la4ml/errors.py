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
    "InvalidParameterError",
    "NumericOverflowError",
    "DatasetNotFoundError",
    # Part 10 (la4ml.eigen)
    "NotConvergedError",
    "ConvergenceWarning",
    "DefectiveMatrixError",
    "NotStochasticError",
    # Part 14 (la4ml.linear_model)
    "LearningRateWarning",
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


class InvalidParameterError(La4mlError, ValueError):
    """A parameter takes a value that is not one of its options, or parameters that cannot go together."""


class NumericOverflowError(La4mlError, ValueError):
    """The answer for finite input is too large for the floating-point type (it would be inf or NaN)."""


class DatasetNotFoundError(La4mlError, FileNotFoundError):
    """A data file or folder is missing or unreadable (a ratings file, a Parquet folder, a shipped data set)."""


# ---- Part 10 (la4ml.eigen): iterative eigensolvers, diagonalization, Markov chains ----


class NotConvergedError(La4mlError, RuntimeError):
    """An iterative method used up its iterations without meeting its tolerance (PageRank...)."""


class ConvergenceWarning(UserWarning):
    """An iterative method stopped at its iteration limit; the result it returns is not converged."""


class DefectiveMatrixError(La4mlError, np.linalg.LinAlgError):
    """The matrix is defective or nearly so: its eigenvectors do not form a usable basis."""


class NotStochasticError(La4mlError, ValueError):
    """A stochastic (Markov transition) matrix was required: entries >= 0 and rows summing to 1."""


# ---- Part 14 (la4ml.linear_model): least squares, regression, gradient descent ----


class LearningRateWarning(UserWarning):
    """A gradient-descent learning rate at or above 2/L (L the largest Hessian eigenvalue): the iterates cannot converge."""
