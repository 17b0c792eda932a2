"""The QR factorization A = QR four ways (Householder, Givens, modified and classical Gram–Schmidt),
the two elementary orthogonal transformations it is built from, and least squares by QR."""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.linalg

from la4ml._validation import (as_float_array, check_matrix, check_no_overflow, check_option, check_scalar, check_vector, describe,
                               max_abs, scale_of, unscale)
from la4ml.errors import ShapeError, SingularMatrixError
from la4ml.factorizations._gram_schmidt import gram_schmidt
from la4ml.factorizations._triangular import back_substitution

__all__ = ["qr", "householder_vector", "givens_rotation", "lstsq_qr"]

_METHODS = ("householder", "givens", "mgs", "cgs")
_MODES = ("reduced", "complete")


def householder_vector(x: Any) -> tuple[np.ndarray, float]:
    r"""The unit vector ``v`` of the Householder reflector ``H = I - 2 v vᵀ`` that maps ``x`` onto the first axis.

    Parameters
    ----------
    x : array_like of shape (n,)
        The vector to reflect. ``float32`` input gives a ``float32`` ``v``; every other real dtype
        gives ``float64``.

    Returns
    -------
    v : ndarray of shape (n,)
        A unit vector (``||v|| = 1``): ``H = I - 2 v vᵀ`` is symmetric and orthogonal, and
        ``H @ x = alpha * e₁``. For ``x = 0`` it is ``e₁`` (then ``H x = 0`` for any ``v``).
    alpha : float
        ``-sign(x[0]) * ||x||`` with ``sign(0) = +1``: the only value of the first entry of
        ``H x`` that a reflection can give (``H`` keeps lengths), with the sign chosen *opposite*
        to ``x[0]``.

    Raises
    ------
    NumericOverflowError
        ``||x||`` exceeds the largest float (entries near ``1.7e308``), so ``alpha`` cannot be
        represented; rescale ``x``.
    ShapeError, NonFiniteError, EmptyInputError, DTypeError
        Bad input (see :func:`la4ml._validation.check_vector`).

    Notes
    -----
    The reflector through the hyperplane orthogonal to ``u = x - alpha e₁`` maps ``x`` to
    ``alpha e₁``; ``v = u / ||u||``. Two values of ``alpha`` work, ``±||x||``. With
    ``alpha = -sign(x₀)||x||`` the first entry of ``u`` is ``x₀ + sign(x₀)||x||``, a sum of two
    numbers of the same sign, so no digits cancel and ``|u₀| >= ||x||``. The other choice,
    ``u₀ = x₀ - ||x||`` for ``x₀ > 0``, subtracts two nearly equal numbers when ``x`` is close
    to the first axis: all the digits of ``u₀`` can be lost and ``H x`` is then far from
    ``alpha e₁``. ``x`` is divided by ``max|x|`` first, so nothing overflows at ``1e200``.
    LAPACK's ``dlarfg`` stores the same reflector as ``(1, v[1:]/v[0])`` and ``tau = 2 v₀²``.

    References
    ----------
    .. [1] L. N. Trefethen and D. Bau, *Numerical Linear Algebra*, SIAM, 1997, Lecture 10.
    .. [2] G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., Johns Hopkins
       University Press, 2013, §5.1.2.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([3.0, 4.0])
    >>> v, alpha = householder_vector(x)
    >>> alpha
    -5.0
    >>> H = np.eye(2) - 2 * np.outer(v, v)
    >>> np.allclose(H @ x, [alpha, 0.0]), np.allclose(H.T @ H, np.eye(2))
    (True, True)
    """
    x = check_vector(x, "x")
    top = max_abs(x)
    v = np.zeros_like(x)
    v[0] = 1
    if top == 0:
        return v, 0.0
    xs = x / top  # entries in [-1, 1]: ||xs|| cannot overflow or underflow
    norm_x = _norm(xs)
    sign = 1.0 if xs[0] >= 0 else -1.0
    v[:] = xs
    v[0] += sign * norm_x  # the same sign as x[0]: a sum, never a cancellation
    v /= _norm(v)
    alpha = check_no_overflow(unscale(np.float64(-sign * norm_x), top), "alpha = -sign(x[0])·||x||",
                              hint="||x|| exceeds the largest float; rescale x (divide it by a large constant)")
    return v, float(alpha)


def givens_rotation(a: Any, b: Any) -> tuple[float, float, float]:
    r"""The rotation ``G = [[c, s], [-s, c]]`` with ``G @ [a, b] = [r, 0]``.

    Parameters
    ----------
    a, b : float
        The two entries; ``b`` is the one to zero.

    Returns
    -------
    c, s : float
        The cosine and sine of the angle, ``c = a / r`` and ``s = b / r``; ``c² + s² = 1``.
        For ``a = b = 0``, ``(c, s) = (1, 0)`` (the identity).
    r : float
        ``hypot(a, b) >= 0``, the length of ``(a, b)``, which the rotation keeps.

    Raises
    ------
    DTypeError
        ``a`` or ``b`` is not a finite real number.

    Notes
    -----
    Row ``i`` of ``G`` is what the rotated vector's entry ``i`` is made of: ``c a + s b = r``
    and ``-s a + c b = 0``. Applied to rows ``i-1, i`` of a matrix it zeros one entry and
    changes only those two rows, which is why Givens QR suits sparse and banded matrices and
    updating a factorization one row at a time. LAPACK's ``dlartg`` returns the same ``G`` up
    to a common sign (it takes ``c >= 0`` and ``r`` with the sign of ``a``). ``hypot`` never
    overflows or underflows in between, unlike ``sqrt(a*a + b*b)`` at ``1e200``.

    References
    ----------
    G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., Johns Hopkins University
    Press, 2013, §5.1.8.

    Examples
    --------
    >>> import numpy as np
    >>> c, s, r = givens_rotation(3.0, 4.0)
    >>> c, s, r
    (0.6, 0.8, 5.0)
    >>> np.allclose(np.array([[c, s], [-s, c]]) @ [3.0, 4.0], [r, 0.0])
    True
    """
    a = float(check_scalar(a, "a"))
    b = float(check_scalar(b, "b"))
    r = float(np.hypot(a, b))
    if r == 0:
        return 1.0, 0.0, 0.0
    return a / r, b / r, r


def qr(A: Any, *, method: str = "householder", mode: str = "reduced") -> tuple[np.ndarray, np.ndarray]:
    r"""The QR factorization ``A = Q R``, from scratch, by one of four methods.

    Parameters
    ----------
    A : array_like of shape (m, n)
        Any real matrix for ``'householder'`` and ``'givens'``; linearly independent columns
        (``m >= n``) for ``'mgs'`` and ``'cgs'``. ``float32`` input gives ``float32`` factors;
        every other real dtype gives ``float64``.
    method : {'householder', 'givens', 'mgs', 'cgs'}, keyword-only, default 'householder'
        ``'householder'`` zeros each column below the diagonal with one reflector;
        ``'givens'`` zeros one entry at a time with plane rotations of neighbouring rows;
        ``'mgs'`` and ``'cgs'`` are modified and classical Gram–Schmidt
        (:func:`~la4ml.factorizations.gram_schmidt`). The first two are backward stable:
        ``||QᵀQ - I||`` stays at rounding level ``≈ eps`` whatever the condition number
        ``κ(A)``; MGS loses orthogonality like ``eps·κ`` and CGS like ``eps·κ²``.
    mode : {'reduced', 'complete'}, keyword-only, default 'reduced'
        As ``numpy.linalg.qr``: with ``k = min(m, n)``, ``'reduced'`` returns ``Q`` of shape
        ``(m, k)`` and ``R`` of shape ``(k, n)``; ``'complete'`` returns a square orthogonal
        ``Q`` of shape ``(m, m)`` and ``R`` of shape ``(m, n)`` (zero rows below ``k``). For
        Gram–Schmidt the extra columns of ``Q`` complete the basis (coordinate vectors
        orthogonalized, twice, against the columns found so far).

    Returns
    -------
    Q : ndarray of shape (m, k) or (m, m)
        Orthonormal columns.
    R : ndarray of shape (k, n) or (m, n)
        Upper triangular (trapezoidal when ``n > m``) with a **non-negative diagonal**. For
        ``A`` of full column rank that makes the reduced factors unique, so all four methods
        return the same ``Q`` and ``R`` up to rounding. LAPACK (``numpy.linalg.qr``) does not
        fix the signs; with ``D = diag(sign(diag(R_np)))`` its factors are ``Q_np D`` and ``D R_np``.

    Raises
    ------
    InvalidParameterError
        ``method`` or ``mode`` is not one of the values above.
    SingularMatrixError
        ``'mgs'`` or ``'cgs'`` on dependent columns, or with ``n > m`` (see
        :func:`~la4ml.factorizations.gram_schmidt`); use ``'householder'``, which factors any matrix.
    NumericOverflowError
        An entry of ``R`` (a column length) exceeds the largest float; rescale ``A``.
    ShapeError, NonFiniteError, EmptyInputError, DTypeError
        Bad input (see :func:`la4ml._validation.check_matrix`).

    Notes
    -----
    Householder QR applies ``k`` reflectors, ``H_{k-1} ⋯ H_1 H_0 A = R``, so
    ``Q = H_0 H_1 ⋯ H_{k-1}``; each ``H_j = I - 2 v_j v_jᵀ`` is applied as a rank-one update
    ``X - 2 v_j (v_jᵀ X)`` and never formed as a matrix. ``Q`` is accumulated by applying the
    reflectors to the first columns of the identity, last reflector first. Cost ``2mn² - 2n³/3``
    flops for ``R`` (Givens: about ``3mn² - n³``). The computed ``Q`` is orthogonal to a few
    ``eps`` and ``Q R = A + E`` with ``||E|| ≈ eps·||A||`` (backward stability). ``A`` is first
    divided by a power of two near ``max|A|`` (exact, so the factors are bit for bit those of the
    unscaled computation wherever it does not overflow) and ``R`` is scaled back at the end.

    References
    ----------
    .. [1] L. N. Trefethen and D. Bau, *Numerical Linear Algebra*, SIAM, 1997, Lectures 7–10, 16.
    .. [2] N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., SIAM, 2002,
       Chapter 19.
    .. [3] Å. Björck, *Numerical Methods for Least Squares Problems*, SIAM, 1996, §2.4.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[3.0, 1.0], [4.0, 2.0], [0.0, 0.3]])
    >>> Q, R = qr(A)
    >>> R
    array([[5. , 2.2],
           [0. , 0.5]])
    >>> Q_np, R_np = np.linalg.qr(A)
    >>> D = np.sign(np.diag(R_np))  # LAPACK's signs -> a non-negative diagonal
    >>> np.allclose(Q, Q_np * D) and np.allclose(R, D[:, None] * R_np)
    True
    """
    method = check_option(method, "method", _METHODS,
                          hint="'householder' is the stable default; 'mgs' and 'cgs' are there to compare")
    mode = check_option(mode, "mode", _MODES, hint="'reduced' gives Q of shape (m, min(m, n)), like numpy.linalg.qr")
    A = check_matrix(A, "A")
    s = scale_of(A)  # a power of two: A / s is exact and its entries are at most 2, so nothing overflows
    As = A / s
    if method == "householder":
        Q, R = _qr_householder(As, mode)
    elif method == "givens":
        Q, R = _qr_givens(As, mode)
    else:
        Q, R = _qr_gram_schmidt(As, mode, "modified" if method == "mgs" else "classical")
    Q, R = _fix_signs(Q, R)
    R = check_no_overflow(unscale(R, s), "R", hint="the length of a column of A exceeds the largest float; "
                                                   "rescale A (divide it by a large constant)")
    return Q, R.astype(A.dtype, copy=False)


def _norm(v: np.ndarray) -> float:
    """Euclidean length by BLAS ``nrm2``, which rescales internally."""
    return float(scipy.linalg.norm(v, check_finite=False))


def _householder_reflectors(A: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Reduce a copy of ``A`` to upper triangular form; return the unit reflector vectors and ``R`` (m, n)."""
    m, n = A.shape
    R = A.copy()
    V = []
    for j in range(min(m - 1, n)):  # a last row (m <= n) has nothing below the diagonal to zero
        v, alpha = householder_vector(R[j:, j])
        R[j:, j:] -= 2 * np.outer(v, v @ R[j:, j:])  # H_j applied as a rank-one update; never formed
        R[j, j], R[j + 1:, j] = alpha, 0  # exactly what the reflector produces, without rounding
        V.append(v)
    return V, R


def _apply_q(V: list[np.ndarray], X: np.ndarray) -> np.ndarray:
    """``Q @ X = H_0 H_1 ⋯ H_{k-1} X`` for ``X`` of shape (m, p): the last reflector first."""
    for j in reversed(range(len(V))):
        v = V[j]
        X[j:] -= 2 * np.outer(v, v @ X[j:])
    return X


def _apply_qt(V: list[np.ndarray], X: np.ndarray) -> np.ndarray:
    """``Qᵀ @ X = H_{k-1} ⋯ H_0 X``: the reflectors in the order they were found."""
    for j, v in enumerate(V):
        X[j:] -= 2 * np.outer(v, v @ X[j:])
    return X


def _qr_householder(A: np.ndarray, mode: str) -> tuple[np.ndarray, np.ndarray]:
    m, n = A.shape
    V, R = _householder_reflectors(A)
    cols = min(m, n) if mode == "reduced" else m
    Q = _apply_q(V, np.eye(m, cols, dtype=A.dtype))  # (m, cols): only the columns asked for
    return Q, R[:cols]


def _qr_givens(A: np.ndarray, mode: str) -> tuple[np.ndarray, np.ndarray]:
    m, n = A.shape
    R = A.copy()
    Q = np.eye(m, dtype=A.dtype)
    for j in range(min(m - 1, n)):
        for i in range(m - 1, j, -1):  # zero R[i, j] against the row above it, bottom to top
            c, s, r = givens_rotation(R[i - 1, j], R[i, j])
            if s == 0 and c == 1:
                continue  # already zero: the rotation is the identity
            G = np.array([[c, s], [-s, c]], dtype=A.dtype)
            R[i - 1:i + 1, j:] = G @ R[i - 1:i + 1, j:]
            R[i - 1, j], R[i, j] = r, 0
            Q[:, i - 1:i + 1] = Q[:, i - 1:i + 1] @ G.T  # Q = G_1ᵀ G_2ᵀ ⋯ accumulates the rotations
    cols = min(m, n) if mode == "reduced" else m
    return Q[:, :cols], R[:cols]


def _qr_gram_schmidt(A: np.ndarray, mode: str, method: str) -> tuple[np.ndarray, np.ndarray]:
    m, n = A.shape
    Q, R = gram_schmidt(A, method=method)
    if mode == "reduced" or m == n:
        return Q, R
    Q_full = np.zeros((m, m), dtype=A.dtype)
    Q_full[:, :n] = Q
    for k in range(n, m):  # complete the basis: the coordinate vector with most left after projection
        E = np.eye(m, dtype=A.dtype)
        for _ in range(2):  # twice is enough (Kahan–Parlett "twice is enough")
            E -= Q_full[:, :k] @ (Q_full[:, :k].T @ E)
        best = int(np.argmax(np.linalg.norm(E, axis=0)))
        Q_full[:, k] = E[:, best] / _norm(E[:, best])
    R_full = np.zeros((m, n), dtype=A.dtype)
    R_full[:n] = R
    return Q_full, R_full


def _fix_signs(Q: np.ndarray, R: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Flip the signs of rows of R (and columns of Q) so that R's diagonal is non-negative."""
    k = min(R.shape)
    D = np.where(np.diag(R)[:k] < 0, -1, 1).astype(R.dtype)
    R[:k] *= D[:, None]
    R += 0.0  # -0.0 + 0.0 = +0.0: flipped zeros print as 0, not -0 (Q too)
    Q[:, :k] *= D
    Q += 0.0
    return Q, R


def lstsq_qr(A: Any, b: Any) -> np.ndarray:
    r"""The least-squares solution of ``A x ≈ b`` by Householder QR: ``R x = Qᵀ b``.

    Parameters
    ----------
    A : array_like of shape (m, n), with m >= n
        Linearly independent columns (full column rank).
    b : array_like of shape (m,) or (m, p)
        Right-hand side(s); with ``p`` columns, ``p`` problems are solved at once.

    Returns
    -------
    x : ndarray of shape (n,) or (n, p)
        The minimizer of ``||A x - b||``, equal to ``numpy.linalg.lstsq(A, b)[0]`` up to
        rounding (relative error about ``eps·κ(A)`` plus ``eps·κ(A)²`` times the relative
        residual, the conditioning of the problem itself).

    Raises
    ------
    NumericOverflowError
        The solution is too large for a float (``A`` tiny, ``b`` huge); rescale the problem.
    SingularMatrixError
        ``A`` has more columns than rows, or its columns are dependent to working precision
        (a diagonal entry of ``R`` at or below ``max(m, n)·eps·max|R|``): the least-squares
        solution is not unique; use ``numpy.linalg.lstsq`` (minimum norm) or drop columns.
    ShapeError, NonFiniteError, EmptyInputError, DTypeError
        Bad input, or ``b`` with a number of rows other than ``m``.

    Notes
    -----
    ``||A x - b||² = ||Qᵀ(A x - b)||² = ||R x - (Qᵀb)[:n]||² + ||(Qᵀb)[n:]||²``: the first term
    is zero at the solution of the triangular system, the second is the squared residual. ``Qᵀb``
    is computed by applying the reflectors to ``b`` (``Q`` is never formed). Unlike the normal
    equations ``AᵀA x = Aᵀb``, which square the condition number, QR works with ``A`` itself.

    References
    ----------
    Å. Björck, *Numerical Methods for Least Squares Problems*, SIAM, 1996, §1.3 and §2.4.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    >>> b = np.array([1.0, 2.0, 4.0])
    >>> x = lstsq_qr(A, b)
    >>> np.allclose(x, np.linalg.lstsq(A, b, rcond=None)[0])
    True
    """
    A = check_matrix(A, "A")
    m, n = A.shape
    b_arr = as_float_array(b, "b")  # ragged input, strings and complex are refused here, by name
    if b_arr.ndim == 2:
        B = check_matrix(b_arr, "b")
        if B.shape[0] != m:
            raise ShapeError(f"b must have {m} rows to match A of shape {A.shape}, got {describe(B)}")
    else:
        B = check_vector(b, "b", size=m)
    if n > m:
        raise SingularMatrixError(
            f"A has more columns than rows (shape {A.shape}): the least-squares solution is not unique; "
            "use numpy.linalg.lstsq(A, b, rcond=None) for the minimum-norm one, or drop columns"
        )
    dtype = np.result_type(A.dtype, B.dtype)
    sA, sB = scale_of(A), scale_of(B)  # powers of two: exact scaling, no overflow inside
    V, R = _householder_reflectors((A / sA).astype(dtype, copy=False))
    R = R[:n]
    d = np.abs(np.diag(R))
    tol = max(m, n) * np.finfo(dtype).eps * float(np.max(np.abs(R)))
    if not np.all(d > tol):
        j = int(np.argmin(d > tol))
        raise SingularMatrixError(
            f"the columns of A are dependent to working precision: R[{j}, {j}] = {d[j]:.3g} is at or below "
            f"max(m, n)·eps·max|R| = {tol:.3g}, so column {j} adds no new direction and the least-squares "
            "solution is not unique; drop that column or use numpy.linalg.lstsq(A, b, rcond=None) for the "
            "minimum-norm solution"
        )
    QtB = _apply_qt(V, (B / sB).astype(dtype, copy=False).reshape(m, -1).copy())  # (m, p)
    x = back_substitution(R, QtB[:n])  # solves (A / sA) x_s = B / sB, so x = x_s · sB / sA
    with np.errstate(over="ignore", under="ignore"):
        x = (x * sB) / sA if sB <= 1 else (x / sA) * sB
    x = check_no_overflow(x, "the least-squares solution x")
    return x.reshape(n) if B.ndim == 1 else x
