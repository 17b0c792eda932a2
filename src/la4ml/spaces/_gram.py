"""The Gram matrix of a set of vectors and its determinant."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from la4ml._validation import check_no_overflow, scale_of, unscale
from la4ml.errors import NumericOverflowError
from la4ml.spaces._checks import vectors_as_columns

__all__ = ["gram_matrix", "gram_determinant"]


def gram_matrix(X: Any, *, axis: str = "columns") -> np.ndarray:
    r"""All inner products of a set of vectors: ``G[i, j] = v_i . v_j``.

    Parameters
    ----------
    X : array_like of shape (n, k), or a list of k vectors of shape (n,)
        The vectors: the columns of a matrix (the linear-algebra convention of this package),
        its rows with ``axis='rows'``, or the items of a list.
    axis : {'columns', 'rows'}, keyword-only, default 'columns'
        Where the vectors lie in a matrix ``X``. ``'columns'`` gives :math:`X^T X`
        (k x k, the Gram matrix of the k columns); ``'rows'`` gives :math:`X X^T`, the linear
        kernel matrix of samples in rows (:func:`sklearn.metrics.pairwise.linear_kernel`).
        Ignored for a list of vectors.

    Returns
    -------
    G : ndarray of shape (k, k)
        Symmetric positive semidefinite.

    Notes
    -----
    :math:`G = V^T V` with the vectors as the columns of :math:`V`. It is always PSD
    (:math:`c^T G c = \|Vc\|^2 \ge 0`), and singular exactly when the vectors are dependent:
    :math:`Gc = 0 \iff Vc = 0`. The result is symmetrized, so rounding never breaks symmetry.

    Examples
    --------
    >>> import numpy as np
    >>> V = np.array([[1.0, 0.0], [1.0, 2.0], [0.0, 1.0]])  # two vectors in R^3, as columns
    >>> gram_matrix(V)
    array([[2., 2.],
           [2., 5.]])
    >>> np.allclose(gram_matrix([V[:, 0], V[:, 1]]), V.T @ V)
    True
    """
    V = vectors_as_columns(X, "X", axis=axis)  # (n, k)
    s = scale_of(V)  # products of the exactly rescaled V / s cannot overflow
    Vs = V / s
    G = Vs.T @ Vs  # (k, k)
    with np.errstate(over="ignore"):
        return check_no_overflow(unscale((G + G.T) / 2, s, s), "an inner product of the vectors in X")


def gram_determinant(X: Any, *, axis: str = "columns") -> float:
    r"""The determinant of the Gram matrix: the squared volume spanned by the vectors.

    Zero exactly when the vectors are linearly dependent, in exact arithmetic. For the
    floating-point question use :func:`is_linearly_independent`, which applies a tolerance.

    Parameters
    ----------
    X : array_like of shape (n, k), or a list of k vectors of shape (n,)
        The vectors, as in :func:`gram_matrix`.
    axis : {'columns', 'rows'}, keyword-only, default 'columns'

    Returns
    -------
    float
        :math:`\det(V^T V) \ge 0`: the squared k-dimensional volume of the parallelotope the
        k vectors span (the squared area of a parallelogram for k = 2).

    Raises
    ------
    NumericOverflowError
        If the determinant exceeds the largest float64 (vectors of length 1e200, say); the
        message gives its order of magnitude. A determinant below the smallest float is 0.0.

    Notes
    -----
    Computed as :math:`\prod_i \sigma_i^2` from the singular values of :math:`V / s` (``s`` a power
    of two; its exponent is added back as an integer, so no product overflows midway), which equals
    :math:`\det(V^T V)` but never comes out negative through rounding, as ``np.linalg.det`` of
    a singular :math:`G` can. More than n vectors in :math:`\mathbb{R}^n` are always dependent:
    the result is then exactly 0.

    *Numerical note*: the determinant scales with the vectors (doubling one multiplies it by 4)
    so "small" has no fixed meaning: it is a teaching device, not a test.

    Examples
    --------
    >>> import numpy as np
    >>> u, v = np.array([2.0, 0.0]), np.array([1.0, 3.0])
    >>> round(gram_determinant([u, v]), 9)  # area of the parallelogram is |det [u v]| = 6
    36.0
    >>> V = np.column_stack([u, v])
    >>> np.isclose(gram_determinant(V), np.linalg.det(V.T @ V))
    np.True_
    """
    V = vectors_as_columns(X, "X", axis=axis)  # (n, k)
    n, k = V.shape
    if k > n:
        return 0.0
    scale = scale_of(V)  # singular values of V / scale (exact rescaling), so none overflows
    s = np.linalg.svd(V / scale, compute_uv=False).astype(np.float64)  # (k,)
    # det = prod (scale * s_i)^2, accumulated as mantissa and exponent (math.frexp): the product of
    # k huge or tiny factors would overflow (inf, then inf * 0 = NaN) or underflow on the way even
    # when the answer is representable, and logarithms would cost digits
    mantissa, exponent = 1.0, 0
    for factor in s:
        m, e = math.frexp(float(factor))  # factor = m 2**e, so factor**2 = m**2 2**(2e): no underflow
        mantissa, e2 = math.frexp(mantissa * m * m)
        exponent += 2 * e + e2
    exponent += 2 * k * (math.frexp(scale)[1] - 1)  # scale is a power of two: scale**2k = 2**(2k (e - 1))
    try:
        return float(math.ldexp(mantissa, exponent))
    except OverflowError:
        raise NumericOverflowError(
            f"the Gram determinant of X is about 2**{exponent} (10**{exponent * math.log10(2):.0f}), beyond the "
            "largest float64 (about 1.8e308); compare log-volumes instead: 2 * sum(log(singular_values(X)))"
        ) from None
