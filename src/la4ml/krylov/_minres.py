"""MINRES for symmetric (possibly indefinite) systems, in SciPy's dialect."""

from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sp

from la4ml._validation import check_scalar
from la4ml.errors import NotPositiveDefiniteError, NotSymmetricError, NumericOverflowError
from la4ml.krylov._system import check_maxiter, get_atol, make_system

__all__ = ["minres"]


def _symmetry_probe(op, n, dtype, what):
    """Compare uᵀ(Av) with vᵀ(Au) on two fixed random vectors (two products)."""
    rng = np.random.default_rng(12345)
    u = rng.standard_normal(n).astype(dtype)
    v = rng.standard_normal(n).astype(dtype)
    Au, Av = op.matvec(u).ravel(), op.matvec(v).ravel()
    s, t = float(u @ Av), float(v @ Au)
    scale = float(np.linalg.norm(u) * np.linalg.norm(Av) + np.linalg.norm(v) * np.linalg.norm(Au))
    eps = float(np.finfo(dtype).eps)
    if abs(s - t) > 100 * n**0.5 * eps * scale:
        raise NotSymmetricError(
            f"minres needs a symmetric {what}, but uᵀ({what} v) = {s:.6g} differs from vᵀ({what} u) = {t:.6g}; "
            + ("use gmres for a nonsymmetric matrix" if what == "A" else "use a symmetric positive definite preconditioner")
        )


def minres(A, b, x0=None, *, rtol=1e-5, shift=0.0, maxiter=None, M=None, callback=None, show=False, check=None,
           atol=0.0):
    """Solve ``(A − shift·I) x = b`` for symmetric ``A`` (definite or not) by MINRES.

    Speaks SciPy's dialect (``scipy.sparse.linalg.minres``): the same arguments (plus ``atol``),
    the same Lanczos/QR recurrences, the same stopping rule, ``maxiter`` defaulting to ``5 n`` and
    the same ``info``. Note that SciPy's MINRES rule is a *backward-error* test,
    ``||r|| <= rtol ||A|| ||x||`` with ``||A||`` estimated from the Lanczos coefficients, not the
    ``||r|| <= rtol ||b||`` of :func:`cg` and :func:`gmres`: it can stop with a relative residual
    ``||r|| / ||b||`` above ``rtol`` (pass a smaller ``rtol``, or ``atol``, for a residual target).
    As in SciPy and in Paige and Saunders' code, the ``||A||`` estimate includes ``β₁ = ||b||``, so
    this rule depends on the scale of ``b``: a very large ``b`` stops it early.

    Parameters
    ----------
    A : {ndarray, sparse matrix, LinearOperator} of shape (n, n)
        Symmetric; may be indefinite or singular.
    b : ndarray of shape (n,) or (n, 1)
        Right-hand side.
    x0 : ndarray of shape (n,), 'Mb' or None, default None
        Starting guess. Never modified.
    rtol : float, default 1e-5
        Stop when ``||r|| <= rtol · ||A|| · ||x||`` (SciPy's test 1, with the residual norm ``||r||``
        (the ``M⁻¹``-norm when preconditioned) and ``||A||`` estimated by the recurrences), or at a
        least-squares solution of a singular system (``||A r|| <= rtol ||A|| ||r||``, test 2).
    atol : float, default 0.0
        A la4ml addition (SciPy's ``minres`` has none): also stop when ``||r|| <= atol``. With
        the default 0 the iterates and the stopping point are SciPy's.
    shift : float, default 0.0
        Solve with ``A − shift·I`` (an eigenvalue shift; keeps the matrix symmetric).
    maxiter : int, default 5 * n
        Maximum number of iterations.
    M : {ndarray, sparse matrix, LinearOperator}, optional
        Symmetric positive definite preconditioner approximating ``A⁻¹``.
    callback : callable, optional
        Called as ``callback(xk)`` after each iteration.
    show : bool, default False
        Print a one-line summary (iterations, stopping reason, ``||A||``, ``cond(A)``, ``||r||``) at
        the end, as SciPy's ``show`` does in its last lines.
    check : bool or None, default None
        Test that ``A`` and ``M`` are symmetric before iterating (two products each). ``None``
        checks when ``A`` is an explicit array or sparse matrix.

    Returns
    -------
    x : ndarray of shape (n,)
        The approximate solution.
    info : int
        ``0`` converged (or stopped at a least-squares solution, an eigenvector, or
        ``cond(A) >= 0.1/eps``), ``maxiter`` (> 0) not converged.

    Raises
    ------
    NotSymmetricError
        If ``A`` (or ``M``) is detected as nonsymmetric: use :func:`gmres` instead.
    NotPositiveDefiniteError
        If ``M`` is indefinite.
    ShapeError, NotSquareError, NonFiniteError, DTypeError, InvalidParameterError, OutOfRangeError
        On bad input.
    NumericOverflowError
        If ``A``, ``b`` or ``x0`` (or ``shift``) is so large (entries near 1e308) that the recurrences would overflow:
        divide ``A``, ``b`` and ``shift`` by a common scale.

    Notes
    -----
    Lanczos builds ``A V_k = V_{k+1} T_k`` with tridiagonal ``T_k``; MINRES picks the ``x`` of
    least residual in ``x0 + K_k`` by a QR factorization of ``T_k`` updated with one Givens
    rotation per step, so it needs only three basis vectors in memory.

    References
    ----------
    .. [1] C. C. Paige and M. A. Saunders, "Solution of sparse indefinite systems of linear
       equations", SIAM J. Numer. Anal. 12(4), 1975.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse.linalg as spla
    >>> from la4ml.krylov import minres
    >>> A = np.diag([6.0, -5.0, 2.0, 7.0, -1.0, 10.0, 4.0, -3.0, -8.0, 9.0])  # symmetric indefinite
    >>> b = np.ones(10)
    >>> x, info = minres(A, b, rtol=1e-10)
    >>> info
    0
    >>> np.allclose(x, b / np.diag(A)) and np.allclose(x, spla.minres(A, b, rtol=1e-10)[0])
    True
    """
    A_op, M_op, x, b = make_system("minres", A, M, x0, b)
    n = b.shape[0]
    b_norm = float(np.linalg.norm(b))
    get_atol("minres", b_norm, atol, rtol)  # validates both
    rtol, atol = float(rtol), float(atol)
    maxiter = check_maxiter(maxiter, 5 * n)
    shift = float(check_scalar(shift, "minres: shift"))
    if abs(shift) > math.sqrt(float(np.finfo(x.dtype).max) / (16.0 * n)):  # alpha ~ shift; sums of alpha² stay finite
        raise NumericOverflowError(
            f"minres: shift = {shift:.3g} is so large that the Lanczos recurrence's squares overflow "
            f"{x.dtype}; divide A, b and shift by a common scale (the solution is unchanged)")
    if check is None:
        check = isinstance(A, np.ndarray) or sp.issparse(A)
    if b_norm == 0:
        return np.zeros_like(b), 0
    xtype = x.dtype
    eps = float(np.finfo(xtype).eps)
    if check:
        _symmetry_probe(A_op, n, xtype, "A")
        if M_op is not None:
            _symmetry_probe(M_op, n, xtype, "M")
    psolve = (lambda v: v) if M_op is None else (lambda v: np.asarray(M_op.matvec(v), dtype=xtype).ravel())
    matvec = A_op.matvec

    r1 = b - matvec(x).ravel() if x.any() else b.copy()
    y = psolve(r1)
    beta1 = float(r1 @ y)
    if beta1 < 0:
        raise NotPositiveDefiniteError("minres: M is not positive definite (rᵀMr < 0); use an SPD preconditioner")
    if beta1 == 0:
        return x, 0
    beta1 = math.sqrt(beta1)
    oldb, beta, dbar, epsln = 0.0, beta1, 0.0, 0.0
    phibar = beta1
    tnorm2 = 0.0
    gmax, gmin = 0.0, float(np.finfo(xtype).max)
    cs, sn = -1.0, 0.0
    w = np.zeros(n, dtype=xtype)
    w2 = np.zeros(n, dtype=xtype)
    r2 = r1
    istop = 0
    itn = 0
    while itn < maxiter:
        itn += 1
        # Lanczos step: v_k, then y = A v_k − α v_k − β v_{k−1}.
        v = (1.0 / beta) * y
        y = matvec(v).ravel() - shift * v
        if itn >= 2:
            y = y - (beta / oldb) * r1
        alfa = float(v @ y)
        y = y - (alfa / beta) * r2
        r1, r2 = r2, y
        y = psolve(r2)
        oldb = beta
        beta = float(r2 @ y)
        if beta < 0:
            raise NotSymmetricError("minres: Lanczos produced rᵀMr < 0, so A or M is not symmetric (or M is "
                                    "indefinite); use gmres for a nonsymmetric A")
        beta = math.sqrt(beta)
        tnorm2 += alfa**2 + oldb**2 + beta**2
        if itn == 1 and beta / beta1 <= 10 * eps:
            istop = -1  # b is an eigenvector: the next update is exact
        # Apply the previous rotation, then a new one to annihilate beta.
        oldeps = epsln
        delta = cs * dbar + sn * alfa
        gbar = sn * dbar - cs * alfa
        epsln = sn * beta
        dbar = -cs * beta
        root = math.hypot(gbar, dbar)
        gamma = max(math.hypot(gbar, beta), eps)
        cs, sn = gbar / gamma, beta / gamma
        phi = cs * phibar
        phibar = sn * phibar
        # Update x along the direction w (three-term recurrence).
        w1, w2 = w2, w
        w = (v - oldeps * w1 - delta * w2) * (1.0 / gamma)
        x = x + phi * w
        gmax, gmin = max(gmax, gamma), min(gmin, gamma)
        Anorm = math.sqrt(tnorm2)
        ynorm = float(np.linalg.norm(x))
        rnorm = abs(phibar)
        test1 = rnorm / (Anorm * ynorm) if ynorm and Anorm else math.inf  # ||r|| / (||A|| ||x||)
        test2 = root / Anorm if Anorm else math.inf  # ||A r|| / (||A|| ||r||)
        Acond = gmax / gmin
        if istop == 0:  # SciPy's order: a later test overrides an earlier one
            if 1 + test2 <= 1:
                istop = 2
            if 1 + test1 <= 1:
                istop = 1
            if itn >= maxiter:
                istop = 6
            if Acond >= 0.1 / eps:
                istop = 4
            if Anorm * ynorm * eps >= beta1:
                istop = 3
            if test2 <= rtol:
                istop = 2
            if test1 <= rtol or rnorm <= atol:
                istop = 1
        if callback is not None:
            callback(x)
        if istop != 0:
            break
    if show:
        reasons = {-1: "b is an eigenvector of A", 0: "x = 0 is the solution", 1: "the residual test passed",
                   2: "a least-squares solution (||A r|| test) was reached", 3: "reached eps · ||A|| · ||x||",
                   4: "cond(A) reached 0.1 / eps", 6: "the iteration limit was reached"}
        print(f"minres: {itn} iterations, istop = {istop} ({reasons.get(istop, '?')}); ||A|| ≈ {Anorm:.4e}, "
              f"cond(A) ≈ {Acond:.4e}, ||r|| ≈ {rnorm:.4e}")
    return x, (maxiter if istop == 6 else 0)
