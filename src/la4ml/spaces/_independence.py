"""Linear independence, bases of a column space, and membership in a span."""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.linalg

from la4ml._validation import check_option, check_vector, scale_of
from la4ml.errors import SingularMatrixError
from la4ml.spaces._checks import check_tol, default_tol, vectors_as_columns
from la4ml.spaces._rank import numerical_rank

__all__ = ["is_linearly_independent", "column_basis", "orthonormal_basis", "in_span"]


def is_linearly_independent(vectors: Any, tol: float | None = None) -> bool:
    r"""Whether the vectors are linearly independent, judged by their numerical rank.

    Parameters
    ----------
    vectors : array_like of shape (n, k), or a list of k vectors of shape (n,)
        The vectors: the **columns** of a matrix, or the items of a list
        (``[v1, v2, v3]``, stacked as columns).
    tol : float >= 0, optional
        Singular values ``<= tol`` count as zero; the default is :func:`numerical_rank`'s,
        ``S.max() * max(n, k) * eps``.

    Returns
    -------
    bool
        True when the only combination :math:`c_1 v_1 + \dots + c_k v_k` equal to 0 is
        :math:`c = 0`, i.e. when the rank equals k.

    Notes
    -----
    ``tol=0`` asks "is any singular value exactly zero?", which rounding almost never allows:
    ``[1, 2, 3], [4, 5, 6], [7, 8, 9]`` are dependent (the third is twice the second minus the
    first), yet their smallest computed singular value is about ``3e-16``, not 0. The default
    tolerance treats such values as the rounding noise they are. More than n vectors in
    :math:`\mathbb{R}^n` are always dependent.

    Examples
    --------
    >>> import numpy as np
    >>> u, v = np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0, 6.0])
    >>> is_linearly_independent([u, v]), is_linearly_independent([u, v, 2 * v - u])
    (True, False)
    >>> V = np.column_stack([u, v, 2 * v - u])
    >>> is_linearly_independent(V) == bool(np.linalg.matrix_rank(V) == V.shape[1])
    True
    """
    V = vectors_as_columns(vectors, "vectors")  # (n, k): one vector per column
    return numerical_rank(V, tol) == V.shape[1]


def _greedy_basis(A: np.ndarray, tol: float) -> list[int]:
    """Left to right: keep column j when it is farther than tol from being a combination of the kept ones.

    "Farther" is measured like a singular value, as the smallest change to the columns that
    would make ``a_j`` a combination ``A_K c`` of the kept columns ``A_K``: with ``r`` the part of
    ``a_j`` orthogonal to them, that change has norm ``||r|| / sqrt(1 + ||c||^2)`` (the normwise
    backward error of ``A_K c = a_j``). The bare ``||r||`` is the wrong scale: it carries the
    rounding of the projection, about ``eps * ||A_K|| * ||c||``, which for kept columns that
    are close to dependent (large ``c``) exceeds a threshold on singular values, so a
    dependent column got kept. Same measure, same threshold: the count agrees with
    ``numerical_rank(A, tol)`` whenever the singular values are clearly separated from tol.
    """
    m, n = A.shape
    Q = np.zeros((m, 0))  # orthonormal basis of the kept columns, grown one column at a time
    R = np.zeros((0, 0))  # A[:, kept] = Q R, R upper triangular with positive diagonal
    kept: list[int] = []
    for j in range(n):
        a = A[:, j].astype(np.float64)
        h = Q.T @ a
        r = a - Q @ h
        h2 = Q.T @ r  # orthogonalize twice: "twice is enough" (Kahan, Parlett)
        r = r - Q @ h2
        h = h + h2  # Q^T a, accumulated over both passes
        length = float(np.linalg.norm(r))
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            c = scipy.linalg.solve_triangular(R, h) if kept else h  # a_j ~ A_K c + r
            distance = length / float(np.hypot(1.0, np.linalg.norm(c)))
        if distance > tol:  # NaN (from an overflowing c) counts as dependent
            kept.append(j)
            R = np.block([[R, h[:, None]], [np.zeros((1, R.shape[1])), np.array([[length]])]])
            Q = np.column_stack([Q, r / length])
    return kept


def _default_tol_of(A: np.ndarray) -> float:
    return default_tol(np.linalg.svd(A, compute_uv=False), A.shape, A.dtype)


def column_basis(A: Any, tol: float | None = None, *, method: str = "greedy") -> np.ndarray:
    r"""Indices of a maximal linearly independent set of columns of ``A``.

    The columns ``A[:, column_basis(A)]`` are independent and span the same space as all
    columns of ``A``: they are a basis of the column space built from the data's own columns.

    Parameters
    ----------
    A : array_like of shape (m, n), or a list of n vectors of shape (m,)
        The vectors are the columns.
    tol : float >= 0, optional
        Threshold for "adds a new direction"; the default is :func:`numerical_rank`'s,
        ``S.max() * max(m, n) * eps``.
    method : {'greedy', 'qr'}, keyword-only, default 'greedy'
        ``'greedy'``: scan left to right and keep a column unless a change of size ``<= tol``
        would make it a combination of the columns kept so far. With ``r`` its part orthogonal
        to them (Gram–Schmidt) and ``c`` the coefficients of the rest, that size is
        :math:`\|r\| / \sqrt{1 + \|c\|^2}`, measured like a singular value. The result is
        the *earliest* basis: every dropped column is a combination of earlier ones.
        ``'qr'``: QR with column pivoting (``scipy.linalg.qr(A, pivoting=True)``), which at
        each step takes the column with the largest remaining part; keep the first
        ``numerical_rank(A, tol)`` pivots. It picks the best-conditioned basis, not the earliest.

    Returns
    -------
    ndarray of int of shape (r,)
        Column indices, in increasing order.

    Notes
    -----
    With ``'qr'`` the number of columns is always ``numerical_rank(A, tol)``. With
    ``'greedy'`` it is the same for every matrix whose singular values are clearly separated
    from ``tol``; contrived matrices (Kahan's) can make a greedy scan keep a column that
    pivoting would not.

    References
    ----------
    .. [1] G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., §5.4.2 (QR with
       column pivoting), 2013.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1.0, 2.0, 0.0, 1.0], [0.0, 0.0, 1.0, 1.0], [1.0, 2.0, 0.0, 1.0]])
    >>> column_basis(A)  # column 1 = 2 * column 0, column 3 = column 0 + column 2
    array([0, 2])
    >>> np.linalg.matrix_rank(A[:, column_basis(A)]) == np.linalg.matrix_rank(A) == 2
    np.True_
    """
    check_option(method, "method", ("greedy", "qr"))
    tol = check_tol(tol)
    A = vectors_as_columns(A, "A")  # (m, n)
    scale = scale_of(A)  # the basis of A / scale (an exact rescaling) with tol / scale: no overflow
    A = A / scale
    tol = _default_tol_of(A) if tol is None else tol / scale
    if method == "greedy":
        return np.array(_greedy_basis(A, tol), dtype=np.intp)
    r = numerical_rank(A, tol)
    _, _, piv = scipy.linalg.qr(A, mode="economic", pivoting=True)
    return np.sort(piv[:r]).astype(np.intp)


def orthonormal_basis(A: Any, tol: float | None = None) -> np.ndarray:
    r"""An orthonormal basis of the span of the columns of ``A``, from the SVD.

    Parameters
    ----------
    A : array_like of shape (m, n), or a list of n vectors of shape (m,)
        The vectors are the columns.
    tol : float >= 0, optional
        Singular values ``<= tol`` are dropped; default as in :func:`numerical_rank`
        (the same cut as :func:`scipy.linalg.orth`).

    Returns
    -------
    Q : ndarray of shape (m, r)
        ``r = numerical_rank(A, tol)`` orthonormal columns (:math:`Q^T Q = I`) spanning the
        column space of ``A``: the first r left singular vectors. Each column's largest entry
        (in absolute value) is made positive, so the signs are reproducible.

    Notes
    -----
    :math:`A = U \Sigma V^T`; the columns of :math:`U` that go with nonzero singular values
    span the range of :math:`A`, and :math:`QQ^T` is the orthogonal projector onto it.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy.linalg import orth
    >>> A = np.array([[1.0, 2.0], [2.0, 4.0], [0.0, 0.0]])  # rank 1: both columns along (1, 2, 0)
    >>> Q = orthonormal_basis(A)
    >>> Q.shape
    (3, 1)
    >>> np.allclose(Q @ Q.T, orth(A) @ orth(A).T)  # same subspace as SciPy's
    True
    """
    tol = check_tol(tol)
    A = vectors_as_columns(A, "A")  # (m, n)
    U, s, _ = np.linalg.svd(A, full_matrices=False)  # U: (m, min(m, n))
    if tol is None:
        tol = default_tol(s, A.shape, s.dtype)
    Q = U[:, s > tol]  # (m, r)
    i = np.argmax(np.abs(Q), axis=0)
    return Q * np.where(Q[i, np.arange(Q.shape[1])] < 0, -1.0, 1.0)


def _lstsq_residual(v: np.ndarray, A: np.ndarray) -> tuple[float, float]:
    """Distance from ``v`` to the numerical column space of ``A``, and the rounding level to judge it by.

    The residual is the part of ``v`` off the span of the left singular vectors whose singular
    values exceed :func:`numerical_rank`'s cut-off: ``v - U_r (U_r^T v)``, which is ``v - A x_hat``
    for the least-squares ``x_hat``. Formed from the orthonormal ``U_r`` it is accurate to about
    ``eps ||v||``; ``numpy.linalg.lstsq``'s ``v - A @ x_hat`` carried up to 30 times more rounding
    (``eps ||A|| ||x_hat||`` times a solver constant) and put ``A @ c`` outside span(A).

    The rounding level, ``(m + n) * eps * (||v|| + ||A||_2 ||x_hat||)``, covers forming ``v`` as a
    combination of the ``n`` columns (``n`` terms per entry) and projecting it (``m`` terms).
    """
    m, n = A.shape
    try:
        U, s, _ = np.linalg.svd(A, full_matrices=False)  # U: (m, min(m, n))
    except np.linalg.LinAlgError as exc:  # LAPACK's SVD did not converge: only on pathological input
        raise SingularMatrixError(
            f"the SVD of A of shape {A.shape} failed in LAPACK ({exc}); the columns are too close to "
            "dependent, or their scales too far apart: rescale the columns, or drop redundant ones"
        ) from None
    k = int(np.count_nonzero(s > default_tol(s, A.shape, np.float64)))  # numerical_rank(A)
    coef = U[:, :k].T @ v  # (k,) coordinates of v's projection
    r = v - U[:, :k] @ coef
    x_norm = float(np.linalg.norm(coef / s[:k]))  # ||x_hat||: the rows of V^T are orthonormal
    scale = float(np.linalg.norm(v)) + float(s[0]) * x_norm
    return float(np.linalg.norm(r)), float((m + n) * np.finfo(np.float64).eps * scale)


def in_span(v: Any, A: Any, tol: float | None = None) -> bool:
    r"""Whether ``v`` is a linear combination of the columns of ``A``.

    Parameters
    ----------
    v : array_like of shape (m,)
    A : array_like of shape (m, n), or a list of n vectors of shape (m,)
        The spanning vectors are the columns.
    tol : float >= 0, optional
        Largest residual length that still counts as "in the span". The default is the
        rounding level of the computation, ``(m + n) * eps * (||v|| + ||A||_2 ||x_hat||)``.

    Returns
    -------
    bool
        ``||v - A x_hat|| <= tol``, with :math:`\hat x` the least-squares solution.

    Notes
    -----
    Least squares finds the combination :math:`A\hat x` closest to :math:`v`; the residual
    :math:`v - A\hat x` is the part of :math:`v` orthogonal to the span. It is zero exactly when
    :math:`v` lies in the span. ``tol`` is absolute, in the units of ``v``.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> in_span([2.0, 3.0, 5.0], A), in_span([2.0, 3.0, 4.0], A)
    (True, False)
    >>> x_hat = np.linalg.lstsq(A, [2.0, 3.0, 4.0], rcond=None)[0]
    >>> np.isclose(np.linalg.norm([2.0, 3.0, 4.0] - A @ x_hat), 1 / np.sqrt(3))  # the distance to the plane
    np.True_
    """
    tol = check_tol(tol)
    A = vectors_as_columns(A, "A").astype(np.float64)  # (m, n)
    v = check_vector(v, "v", size=A.shape[0]).astype(np.float64)  # (m,)
    # rescale A and v apart, exactly (powers of two): the span of A / sA is that of A, and the
    # residual of v / sv is that of v divided by sv, so least squares runs on entries of order 1
    sA, sv = scale_of(A), scale_of(v)
    residual, rounding = _lstsq_residual(v / sv, A / sA)
    return residual <= (rounding if tol is None else tol / sv)
