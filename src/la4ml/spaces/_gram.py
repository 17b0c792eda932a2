"""The Gram matrix of a set of vectors and its determinant."""

from __future__ import annotations

from typing import Any

import numpy as np

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
    G = V.T @ V  # (k, k)
    return (G + G.T) / 2


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

    Notes
    -----
    Computed as :math:`\prod_i \sigma_i^2` from the singular values of :math:`V`, which equals
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
    s = np.linalg.svd(V, compute_uv=False)  # (k,)
    return float(np.prod(s.astype(np.float64) ** 2))
