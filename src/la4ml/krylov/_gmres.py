"""Restarted GMRES(m), in SciPy's dialect."""

from __future__ import annotations

import warnings

import numpy as np
from scipy.linalg import get_lapack_funcs

from la4ml.errors import InvalidParameterError
from la4ml.krylov._kernels import mgs_orthogonalize
from la4ml.krylov._system import check_maxiter, get_atol, make_system

__all__ = ["gmres"]


def gmres(A, b, x0=None, *, rtol=1e-5, atol=0.0, restart=20, maxiter=None, M=None, callback=None,
          callback_type=None):
    """Solve ``A x = b`` for a general square ``A`` by restarted GMRES(m).

    Speaks SciPy's dialect (``scipy.sparse.linalg.gmres``): same arguments, same stopping rule
    and inner-tolerance control, same meaning of ``maxiter`` (restart cycles) and ``info``.

    Parameters
    ----------
    A : {ndarray, sparse matrix, LinearOperator} of shape (n, n)
        Any nonsingular matrix; only products ``A @ v`` are used.
    b : ndarray of shape (n,) or (n, 1)
        Right-hand side.
    x0 : ndarray of shape (n,), 'Mb' or None, default None
        Starting guess (zero when None). Never modified.
    rtol, atol : float, default 1e-5 and 0.0
        Stop when ``||b - A x|| <= max(rtol * ||b||, atol)`` (true residual, checked at each
        restart).
    restart : int, default 20
        Krylov vectors kept per cycle (``min(restart, n)``): memory is ``(restart + 1) · n``
        numbers, whatever the number of iterations.
    maxiter : int, default 10 * n
        Maximum number of restart cycles.
    M : {ndarray, sparse matrix, LinearOperator}, optional
        Left preconditioner approximating ``A⁻¹``.
    callback : callable, optional
        See ``callback_type``.
    callback_type : {'x', 'pr_norm', 'legacy'}, optional
        ``'x'``: ``callback(xk)`` after each cycle; ``'pr_norm'``: ``callback(‖r‖/‖b‖)`` (the
        preconditioned residual estimate) after each inner iteration; ``'legacy'`` (the default,
        with SciPy's DeprecationWarning when a callback is given) is ``'pr_norm'`` with
        ``maxiter`` counting inner iterations.

    Returns
    -------
    x : ndarray of shape (n,)
        The approximate solution (float32 kept).
    info : int
        ``0`` converged, ``maxiter`` (> 0) not converged.

    Raises
    ------
    ShapeError, NotSquareError, NonFiniteError, DTypeError, InvalidParameterError, OutOfRangeError
        On bad input.
    NumericOverflowError
        If ``A``, ``b`` or ``x0`` is so large (entries near 1e308) that the recurrences would overflow:
        divide ``A`` and ``b`` by a common scale.

    Notes
    -----
    Each cycle builds an orthonormal basis ``V`` of the Krylov space by Arnoldi with modified
    Gram–Schmidt, as SciPy does (here one compiled pass over memory per basis vector: the update by
    ``v_k`` is fused with the dot product against ``v_{k+1}``), reduces the Hessenberg matrix with Givens rotations, and picks the ``x`` in
    ``x0 + K_k`` of least residual. Restarting bounds memory and work per step at the price of
    possibly slower (or stagnating) convergence.

    References
    ----------
    .. [1] Y. Saad and M. H. Schultz, "GMRES: A generalized minimal residual algorithm for solving
       nonsymmetric linear systems", SIAM J. Sci. Stat. Comput. 7(3), 1986.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse.linalg as spla
    >>> from la4ml.krylov import gmres
    >>> rng = np.random.default_rng(0)
    >>> A = 4 * np.eye(30) + rng.standard_normal((30, 30)) / 6
    >>> b = rng.standard_normal(30)
    >>> x, info = gmres(A, b, rtol=1e-10, restart=10)
    >>> info
    0
    >>> np.allclose(x, np.linalg.solve(A, b)) and np.allclose(x, spla.gmres(A, b, rtol=1e-10, restart=10)[0])
    True
    """
    if callback is not None and callback_type is None:
        warnings.warn("the default callback_type of gmres is 'legacy', as in SciPy; pass callback_type='x' or "
                      "'pr_norm' explicitly", category=DeprecationWarning, stacklevel=2)
    if callback_type is None:
        callback_type = "legacy"
    if callback_type not in ("x", "pr_norm", "legacy"):
        raise InvalidParameterError(f"callback_type must be 'x', 'pr_norm' or 'legacy', got {callback_type!r}")
    if callback is None:
        callback_type = None
    A_op, M_op, x, b = make_system("gmres", A, M, x0, b)
    matvec = A_op.matvec
    psolve = (lambda v: v) if M_op is None else M_op.matvec
    n = b.shape[0]
    b_norm = float(np.linalg.norm(b))
    tol = get_atol("gmres", b_norm, atol, rtol)
    maxiter = check_maxiter(maxiter, 10 * n)
    restart = min(check_maxiter(restart, 20, "restart"), n)
    if b_norm == 0:
        return np.zeros_like(b), 0
    eps = np.finfo(x.dtype).eps
    Mb_norm = float(np.linalg.norm(psolve(b)))
    # Inner tolerance on the preconditioned residual, adapted across cycles (SciPy, gh-8400).
    ptol_max_factor = 1.0
    ptol = Mb_norm * min(ptol_max_factor, tol / b_norm)
    presid = 0.0
    lartg = get_lapack_funcs("lartg", dtype=x.dtype)
    V = np.empty((restart + 1, n), dtype=x.dtype)  # the Krylov basis, one row per vector
    H = np.zeros((restart, restart + 1), dtype=x.dtype)  # H[col] is column col of the Hessenberg matrix
    givens = np.zeros((restart, 2), dtype=x.dtype)
    hcol = np.zeros(restart + 1)  # one column of H as MGS computes it (float64 sums, also for float32)
    inner_iter = 0
    r = None
    for iteration in range(maxiter):
        if iteration == 0:
            r = b - matvec(x).ravel() if x.any() else b.copy()
            if np.linalg.norm(r) < tol:
                return x, 0
        V[0] = psolve(r).ravel()
        beta = np.linalg.norm(V[0])
        V[0] *= 1 / beta
        S = np.zeros(restart + 1, dtype=x.dtype)
        S[0] = beta
        breakdown = False
        for col in range(restart):
            w = np.asarray(psolve(matvec(V[col]).ravel()), dtype=x.dtype).ravel()
            if not (w.flags.c_contiguous and w.flags.writeable) or np.may_share_memory(w, V):
                w = w.copy()
            # Modified Gram-Schmidt, as SciPy's loop: one fused pass per basis vector (numba)
            h0, h1 = mgs_orthogonalize(V, col + 1, w, hcol)
            H[col, : col + 1] = hcol[: col + 1]
            H[col, col + 1] = h1
            if h1 <= eps * h0:  # the Krylov space is invariant: the solution is in it
                H[col, col + 1] = 0
                breakdown = True
                V[col + 1] = w
            else:
                np.multiply(w, 1 / h1, out=V[col + 1])  # copy and normalize in one pass
            for k in range(col):  # earlier rotations on the new column
                c, s = givens[k]
                n0, n1 = H[col, k], H[col, k + 1]
                H[col, k], H[col, k + 1] = c * n0 + s * n1, -s * n0 + c * n1
            c, s, mag = lartg(H[col, col], H[col, col + 1])
            givens[col] = c, s
            H[col, col], H[col, col + 1] = mag, 0
            tmp = -s * S[col]
            S[col], S[col + 1] = c * S[col], tmp
            presid = abs(tmp)  # the least-squares residual of this cycle, for free
            inner_iter += 1
            if callback_type in ("legacy", "pr_norm"):
                callback(presid / b_norm)
            if callback_type == "legacy" and inner_iter == maxiter:
                break
            if presid <= ptol or breakdown:
                break
        if H[col, col] == 0:
            S[col] = 0
        y = np.zeros(col + 1, dtype=x.dtype)  # back substitution with the triangular R
        y[:] = S[: col + 1]
        for k in range(col, 0, -1):
            if y[k] != 0:
                y[k] /= H[k, k]
                y[:k] -= y[k] * H[k, :k]
        if y[0] != 0:
            y[0] /= H[0, 0]
        x += y @ V[: col + 1]
        r = b - matvec(x).ravel()
        r_norm = float(np.linalg.norm(r))
        if callback_type == "legacy" and inner_iter == maxiter:
            return x, 0 if r_norm <= tol else maxiter
        if callback_type == "x":
            callback(x)
        if r_norm <= tol or breakdown:
            break
        if presid <= ptol:  # inner test passed but the true residual did not: tighten
            ptol_max_factor = max(eps, 0.25 * ptol_max_factor)
        else:
            ptol_max_factor = min(1.0, 1.5 * ptol_max_factor)
        ptol = presid * min(ptol_max_factor, tol / r_norm)
    return x, 0 if r_norm <= tol else maxiter
