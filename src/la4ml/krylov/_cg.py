"""The conjugate gradient method, in SciPy's dialect, with fused single-pass iterations."""

from __future__ import annotations

import math
import warnings

import numpy as np

from la4ml.krylov import _kernels as K
from la4ml.krylov._system import as_csr, check_maxiter, get_atol, make_system

__all__ = ["cg"]


def cg(A, b, x0=None, *, rtol=1e-5, atol=0.0, maxiter=None, M=None, callback=None):
    """Solve ``A x = b`` for symmetric positive definite ``A`` by conjugate gradients.

    Speaks SciPy's dialect (``scipy.sparse.linalg.cg``): same arguments, same stopping rule,
    same meaning of ``info``.

    Parameters
    ----------
    A : {ndarray, sparse matrix, LinearOperator} of shape (n, n)
        Symmetric positive definite. Only products ``A @ p`` are used.
    b : ndarray of shape (n,) or (n, 1)
        Right-hand side.
    x0 : ndarray of shape (n,), 'Mb' or None, default None
        Starting guess (zero when None). Never modified.
    rtol, atol : float, default 1e-5 and 0.0
        Stop when ``||b - A x|| < max(rtol * ||b||, atol)``, tested at the start of each
        iteration on the recursively updated residual, exactly as SciPy does.
    maxiter : int, default 10 * n
        Maximum number of iterations.
    M : {ndarray, sparse matrix, LinearOperator} of shape (n, n), optional
        Preconditioner approximating ``A⁻¹`` (for example :func:`jacobi` or
        :func:`incomplete_cholesky`); must be symmetric positive definite.
    callback : callable, optional
        Called as ``callback(xk)`` after each iteration.

    Returns
    -------
    x : ndarray of shape (n,)
        The approximate solution, in float32 when ``A`` and ``b`` are float32.
    info : int
        ``0`` converged (or the residual is exactly zero, where SciPy would go on to divide
        0 by 0); ``maxiter`` (> 0) when the iterations ran out (even if the last one happened
        to converge, as in SciPy); ``-1`` breakdown: ``pᵀAp <= 0`` or ``rᵀMr <= 0``,
        so ``A`` or ``M`` is not positive definite (a ``RuntimeWarning`` names the iteration).

    Raises
    ------
    ShapeError, NotSquareError, NonFiniteError, DTypeError, InvalidParameterError, OutOfRangeError
        On bad input (a negative tolerance, ``b`` of the wrong length, ...).
    NumericOverflowError
        If ``A``, ``b`` or ``x0`` is so large (entries near 1e308) that the recurrences would overflow:
        divide ``A`` and ``b`` by a common scale.

    Notes
    -----
    CG minimizes ``½ xᵀAx − bᵀx`` over ``x0 + K_k(A, r0)``, moving along A-conjugate directions
    ``p_k``: ``α = rᵀz / pᵀAp``, ``x += α p``, ``r −= α A p``, ``β = r_newᵀz_new / rᵀz``,
    ``p = z + β p``. Its A-norm error obeys ``||e_k||_A <= 2 ((√κ − 1)/(√κ + 1))^k ||e_0||_A``.
    When ``A`` is a CSR matrix, ``A @ p`` is fused with ``pᵀAp`` and the updates of ``x`` and
    ``r`` with ``rᵀr`` in compiled single-pass loops, with no allocation per iteration.

    References
    ----------
    .. [1] M. R. Hestenes and E. Stiefel, "Methods of conjugate gradients for solving linear
       systems", J. Res. Nat. Bur. Standards 49(6), 1952.
    .. [2] J. R. Shewchuk, "An Introduction to the Conjugate Gradient Method Without the
       Agonizing Pain", CMU-CS-94-125, 1994.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse.linalg as spla
    >>> from la4ml.krylov import cg, poisson2d
    >>> A = poisson2d(10)
    >>> b = np.ones(100)
    >>> x, info = cg(A, b, rtol=1e-10)
    >>> info
    0
    >>> x_ref, _ = spla.cg(A, b, rtol=1e-10)
    >>> np.allclose(x, x_ref) and np.allclose(A @ x, b)
    True
    """
    A_op, M_op, x, b = make_system("cg", A, M, x0, b)
    b_norm = float(np.linalg.norm(b))
    tol = get_atol("cg", b_norm, atol, rtol)
    n = b.shape[0]
    maxiter = check_maxiter(maxiter, 10 * n)
    if b_norm == 0:
        return np.zeros_like(b), 0

    csr = as_csr(A)
    if csr is not None:
        # Unsigned views: numba then skips its negative-index wraparound test in the inner loop.
        indptr, indices, data = K.unsigned(csr.indptr), K.unsigned(csr.indices), csr.data
        if data.dtype != x.dtype:
            data = data.astype(x.dtype)

        def matvec_dot(p, q):
            return K.csr_matvec_dot(indptr, indices, data, p, q)
    else:
        def matvec_dot(p, q):
            q[:] = A_op.matvec(p).ravel()
            return float(K.dot(p, q))

    r = b - A_op.matvec(x).ravel() if x.any() else b.copy()
    r = np.ascontiguousarray(r, dtype=x.dtype)
    p = np.empty_like(r)
    q = np.empty_like(r)
    rr = float(K.dot(r, r))
    rho_prev = 1.0
    fast_solve = getattr(M_op, "_la4ml_solve", None) if M_op is not None else None
    if fast_solve is not None and getattr(M_op, "dtype", None) != x.dtype:
        fast_solve = None
    z_buf = np.empty_like(r) if fast_solve is not None else None
    for iteration in range(maxiter):
        if math.sqrt(rr) < tol or rr == 0:  # SciPy's test ||r|| < max(rtol ||b||, atol); r = 0 is exact
            return x, 0
        if M_op is None:
            z, rho = r, rr
        else:
            if fast_solve is not None:
                fast_solve(r, z_buf)  # la4ml's own preconditioners apply in place
                z = z_buf
            else:
                z = np.ascontiguousarray(M_op.matvec(r).ravel(), dtype=x.dtype)
            rho = float(K.dot(r, z))
            if not rho > 0:
                warnings.warn(f"cg: breakdown at iteration {iteration}: rᵀMr = {rho:.3g} <= 0, so M is not "
                              "positive definite; use an SPD preconditioner (jacobi, incomplete_cholesky)",
                              RuntimeWarning, stacklevel=2)
                return x, -1
        if iteration == 0:
            p[:] = z
        else:
            K.update_p(p, z, rho / rho_prev)
        pAp = matvec_dot(p, q)
        if not pAp > 0:
            warnings.warn(f"cg: breakdown at iteration {iteration}: pᵀAp = {pAp:.3g} <= 0, so A is not positive "
                          "definite; use minres for a symmetric indefinite A, gmres for a nonsymmetric one",
                          RuntimeWarning, stacklevel=2)
            return x, -1
        alpha = rho / pAp
        rr = K.update_xr(x, r, p, q, alpha)
        rho_prev = rho
        if callback is not None:
            callback(x)
    return x, maxiter
