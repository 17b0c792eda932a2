"""Orthogonal projections onto a column space, and random orthogonal matrices (Part 7)."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from la4ml._validation import check_random_state, check_scalar, check_size
from la4ml.spaces._checks import vectors_as_columns
from la4ml.spaces._independence import orthonormal_basis

__all__ = ["projection_matrix", "random_orthogonal"]


def projection_matrix(A: Any) -> np.ndarray:
    r"""The orthogonal projector onto the column space of ``A``, built from an orthonormal basis.

    Parameters
    ----------
    A : array_like of shape (m, n), or a list of n vectors of shape (m,)
        Any rank: dependent columns, zero columns and ``n > m`` are all fine. The vectors are the
        columns (a single vector ``a`` is ``a.reshape(-1, 1)``). ``float32`` input gives a
        ``float32`` projector; every other real dtype gives ``float64``.

    Returns
    -------
    P : ndarray of shape (m, m)
        ``P = Q Qᵀ`` with ``Q`` an orthonormal basis of the column space (``r`` columns,
        ``r`` the numerical rank of ``A``). ``P b`` is the point of the column space closest to
        ``b``, and ``b - P b`` is orthogonal to every column of ``A``. ``P`` is exactly
        symmetric (it is averaged with its transpose), idempotent (``P @ P = P``) up to
        rounding, and has ``r`` eigenvalues 1 and ``m - r`` eigenvalues 0, so ``trace(P) = r``.
        For ``A = 0`` it is the zero matrix (the projector onto ``{0}``).

    Notes
    -----
    The textbook formula :math:`P = A (A^T A)^{-1} A^T` needs independent columns: for a
    rank-deficient ``A`` the matrix :math:`A^T A` is singular and the formula fails or returns
    garbage, although the column space and its projector are perfectly well defined. Even with
    independent columns, :math:`\kappa(A^T A) = \kappa(A)^2`, so forming :math:`A^T A` loses twice
    the digits that nearly dependent columns already cost. With an orthonormal basis
    :math:`Q` the inverse disappears (:math:`Q^T Q = I`) and :math:`P = Q Q^T`. The basis is
    :func:`la4ml.spaces.orthonormal_basis` (the left singular vectors whose singular values
    exceed NumPy's rank tolerance ``S.max() * max(m, n) * eps``), so the rank is decided the
    way :func:`numpy.linalg.matrix_rank` decides it.

    To project a few vectors, apply ``Q @ (Q.T @ b)`` instead of forming the ``m × m``
    matrix: ``2mr`` flops per vector instead of ``m²`` and ``m²`` numbers of memory.

    References
    ----------
    .. [1] G. Strang, *Introduction to Linear Algebra*, 5th ed., Wellesley-Cambridge Press,
       2016, §4.2 (projections) and §4.4 (orthonormal bases).
    .. [2] L. N. Trefethen and D. Bau, *Numerical Linear Algebra*, SIAM, 1997, Lecture 6
       (projectors).

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])  # a plane in R^3
    >>> P = projection_matrix(A)
    >>> b = np.array([1.0, 1.0, 0.0])
    >>> P @ b
    array([0.33333333, 0.33333333, 0.66666667])
    >>> np.allclose(P, A @ np.linalg.inv(A.T @ A) @ A.T)  # the textbook formula, fine here
    True
    >>> B = np.column_stack([A, A[:, 0] + A[:, 1]])  # a dependent third column: same plane
    >>> np.allclose(projection_matrix(B), P), np.linalg.matrix_rank(B.T @ B)  # BᵀB is singular
    (True, np.int64(2))
    """
    A = vectors_as_columns(A, "A")  # (m, n), float32 or float64
    Q = orthonormal_basis(A)  # (m, r), r = numerical rank
    P = Q @ Q.T  # (m, m)
    return ((P + P.T) / 2).astype(A.dtype, copy=False)  # symmetric to the last bit: a + b == b + a


def random_orthogonal(n: int, random_state: Any = None) -> np.ndarray:
    r"""A random ``n × n`` orthogonal matrix, uniformly distributed (Haar measure on O(n)).

    Parameters
    ----------
    n : int >= 1
        The size.
    random_state : None, int or numpy.random.Generator, default None
        Seed or generator; the same seed gives the same matrix.

    Returns
    -------
    Q : ndarray of shape (n, n)
        :math:`Q^T Q = Q Q^T = I` up to rounding. Rotations (``det Q = +1``) and reflections
        (``det Q = -1``) are equally likely, and ``Q`` has the same distribution as ``H Q``
        and ``Q H`` for every fixed orthogonal ``H``: no direction is preferred.

    Notes
    -----
    Draw ``G`` with independent standard normal entries and factor ``G = QR``. The distribution
    of ``G`` does not change under rotations, but the QR factorization is unique only up to
    the signs of the columns of ``Q``, and LAPACK's Householder QR picks them by a rule that
    depends on ``G``: with ``numpy.linalg.qr``, ``R[0, 0] = -sign(G[0, 0]) ||G[:, 0]||``, so
    ``Q[0, 0] = G[0, 0] / R[0, 0]`` is never positive, and the other diagonal entries of ``Q``
    lean negative too (``trace Q`` averages about -1 instead of 0 for ``n = 5``). Fixing the
    signs so that ``R`` has a positive diagonal, ``Q ← Q · diag(sign(diag R))``, makes the
    factorization unique and ``Q`` exactly Haar-distributed (Mezzadri, 2007). This is what
    ``torch.nn.init.orthogonal_`` does; ``scipy.stats.ortho_group`` samples the same
    distribution by a product of Householder reflections. Cost: one QR, about ``4n³/3`` flops.

    References
    ----------
    .. [1] F. Mezzadri, "How to generate random matrices from the classical compact groups",
       *Notices of the AMS* 54(5) (2007), 592–604.

    Examples
    --------
    >>> import numpy as np
    >>> Q = random_orthogonal(4, random_state=0)
    >>> np.allclose(Q.T @ Q, np.eye(4)), np.allclose(Q @ Q.T, np.eye(4))
    (True, True)
    >>> x = np.array([1.0, 2.0, 3.0, 4.0])
    >>> bool(np.isclose(np.linalg.norm(Q @ x), np.linalg.norm(x)))  # lengths are preserved
    True
    >>> np.array_equal(Q, random_orthogonal(4, random_state=0))  # reproducible
    True
    """
    n = check_scalar(n, "n", kind=numbers.Integral, min_val=1)
    check_size(int(n) * int(n), "n * n", hint="an n × n matrix must fit in memory: ask for a smaller n")
    rng = check_random_state(random_state)
    G = rng.standard_normal((n, n))  # (n, n), rotation-invariant distribution
    Q, R = np.linalg.qr(G)
    signs = np.where(np.diag(R) < 0, -1.0, 1.0)  # the sign fix: R gets a positive diagonal
    return Q * signs  # scales column j of Q by signs[j]
