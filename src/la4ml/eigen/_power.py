"""Power iteration and inverse iteration: one eigenpair at a time, by repeated multiplication or solving."""

from __future__ import annotations

import warnings

import numpy as np
import scipy.linalg
import scipy.sparse.linalg

from la4ml._validation import check_scalar
from la4ml.eigen._checks import check_maxiter, check_operator, check_tol, fix_sign, frobenius_norm, start_vector
from la4ml.errors import ConvergenceWarning, DTypeError, EmptyInputError, NonFiniteError, NotSquareError

__all__ = ["power_iteration", "inverse_iteration"]

# Entries beyond these magnitudes are rescaled first, so that ‖Ax‖² can neither overflow nor underflow.
_SAFE_MIN, _SAFE_MAX = 1e-150, 1e150


def power_iteration(A, *, x0=None, tol=1e-10, maxiter=1000, random_state=None, callback=None):
    """The eigenvalue of largest magnitude and its eigenvector, by power iteration.

    Starting from a unit vector ``x``, multiply by ``A`` and normalize, again and again: the
    component along the dominant eigenvector grows fastest and takes over.

    Parameters
    ----------
    A : array_like, sparse matrix or LinearOperator of shape (n, n)
        A real square matrix (dense, or any SciPy sparse format), or a
        ``scipy.sparse.linalg.LinearOperator`` that only knows how to compute ``A @ x`` (a
        Hessian-vector product, for instance). Its eigenvalue of largest magnitude should be
        real and strictly larger in magnitude than all the others.
    x0 : array_like of shape (n,), optional
        The start vector (any nonzero length; it is normalized, and never modified). Default: a
        random Gaussian vector drawn from ``random_state``.
    tol : float, default 1e-10
        Relative tolerance of the stopping rule below (``tol = 0`` asks for an exact eigenpair).
    maxiter : int, default 1000
        The most multiplications by ``A``.
    random_state : None, int or numpy.random.Generator, optional
        Seeds the random start vector when ``x0`` is None (pass an int for reproducible results).
    callback : callable, optional
        Called as ``callback(x)`` at every step with (a copy of) the unit vector tested at that
        step, as SciPy's iterative solvers do: for plotting the convergence.

    Returns
    -------
    eigenvalue : float
        The Rayleigh quotient ``λ = xᵀAx`` of the returned vector.
    eigenvector : ndarray of shape (n,)
        ``x``, of unit length, its largest-magnitude entry positive (an eigenvector's sign is
        arbitrary; this one is reproducible).
    n_iter : int
        Multiplications by ``A`` made (``maxiter`` when it did not converge).

    Raises
    ------
    ShapeError, NotSquareError, NonFiniteError, EmptyInputError, DTypeError
        ``A`` is not a finite real square matrix (or a ``LinearOperator`` returned NaN or inf).
    ZeroVectorError
        ``x0`` is the zero vector.

    Warns
    -----
    ConvergenceWarning
        ``maxiter`` multiplications did not meet the tolerance; the last ``(λ, x)`` is returned.

    Notes
    -----
    **Stopping rule.** With ``x`` of unit length and ``λ = xᵀAx``, stop at the first step where

        ``‖A x − λ x‖₂ ≤ tol · ‖A‖_F``.

    The left side is the residual; ``(λ, x)`` is then an exact eigenpair of a matrix ``A + E``
    with ``‖E‖₂ = ‖A x − λ x‖₂`` (a *relative backward error* of at most ``tol``, measured
    against ``‖A‖_F ≥ ‖A‖₂``). Scaling ``A`` by any ``c ≠ 0`` scales both sides, so the number
    of steps does not depend on the units of ``A``. A ``LinearOperator`` has no ``‖A‖_F`` to
    offer; the largest ``‖A x_j‖`` seen so far stands in for it (at most ``‖A‖₂``, so the test
    is, if anything, stricter). The rule tests the **vector**, not only the
    eigenvalue: the Rayleigh quotient of a symmetric matrix converges twice as fast as the
    vector (its error is the square of the vector's), so "λ stopped changing" comes too early.

    **Speed.** The error shrinks like ``|λ₂/λ₁|^k`` per step, where ``λ₂`` is the eigenvalue
    of second largest magnitude; a ratio of 0.99 needs about 2300 steps per ten digits.

    **When it cannot converge.** If two eigenvalues share the largest magnitude — ``±λ`` (a
    bipartite graph's adjacency, a periodic Markov chain), a complex-conjugate pair (a
    rotation), or a repeated eigenvalue with a Jordan block — the iterates keep turning and
    the residual never falls below the tolerance: a ``ConvergenceWarning`` says so. The fix is
    a shift (``power_iteration(A + σ I)`` separates ``λ + σ`` from ``−λ + σ``),
    :func:`inverse_iteration` near the eigenvalue wanted, or ``numpy.linalg.eig``. A repeated
    eigenvalue with independent eigenvectors (such as ``2 I``) is fine: the iteration stops at
    an eigenvector of that eigenspace, the one ``x0`` points to. A start vector with no
    component along the dominant eigenvector (orthogonal to it, for a symmetric ``A``) finds
    another eigenpair; a random ``x0`` has such a component with probability 1.

    The iteration runs in float64 (float32 input is upcast). Each step costs one product with
    ``A``: ``n²`` for a dense matrix, the number of nonzeros for a sparse one.

    References
    ----------
    G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th ed., Johns Hopkins University
    Press, 2013, §7.3.1 (the power method) and §8.2.1 (symmetric case).

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[2.0, 1.0], [1.0, 2.0]])        # eigenvalues 3 and 1
    >>> lam, v, n_iter = power_iteration(A, x0=[1.0, 0.0])
    >>> print(f"{lam:.12f}", v, n_iter)
    3.000000000000 [0.70710678 0.70710678] 22
    >>> bool(np.isclose(lam, np.linalg.eigvalsh(A)[-1]) and np.allclose(A @ v, lam * v))
    True
    """
    tol, maxiter = check_tol(tol), check_maxiter(maxiter)
    if isinstance(A, scipy.sparse.linalg.LinearOperator):
        matvec, s, scale = _operator_matvec(A), 1.0, None
        x = start_vector(x0, A.shape[0], random_state)
    else:
        A = check_operator(A, "A")
        x = start_vector(x0, A.shape[0], random_state)
        A, s = _rescaled(A)
        matvec, scale = (lambda v: A @ v), frobenius_norm(A)
    lam, x, n_iter, residual, bound = _power_loop(matvec, x, tol, scale, maxiter, callback)
    if residual > bound:
        _warn_not_converged("power_iteration", maxiter, residual, bound,
                            "the two eigenvalues of largest magnitude may be equal or nearly so (±λ, a complex pair): "
                            "shift A (power_iteration(A + σI)), use inverse_iteration near the eigenvalue you want, "
                            "or np.linalg.eig; otherwise raise maxiter")
    return float(s * lam), fix_sign(x), n_iter


def _power_loop(matvec, x, tol, scale, maxiter, callback=None):
    """Power iteration from the unit vector x, stopped at the first step with ‖Ax − λx‖ ≤ tol·scale
    (scale = ‖A‖_F; for an operator, scale=None: the largest ‖Ax‖ so far). Returns (λ, x, n_iter, residual, bound)."""
    largest = 0.0
    for k in range(1, maxiter + 1):
        y = matvec(x)                                   # A x
        lam = x @ y                                     # Rayleigh quotient: ‖x‖ = 1
        residual = np.linalg.norm(y - lam * x)          # ‖A x − λ x‖
        largest = max(largest, np.linalg.norm(y))
        bound = tol * (largest if scale is None else scale)
        if callback is not None:
            callback(x.copy())
        if residual <= bound or k == maxiter:
            return lam, x, k, residual, bound
        x = y / np.linalg.norm(y)                       # normalize EVERY step (y ≠ 0 here)


def inverse_iteration(A, shift, *, x0=None, tol=1e-10, maxiter=1000, random_state=None, callback=None):
    """The eigenvalue nearest ``shift`` and its eigenvector, by inverse iteration.

    Power iteration on ``(A − σI)⁻¹``, whose eigenvalues are ``1/(λᵢ − σ)``: the eigenvalue of
    ``A`` nearest the shift ``σ`` becomes the dominant one. ``A − σI`` is factored **once** (LU
    with partial pivoting); each step is then two triangular solves, ``O(n²)``.

    Parameters
    ----------
    A : array_like of shape (n, n)
        A real square matrix (dense).
    shift : float
        The target σ: the eigenvalue of ``A`` nearest to it is found. ``shift = 0`` finds the
        eigenvalue of smallest magnitude.
    x0 : array_like of shape (n,), optional
        Nonzero start vector (normalized, never modified). Default: random from ``random_state``.
    tol : float, default 1e-10
        Relative tolerance, as in :func:`power_iteration`: stop when
        ``‖A x − λ x‖₂ ≤ tol · ‖A‖_F`` with ``λ = xᵀAx``.
    maxiter : int, default 1000
        The most solves.
    random_state : None, int or numpy.random.Generator, optional
        Seeds the random start vector when ``x0`` is None.
    callback : callable, optional
        Called as ``callback(x)`` at every step with (a copy of) the unit vector tested.

    Returns
    -------
    eigenvalue : float
        ``λ = xᵀAx`` (the eigenvalue of ``A`` itself, not of the shifted inverse).
    eigenvector : ndarray of shape (n,)
        Unit length, largest-magnitude entry positive.
    n_iter : int
        Solves made (``maxiter`` when it did not converge).

    Raises
    ------
    ShapeError, NotSquareError, NonFiniteError, EmptyInputError, DTypeError
        ``A`` is not a finite real square dense matrix (sparse input is refused).
    ZeroVectorError
        ``x0`` is the zero vector.

    Warns
    -----
    ConvergenceWarning
        ``maxiter`` solves did not meet the tolerance; the last ``(λ, x)`` is returned.

    Notes
    -----
    The error shrinks like ``|λ₁ − σ| / |λ₂ − σ|`` per step (nearest over second nearest), so a
    shift close to an eigenvalue converges in a handful of steps. A shift **equal** to an
    eigenvalue makes ``A − σI`` singular; that is the best case, not a failure: a zero pivot
    ``u_jj`` of the LU factor is replaced by ``eps`` (relative to ``max(max|A|, |σ|)``), as
    LAPACK's inverse iteration does, and one solve lands on the eigenvector. A shift exactly
    halfway between two eigenvalues (or nearest a complex pair) is a tie that no number of
    steps resolves: a ``ConvergenceWarning`` says so; move the shift.

    References
    ----------
    L. N. Trefethen and D. Bau, *Numerical Linear Algebra*, SIAM, 1997, Lecture 27 (Rayleigh
    quotient, inverse iteration); G. H. Golub and C. F. Van Loan, *Matrix Computations*, 4th
    ed., 2013, §7.6.1.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[4.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 2.0]])
    >>> lam, v, n_iter = inverse_iteration(A, 0.0, x0=np.ones(3))     # the smallest eigenvalue
    >>> print(f"{lam:.10f}", n_iter)
    1.2679491924 26
    >>> inverse_iteration(A, 1.2, x0=np.ones(3))[2]                   # a closer shift: fewer steps
    7
    >>> bool(np.isclose(lam, np.linalg.eigvalsh(A)[0]) and np.allclose(A @ v, lam * v))
    True
    """
    A = check_operator(A, "A", sparse_ok=False)
    check_scalar(shift, "shift")
    tol, maxiter = check_tol(tol), check_maxiter(maxiter)
    n = A.shape[0]
    x = start_vector(x0, n, random_state)
    A, s = _rescaled(A)
    sigma = float(shift) / s
    c = max(float(np.max(np.abs(A))), abs(sigma)) or 1.0        # scale of A − σI (1 for A = 0, σ = 0)
    M = (A - sigma * np.eye(n)) / c
    with warnings.catch_warnings():                             # "exactly singular" is handled below
        warnings.simplefilter("ignore", scipy.linalg.LinAlgWarning)
        lu, piv = scipy.linalg.lu_factor(M, check_finite=False)  # ONE factorization, reused every step
    d = np.diagonal(lu).copy()
    small = np.abs(d) < np.finfo(np.float64).eps
    d[small] = np.where(d[small] < 0, -1.0, 1.0) * np.finfo(np.float64).eps
    np.fill_diagonal(lu, d)
    scale = frobenius_norm(A)
    lam, x, n_iter, residual = _inverse_loop(lambda v: scipy.linalg.lu_solve((lu, piv), v, check_finite=False),
                                             lambda v: A @ v, x, tol * scale, maxiter, callback)
    if residual > tol * scale:
        _warn_not_converged("inverse_iteration", maxiter, residual, tol * scale,
                            "the shift may lie halfway between two eigenvalues or nearest a complex pair: move it "
                            "closer to the eigenvalue you want; otherwise raise maxiter")
    return float(s * lam), fix_sign(x), n_iter


def _inverse_loop(solve, matvec, x, atol, maxiter, callback=None):
    """Inverse iteration from the unit vector x. Returns (λ, x, n_iter, residual)."""
    for k in range(1, maxiter + 1):
        y = solve(x)                                    # (A − σI)⁻¹ x, from the LU factors
        y = y / np.max(np.abs(y))                       # rescale first: y can be ~1/eps
        x = y / np.linalg.norm(y)
        Ax = matvec(x)
        lam = x @ Ax                                    # Rayleigh quotient of A itself
        residual = np.linalg.norm(Ax - lam * x)
        if callback is not None:
            callback(x.copy())
        if residual <= atol or k == maxiter:
            return lam, x, k, residual


def _operator_matvec(A):
    """The products of a LinearOperator as 1-D float64 arrays, checked square, real and finite."""
    n, m = A.shape
    if n != m or n == 0:
        raise (NotSquareError if n != m else EmptyInputError)(
            f"A must be a square, nonempty operator, got a LinearOperator of shape {A.shape}")
    if np.issubdtype(np.dtype(A.dtype), np.complexfloating):
        raise DTypeError(f"A must be real, got a LinearOperator of dtype {A.dtype}")

    def matvec(v):
        y = np.asarray(A.matvec(v), dtype=np.float64).reshape(-1)
        if y.shape != (n,) or not np.isfinite(y).all():
            raise NonFiniteError(f"A.matvec(x) must return {n} finite numbers, got {y.size} values"
                                 f"{'' if np.isfinite(y).all() else ' including NaN or inf'}; check the operator")
        return y
    return matvec


def _rescaled(A):
    """(A / s, s) with s = max|A| when the entries are so large or small that ‖Ax‖² would overflow
    or underflow; (A, 1.0) otherwise (no copy)."""
    data = A.data if hasattr(A, "indptr") else A
    amax = float(np.max(np.abs(data))) if data.size else 0.0
    if amax == 0.0 or _SAFE_MIN <= amax <= _SAFE_MAX:
        return A, 1.0
    return A / amax, amax


def _warn_not_converged(name, maxiter, residual, bound, fix):
    warnings.warn(
        f"{name} did not converge in {maxiter} iterations: the residual ‖Ax − λx‖ = {residual:.3g} is still above "
        f"tol·‖A‖ = {bound:.3g}. The returned eigenpair is not accurate; {fix}.",
        ConvergenceWarning, stacklevel=3,
    )
