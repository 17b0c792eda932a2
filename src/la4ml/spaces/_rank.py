"""Singular values and the numerical rank."""

from __future__ import annotations

from typing import Any

import numpy as np

from la4ml._validation import check_matrix, check_no_overflow, scale_of
from la4ml.spaces._checks import check_tol, default_tol

__all__ = ["singular_values", "numerical_rank"]


def singular_values(A: Any) -> np.ndarray:
    r"""The singular values of ``A``, largest first.

    Parameters
    ----------
    A : array_like of shape (m, n)

    Returns
    -------
    ndarray of shape (min(m, n),)
        :math:`\sigma_1 \ge \sigma_2 \ge \dots \ge 0`, from NumPy's SVD (LAPACK ``gesdd``).

    Examples
    --------
    >>> import numpy as np
    >>> singular_values([[3.0, 0.0], [0.0, -4.0]])
    array([4., 3.])
    >>> A = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    >>> np.allclose(singular_values(A), np.linalg.svd(A, compute_uv=False))
    True
    """
    A = check_matrix(A, "A")
    s = scale_of(A)  # the SVD of A / s (exact rescaling), scaled back: sigma_1 beyond 1e308 is an error
    with np.errstate(over="ignore"):
        return check_no_overflow(np.linalg.svd(A / s, compute_uv=False) * s, "the largest singular value of A")


def numerical_rank(A: Any, tol: float | None = None) -> int:
    r"""The numerical rank of ``A``: how many singular values exceed ``tol``.

    Parameters
    ----------
    A : array_like of shape (m, n)
    tol : float >= 0, optional
        Singular values ``<= tol`` count as zero. The default is NumPy's,
        ``S.max() * max(m, n) * eps`` (``eps`` of ``A``'s dtype: about ``2.2e-16`` for float64,
        ``1.2e-7`` for float32), so the result matches :func:`numpy.linalg.matrix_rank`.

    Returns
    -------
    int
        Between 0 and ``min(m, n)``.

    Notes
    -----
    In exact arithmetic the rank is the number of nonzero singular values. In floating point a
    matrix that is singular in theory has singular values of order ``eps * S.max()`` instead of
    zero, so "nonzero" would call every matrix full rank. The default threshold is the size of
    the rounding error the SVD itself commits [1]_: anything smaller is indistinguishable from 0.
    If the data carry their own uncertainty (measurements to 3 digits), pass a ``tol`` of that
    size: the rank is then "the number of directions the data really span".

    References
    ----------
    .. [1] W. H. Press, S. A. Teukolsky, W. T. Vetterling and B. P. Flannery, *Numerical
       Recipes*, 3rd ed., §2.6, 2007.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])  # row 3 = 2 row 2 - row 1
    >>> numerical_rank(A)
    2
    >>> numerical_rank(A, tol=0.0)  # rounding left the third singular value tiny but nonzero
    3
    >>> numerical_rank(A) == int(np.linalg.matrix_rank(A))
    True
    """
    tol = check_tol(tol)
    s = singular_values(A)
    if tol is None:
        tol = default_tol(s, np.shape(A), s.dtype)
    return int(np.count_nonzero(s > tol))
