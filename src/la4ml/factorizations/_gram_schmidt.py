"""Gram–Schmidt orthogonalization, classical and modified: the thin QR factorization A = QR."""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.linalg

from la4ml._validation import check_matrix
from la4ml.errors import OutOfRangeError, SingularMatrixError

__all__ = ["gram_schmidt"]

#: rounding leaves about max(m, n)·eps·‖a_j‖ of a column that depends exactly on the earlier ones;
#: a remainder below this many times that is treated as zero
_DEPENDENCE_FACTOR = 10


def gram_schmidt(A: Any, *, method: str = "modified") -> tuple[np.ndarray, np.ndarray]:
    r"""Orthonormalize the columns of ``A`` by Gram–Schmidt: the thin QR factorization ``A = Q R``.

    Parameters
    ----------
    A : array_like of shape (m, n), with m >= n
        Linearly independent columns. ``float32`` input gives ``float32`` factors; every other
        real dtype gives ``float64``.
    method : {'modified', 'classical'}, keyword-only, default 'modified'
        ``'classical'`` (CGS) computes every coefficient of column ``j`` from the original
        column, ``R[:j, j] = Q[:, :j].T @ A[:, j]``, and subtracts them all at once.
        ``'modified'`` (MGS) subtracts one direction at a time and computes each coefficient
        from what is left, ``R[i, j] = Q[:, i] @ v``. The two are equal in exact arithmetic;
        in floating point MGS keeps ``Q`` far closer to orthonormal (see Notes).

    Returns
    -------
    Q : ndarray of shape (m, n)
        Orthonormal columns (:math:`Q^T Q = I` up to rounding, see Notes) spanning the column
        space of ``A``: ``Q[:, :k]`` spans the first ``k`` columns of ``A``, for every ``k``.
    R : ndarray of shape (n, n)
        Upper triangular with a positive diagonal: ``R[i, j] = q_i · a_j`` and ``R[j, j]`` is
        the length of what is left of column ``j`` after removing its components along
        ``q_0, ..., q_{j-1}``. ``Q`` and ``R`` are unique with that sign convention.

    Raises
    ------
    SingularMatrixError
        A column is a linear combination of the earlier ones (a zero column included), so
        there is no new direction to normalize: the message names the column, and the
        exception carries ``column`` (its 0-based index). It is raised when what is left of
        column ``j`` has length ``<= 10 * max(m, n) * eps * ||A[:, j]||`` (ten times the
        rounding left by removing an exactly dependent column), and up front when ``n > m``
        (more than ``m`` vectors in :math:`\mathbb{R}^m` are always dependent; ``column`` is
        then ``m``). Subclasses
        ``numpy.linalg.LinAlgError``. Drop the column (``la4ml.spaces.column_basis`` finds
        the independent ones) or use a rank-revealing basis (``la4ml.spaces.orthonormal_basis``,
        ``scipy.linalg.qr(A, pivoting=True)``).
    OutOfRangeError
        ``method`` is not ``'modified'`` or ``'classical'``.
    ShapeError, NonFiniteError, EmptyInputError, DTypeError
        Bad input (see :func:`la4ml._validation.check_matrix`).

    Notes
    -----
    Column ``j`` becomes

    .. math:: v_j = a_j - \sum_{i<j} (q_i^T a_j)\, q_i, \qquad q_j = v_j / \lVert v_j \rVert,

    which is ``A = QR`` read column by column. Both variants cost about ``2mn²`` flops.
    Rounding makes the computed ``Q`` lose orthogonality as the columns of ``A`` approach
    dependence: ``||QᵀQ - I||`` grows like ``eps·κ(A)`` for MGS (Björck, 1967) and like
    ``eps·κ(A)²`` for CGS (Giraud et al., 2005), where ``κ`` is the condition number. Both
    reconstruct ``A`` to rounding, ``||A - QR|| ≈ eps·||A||``. Householder QR
    (``numpy.linalg.qr``) keeps ``||QᵀQ - I|| ≈ eps`` whatever ``κ``, which is why libraries
    use it. The dependence test is reliable for MGS; CGS, whose ``Q`` may already have lost
    orthogonality, can leave a dependent column of ill-conditioned earlier columns long enough
    to pass it.

    References
    ----------
    .. [1] Å. Björck, "Solving linear least squares problems by Gram–Schmidt
       orthogonalization", *BIT* 7 (1967), 1–21.
    .. [2] L. Giraud, J. Langou, M. Rozložník and J. van den Eshof, "Rounding error analysis of
       the classical Gram–Schmidt orthogonalization process", *Numerische Mathematik* 101
       (2005), 87–100.
    .. [3] L. N. Trefethen and D. Bau, *Numerical Linear Algebra*, SIAM, 1997, Lectures 7–9.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[3.0, 1.0], [4.0, 2.0]])
    >>> Q, R = gram_schmidt(A)
    >>> R
    array([[5. , 2.2],
           [0. , 0.4]])
    >>> np.allclose(Q @ R, A), np.allclose(Q.T @ Q, np.eye(2))
    (True, True)
    >>> Q_np, R_np = np.linalg.qr(A)  # Householder; its R may have negative diagonal entries
    >>> D = np.sign(np.diag(R_np))
    >>> np.allclose(Q, Q_np * D) and np.allclose(R, D[:, None] * R_np)
    True
    """
    if method not in ("modified", "classical"):
        raise OutOfRangeError(
            f"method must be 'modified' or 'classical', got {method!r}; "
            "'modified' is the accurate one, 'classical' is there to show what goes wrong"
        )
    A = check_matrix(A, "A")
    m, n = A.shape
    if n > m:
        err = SingularMatrixError(
            f"A has {n} columns in R^{m} (shape {A.shape}): more than {m} vectors in R^{m} are always "
            f"dependent, so column {m} of A (or an earlier one) adds no new direction; pass at most {m} "
            "independent columns (la4ml.spaces.column_basis(A) picks them), use "
            "scipy.linalg.qr(A, pivoting=True) for a basis of the column space, or pass A.T if the "
            "vectors are its rows"
        )
        err.column = m
        raise err
    dependent = _DEPENDENCE_FACTOR * max(m, n) * np.finfo(A.dtype).eps
    Q = np.zeros_like(A)  # (m, n), float32 stays float32
    R = np.zeros((n, n), dtype=A.dtype)
    for j in range(n):  # column j of A = Q R, left to right
        if method == "classical":  # every coefficient from the ORIGINAL column, subtracted at once
            R[:j, j] = Q[:, :j].T @ A[:, j]
            v = A[:, j] - Q[:, :j] @ R[:j, j]
        else:  # modified: one direction at a time, each coefficient from what is LEFT
            v = A[:, j].copy()
            for i in range(j):
                R[i, j] = Q[:, i] @ v
                v -= R[i, j] * Q[:, i]
        R[j, j] = _norm(v)  # the length of the new direction
        if not R[j, j] > dependent * _norm(A[:, j]):  # nothing new (a zero column too)
            _raise_dependent(A, j, float(R[j, j]))
        Q[:, j] = v / R[j, j]
    return Q, R


def _norm(v: np.ndarray) -> float:
    """Euclidean length by BLAS ``nrm2``, which rescales: no overflow at 1e200, no underflow at 1e-200."""
    return scipy.linalg.norm(v, check_finite=False)


def _raise_dependent(A: np.ndarray, j: int, left: float) -> None:
    length = float(_norm(A[:, j]))
    if length == 0:
        what = f"column {j} of A is zero"
    else:
        earlier = "column 0" if j == 1 else f"columns 0 to {j - 1}"
        what = (f"column {j} of A is a linear combination of {earlier}: after removing their directions, "
                f"what is left has length {left:.3g}, at rounding level for a column of length {length:.3g}")
    err = SingularMatrixError(
        f"{what}, so it adds no new direction and cannot be normalized; drop it "
        "(la4ml.spaces.column_basis(A) lists a set of independent columns) or, for a basis of the "
        "column space of a rank-deficient A, use la4ml.spaces.orthonormal_basis(A) or "
        "scipy.linalg.qr(A, pivoting=True)"
    )
    err.column = j
    raise err
