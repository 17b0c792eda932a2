"""Gauss–Newton and Levenberg–Marquardt for ``min ½‖r(x)‖²``, in SciPy's ``least_squares`` dialect.

The result is SciPy's own :class:`scipy.optimize.OptimizeResult` with the names of
``scipy.optimize.least_squares``: ``x``, ``cost`` (½‖r‖², not ‖r‖²), ``fun``, ``jac``, ``grad``,
``optimality``, ``nfev``, ``njev``, ``status``, ``message``, ``success``. The stopping rules and
the meaning of ``status`` are SciPy's (``0`` budget exhausted, ``1`` gtol, ``2`` ftol, ``3`` xtol,
``4`` ftol and xtol).
"""

from __future__ import annotations

import inspect
import math
import numbers
import warnings
from typing import Any, Callable

import numpy as np
from scipy.optimize import OptimizeResult, OptimizeWarning

from la4ml._validation import as_float_array, check_scalar, check_vector, describe, max_abs
from la4ml.errors import (DTypeError, EmptyInputError, InvalidParameterError, NonFiniteError, NotConvergedError, NumericOverflowError,
                          OutOfRangeError, ShapeError, SingularMatrixError)

__all__ = ["jacobian_2point", "gauss_newton", "levenberg_marquardt", "curve_fit"]

_MESSAGES = {
    0: "The maximum number of function evaluations is exceeded.",
    1: "`gtol` termination condition is satisfied.",
    2: "`ftol` termination condition is satisfied.",
    3: "`xtol` termination condition is satisfied.",
    4: "Both `ftol` and `xtol` termination conditions are satisfied.",
}


def _check_callable(fun: Any, name: str, x: np.ndarray, args: tuple = (), what: str = "the residual vector") -> None:
    """``fun`` is a callable that accepts ``fun(x, *args)``: else a DTypeError naming it (before any call)."""
    if not callable(fun):
        raise DTypeError(f"{name} must be a callable returning {what}, got {describe(fun)}")
    try:
        sig = inspect.signature(fun)
    except (TypeError, ValueError):  # a builtin or an extension object without a signature: call it and see
        return
    try:
        sig.bind(x, *args)
    except TypeError as exc:
        raise DTypeError(
            f"{name} must accept the point as its first positional argument ({name}(x{', *args' if args else ''})), "
            f"but its signature is {name}{sig}: {exc}; wrap it, e.g. lambda x: {name}(*x) for separate parameters"
        ) from None


def _check_output(value: Any, name: str, where: str) -> np.ndarray:
    """The first output of a residual function: a nonempty, real, finite 1-D array (a scalar counts as (1,)).

    ``name`` says what returned it ("fun(x0)"), ``where`` the point ("at x0 = [...]"), for the messages.
    """
    if value is None:
        raise DTypeError(f"{name} returned None {where}; it must return the residual vector, an array of shape "
                         "(m,) (is a `return` missing?)")
    arr = np.atleast_1d(as_float_array(value, name))
    if arr.ndim != 1:
        raise ShapeError(f"{name} returned {describe(arr)} {where}; it must return a 1-D vector of residuals, "
                         "one per observation (flatten a grid of residuals with np.ravel)")
    if arr.size == 0:
        raise EmptyInputError(f"{name} returned an empty array {where}; it must return at least one residual")
    if not np.isfinite(arr).all():
        i = int(np.flatnonzero(~np.isfinite(arr))[0])
        raise NonFiniteError(f"{name} returned {arr[i]} at index {i} {where}; the residuals must be finite there "
                             "(check the model for a division by zero, a log of a negative number or an overflow)")
    return arr


def jacobian_2point(fun: Callable, x: Any, f0: Any = None, *, args: tuple = ()) -> np.ndarray:
    """Forward-difference Jacobian ``J[i, j] ≈ ∂r_i/∂x_j``, with SciPy's ``'2-point'`` step.

    Parameters
    ----------
    fun : callable
        ``fun(x, *args)`` returns the residual vector ``r`` of shape (m,).
    x : array_like of shape (n,)
        The point at which to differentiate.
    f0 : array_like of shape (m,), optional
        ``fun(x, *args)`` if already known (saves one evaluation).
    args : tuple, optional
        Extra arguments passed to ``fun``.

    Returns
    -------
    J : ndarray of shape (m, n)
        One row per residual, one column per parameter.

    Notes
    -----
    The step is ``h_j = √ε · sign(x_j) · max(1, |x_j|)`` with ε the machine epsilon of the residual's
    dtype (float32 residuals get float32's ε), then ``h_j = (x_j + h_j) − x_j`` so the step is exactly
    representable. √ε balances the truncation error (∝ h) against the rounding error (∝ ε/h): a step
    of 1e-12 in float64 leaves only about 4 correct digits.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy.optimize import approx_fprime
    >>> from la4ml.optimize import jacobian_2point
    >>> fun = lambda x: np.array([x[0] ** 2, x[0] * x[1]])
    >>> J = jacobian_2point(fun, [3.0, 2.0])
    >>> np.allclose(J, [[6.0, 0.0], [2.0, 3.0]], rtol=1e-6)
    True
    """
    x = check_vector(x, "x").astype(np.float64)
    if not isinstance(args, tuple):
        raise DTypeError(f"args must be a tuple of extra arguments for fun, got {describe(args)}")
    _check_callable(fun, "fun", x, args)
    if f0 is None:
        f0 = _check_output(fun(x, *args), "fun(x)", f"at x = {x}")
    else:
        f0 = _check_output(f0, "f0", "(the residuals at x)")
    eps = np.finfo(f0.dtype if f0.dtype == np.float32 else np.float64).eps
    sign = np.where(x >= 0, 1.0, -1.0)
    h = np.sqrt(eps) * sign * np.maximum(1.0, np.abs(x))
    h = (x + h) - x
    J = np.empty((f0.size, x.size))
    for j in range(x.size):
        xj = x.copy()
        xj[j] += h[j]
        fj = np.atleast_1d(as_float_array(fun(xj, *args), "fun(x + h·e_j)")).astype(np.float64)
        if fj.shape != f0.shape:
            raise ShapeError(f"fun returned shape {fj.shape} at x + h·e_{j}, but shape {f0.shape} at x; "
                             "the residual vector must keep its length")
        with np.errstate(over="ignore", invalid="ignore"):  # checked just below
            J[:, j] = (fj - f0) / h[j]
        if not np.isfinite(J[:, j]).all():
            raise (NonFiniteError if not np.isfinite(fj).all() else NumericOverflowError)(
                f"the forward difference (fun(x + h·e_{j}) - fun(x)) / h_{j} is not finite at x = {x} (step "
                f"h_{j} = {h[j]:.3g}, max|fun(x + h·e_{j})| = {max_abs(fj):.4g}): fun is not finite, or changes "
                "faster than a float can hold, right next to x; rescale the residuals, or pass jac")
    return J


class _Problem:
    """The residual and Jacobian of one problem, validated and counted (nfev, njev)."""

    def __init__(self, fun: Callable, x0: Any, jac: Callable | None, args: tuple, who: str) -> None:
        if not callable(fun):
            raise DTypeError(f"fun must be a callable returning the residual vector, got {describe(fun)}")
        if jac is not None and not callable(jac):
            raise DTypeError(f"jac must be None (finite differences) or a callable returning the (m, n) "
                             f"Jacobian, got {describe(jac)}")
        if not isinstance(args, tuple):
            raise DTypeError(f"args must be a tuple of extra arguments for fun, got {describe(args)}")
        self.fun, self.jac, self.args, self.who = fun, jac, args, who
        self.nfev = self.njev = 0
        self.x0 = check_vector(x0, "x0").astype(np.float64)
        self.n = self.x0.size
        _check_callable(fun, "fun", self.x0, args)
        _check_scale(self.x0, "x0", who, "the parameters",
                     "express the parameters in larger units (so that x0 is of moderate size)")
        r0_arr = _check_output(self._call(self.x0), "fun(x0)", f"at x0 = {self.x0}")
        self.float32 = r0_arr.dtype == np.float32
        self.r0 = r0_arr.astype(np.float64)
        self.m = self.r0.size
        _check_scale(self.r0, "fun(x0)", who, "the residuals", "rescale the residuals (divide what fun returns "
                     "by a constant, e.g. 1e300: the minimizer does not change)")
        if self.m < self.n:
            raise ShapeError(
                f"{who} needs at least as many residuals as parameters, got m = {self.m} residuals from "
                f"fun(x0) for n = {self.n} parameters; add data points or fix some parameters "
                "(SciPy's method='lm' refuses m < n too)")

    def _call(self, x: np.ndarray) -> Any:
        self.nfev += 1
        return self.fun(x.copy(), *self.args)

    def residuals(self, x: np.ndarray) -> np.ndarray:
        """r(x) as float64, or None when it is not finite (the step went somewhere meaningless)."""
        r = np.atleast_1d(np.asarray(self._call(x), dtype=np.float64))
        if r.shape != (self.m,):
            raise ShapeError(f"fun(x) returned shape {r.shape} at x = {x}, but fun(x0) had shape ({self.m},); "
                             "the residual vector must keep its length")
        return r if np.all(np.isfinite(r)) else None

    def jacobian(self, x: np.ndarray, r: np.ndarray, *, count: bool = True) -> np.ndarray:
        nfev = self.nfev
        if self.jac is None:  # finite differences: not counted in nfev, as in SciPy >= 1.16's method='lm'
            f0 = r.astype(np.float32) if self.float32 else r
            J = jacobian_2point(self._call, x, f0)
            self.nfev = nfev
        else:
            J = as_float_array(self.jac(x.copy(), *self.args), "jac(x)").astype(np.float64)
            if J.ndim == 1 and self.m == 1 and J.size == self.n:
                J = J[None, :]
            elif J.ndim == 1 and self.n == 1 and J.size == self.m:
                J = J[:, None]
            if J.shape != (self.m, self.n):
                swapped = J.shape == (self.n, self.m)
                raise ShapeError(
                    f"jac(x) must have shape (m, n) = ({self.m}, {self.n}): one row per residual, one column "
                    f"per parameter; got {describe(J)}"
                    + ("; it looks transposed: return J with J[i, j] = ∂r_i/∂x_j" if swapped else ""))
            if not np.all(np.isfinite(J)):
                raise NonFiniteError(f"jac(x) returned a non-finite entry at x = {x}; check the derivative formulas")
        if count:
            self.njev += 1
        return J


def _check_scale(v: np.ndarray, name: str, who: str, what: str, fix: str) -> None:
    """NumericOverflowError unless ``||v||²`` (the cost ½‖r‖², ‖x‖ in the step tests) is below the largest float."""
    top = max_abs(v)
    if top == 0.0:
        return
    fmax = float(np.finfo(np.float64).max)
    log_norm = math.log(top) + math.log(float(np.linalg.norm(v / top)))  # in units of max|v|: no overflow
    if 2 * log_norm > math.log(fmax / 2):
        raise NumericOverflowError(
            f"{who}: {name} is too large: max|{name}| = {top:.4g}, so ‖{what}‖² ≈ "
            f"10^{2 * log_norm / math.log(10):.0f} exceeds the largest float ({fmax:.4g}) and the cost ½‖r‖² and the "
            f"step tests cannot be computed; {fix}")


def _check_tolerances(ftol: Any, xtol: Any, gtol: Any, max_nfev: Any) -> None:
    for name, tol in (("ftol", ftol), ("xtol", xtol), ("gtol", gtol)):
        check_scalar(tol, name, min_val=0.0)
    if ftol < np.finfo(float).eps and xtol < np.finfo(float).eps and gtol < np.finfo(float).eps:
        raise InvalidParameterError("at least one of ftol, xtol and gtol must be >= machine epsilon (2.2e-16), "
                         f"got ftol={ftol}, xtol={xtol}, gtol={gtol}; the defaults are 1e-8")
    if max_nfev is not None:
        check_scalar(max_nfev, "max_nfev", kind=numbers.Integral, min_val=1)


def _cost(r: np.ndarray | None) -> float:
    """½‖r‖², inf (without a warning) when r is None or its square exceeds the largest float."""
    if r is None:
        return math.inf
    with np.errstate(over="ignore"):
        return 0.5 * float(r @ r)


def _gtol_met(J: np.ndarray, r: np.ndarray, gtol: float) -> bool:
    """MINPACK's gradient test: the largest cosine between r and a column of J is <= gtol."""
    rnorm = np.linalg.norm(r)
    if rnorm == 0.0:
        return True
    cols = np.linalg.norm(J, axis=0)
    g = np.abs(J.T @ r)
    cos = np.divide(g, cols * rnorm, out=np.zeros_like(g), where=cols > 0)
    return bool(np.max(cos, initial=0.0) <= gtol)


def _termination(actual: float, predicted: float, F: float, dx_norm: float, x_norm: float, ratio: float,
                 ftol: float, xtol: float) -> int | None:
    """MINPACK's tests, as SciPy's ``method='lm'`` applies them: 2 ftol, 3 xtol, 4 both, None to go on.

    ftol: the actual and the predicted decrease of the cost are both at most ``ftol·cost`` (and the
    gain ratio at most 2); xtol: the step is shorter than ``xtol·(xtol + ‖x‖)``.
    """
    ftol_ok = abs(actual) <= ftol * F and 0.0 <= predicted <= ftol * F and ratio <= 2.0
    xtol_ok = dx_norm < xtol * (xtol + x_norm)
    if ftol_ok and xtol_ok:
        return 4
    if ftol_ok:
        return 2
    if xtol_ok:
        return 3
    return None


def _result(prob: _Problem, x, r, J, status, nit, **extra) -> OptimizeResult:
    cost = 0.5 * float(r @ r)
    g = J.T @ r
    return OptimizeResult(x=x, cost=cost, fun=r, jac=J, grad=g, optimality=float(np.linalg.norm(g, np.inf)),
                          active_mask=np.zeros(prob.n, dtype=int), nfev=prob.nfev, njev=prob.njev, nit=nit,
                          status=status, message=_MESSAGES[status], success=status > 0, **extra)


def levenberg_marquardt(fun: Callable, x0: Any, jac: Callable | None = None, *, args: tuple = (),
                        ftol: float = 1e-8, xtol: float = 1e-8, gtol: float = 1e-8,
                        max_nfev: int | None = None, lambda0: float = 1e-3,
                        x_scale: str | None = "jac") -> OptimizeResult:
    """Minimize ``½‖r(x)‖²`` by Levenberg–Marquardt, with Marquardt's scaling and an adaptive λ.

    Parameters
    ----------
    fun : callable
        ``fun(x, *args)`` returns the residual vector ``r(x)`` of shape (m,), m >= n.
    x0 : array_like of shape (n,)
        Starting point (never modified).
    jac : callable, optional
        ``jac(x, *args)`` returns the Jacobian of shape (m, n), ``J[i, j] = ∂r_i/∂x_j``. When None,
        a forward-difference Jacobian (:func:`jacobian_2point`, SciPy's ``'2-point'`` step) is used;
        its n evaluations of ``fun`` are not counted in ``nfev`` (as in SciPy 1.16+'s ``method='lm'``).
    args : tuple, optional
        Extra arguments passed to ``fun`` and ``jac``.
    ftol, xtol, gtol : float, default 1e-8
        MINPACK's stopping rules (those of SciPy's ``method='lm'``): ``ftol`` stops when both the
        actual and the predicted decrease of the cost are at most ``ftol·cost``; ``xtol`` when the step is shorter than
        ``xtol·(xtol + ‖x‖)``; ``gtol`` when every column of J is within ``gtol`` of orthogonal to r
        (the largest cosine, as MINPACK measures it).
    max_nfev : int, optional
        Budget of function evaluations (finite-difference ones not counted); default ``100·n``.
    lambda0 : float, default 1e-3
        Initial damping, relative to the scaled ``JᵀJ`` (whose diagonal is 1 at the start); in
        ``(0, 1/eps]`` (a larger damping would make every step vanish in rounding).
    x_scale : {"jac", None}, default "jac"
        ``"jac"``: Marquardt's diagonal scaling, damping ``λ·D²`` with ``D = diag`` of the largest
        column norms of J seen so far (as MINPACK); None: Levenberg's ``λ·I``.

    Returns
    -------
    OptimizeResult
        SciPy's result object with ``x``, ``cost`` (½‖r‖²), ``fun`` (r at x), ``jac`` (J at x),
        ``grad`` (Jᵀr), ``optimality`` (‖Jᵀr‖∞), ``nfev``, ``njev``, ``nit`` (Jacobians used),
        ``status``, ``message``, ``success``, plus ``cost_history`` and ``lambda_history``
        (the cost and λ after each trial step, accepted or not) and ``accepted`` (whether each was).

    Raises
    ------
    ShapeError
        If fun returns fewer residuals than parameters, or jac the wrong shape (transposed, say).
    NonFiniteError
        If ``fun(x0)`` is not finite.
    DTypeError
        If ``fun`` is not a callable of ``x`` (``fun(x, *args)``), or returns None, strings or complex numbers.
    NumericOverflowError
        If ``x0`` or ``fun(x0)`` is so large that ``‖x0‖²`` or the cost ``½‖r‖²`` exceeds the largest float.
    OutOfRangeError
        If ``lambda0`` is not in ``(0, 1/eps]``.

    Notes
    -----
    Each trial solves the damped normal equations ``(JᵀJ + λD²) p = −Jᵀr`` through one SVD of
    ``J D⁻¹`` per Jacobian (never forming ``JᵀJ``). The gain ratio
    ``ρ = (cost − cost_new) / (predicted decrease)`` decides: a step is accepted only if it lowers the
    cost (ρ > 0); after an accepted step, λ is divided by 3 if ρ > 0.75 (the linear model was good:
    trust it more) and doubled if ρ < 0.25 (Marquardt's rule); a rejected step multiplies λ by
    ν = 2, 4, 8, … until a step lowers the cost.

    References
    ----------
    .. [1] K. Madsen, H. B. Nielsen, O. Tingleff, *Methods for Non-Linear Least Squares Problems*,
       2nd ed., IMM, DTU, 2004, §2.4 (Marquardt's update of λ) and §3.2 (the LM method).
    .. [2] D. W. Marquardt, "An algorithm for least-squares estimation of nonlinear parameters",
       J. SIAM 11(2):431–441, 1963.
    .. [3] J. J. Moré, "The Levenberg–Marquardt algorithm: implementation and theory", in
       *Numerical Analysis*, Lecture Notes in Mathematics 630, Springer, 1978 (MINPACK's scaling).

    Examples
    --------
    >>> import numpy as np
    >>> from scipy.optimize import least_squares
    >>> from la4ml.optimize import levenberg_marquardt
    >>> t = np.linspace(0, 2, 9)
    >>> y = 3.0 * np.exp(-1.4 * t)
    >>> fun = lambda p: p[0] * np.exp(-p[1] * t) - y
    >>> res = levenberg_marquardt(fun, [1.0, 0.5])
    >>> ref = least_squares(fun, [1.0, 0.5], method="lm")
    >>> res.status > 0, np.allclose(res.x, ref.x, rtol=1e-6), np.allclose(res.x, [3.0, 1.4])
    (True, True, True)
    """
    prob = _Problem(fun, x0, jac, args, "levenberg_marquardt")
    _check_tolerances(ftol, xtol, gtol, max_nfev)
    ftol, xtol, gtol = float(ftol), float(xtol), float(gtol)  # Python floats: ftol * cost may reach inf, quietly
    check_scalar(lambda0, "lambda0", min_val=0.0, include_min=False)
    lambda_max = 1.0 / np.finfo(float).eps
    if lambda0 > lambda_max:
        raise OutOfRangeError(
            f"lambda0 must lie in (0, 1/eps] = (0, {lambda_max:.4g}], got {lambda0!r}: it is relative to the scaled "
            "JᵀJ, whose diagonal is 1 at the start, so a damping beyond 1/eps makes every step smaller than the "
            "rounding of x and the fit cannot move; the default 1e-3 suits most problems (1 or more for a poor x0)")
    if x_scale not in ("jac", None):
        raise InvalidParameterError(f"x_scale must be 'jac' (Marquardt's scaling) or None (plain λI), got {x_scale!r}")
    n = prob.n
    if max_nfev is None:
        max_nfev = 100 * n
    x, r = prob.x0.copy(), prob.r0
    cost = 0.5 * float(r @ r)
    J = prob.jacobian(x, r)
    d = np.ones(n)
    if x_scale == "jac":
        cols = np.linalg.norm(J, axis=0)
        d = np.where(cols > 0, cols, 1.0)
    lam, nu = float(lambda0), 2.0
    costs, lams, accepted_log = [], [], []
    status, nit, x_at_J = None, 1, x
    while status is None:
        if _gtol_met(J, r, gtol):
            status = 1
            break
        if x_scale == "jac":
            d = np.maximum(d, np.linalg.norm(J, axis=0))
        U, s, Vt = np.linalg.svd(J / d, full_matrices=False)
        Utr = U.T @ r
        while True:
            if prob.nfev >= max_nfev:
                status = 0
                break
            p = -(Vt.T @ (s * Utr / (s ** 2 + lam))) / d
            x_new = x + p
            r_new = prob.residuals(x_new)
            cost_new = _cost(r_new)
            if not np.isfinite(cost_new):  # residuals too large to square: a step to reject
                r_new = None
            Jp = J @ p
            predicted = -float(r @ Jp) - 0.5 * float(Jp @ Jp)
            actual = cost - cost_new
            ratio = actual / predicted if predicted > 0 else (1.0 if actual > 0 else -1.0)
            accepted = actual > 0
            if accepted:
                if ratio > 0.75:
                    lam /= 3.0
                elif ratio < 0.25:
                    lam *= 2.0
                nu = 2.0
            else:
                lam *= nu
                nu *= 2.0
            costs.append(min(cost, cost_new))
            lams.append(lam)
            accepted_log.append(accepted)
            status = _termination(actual, predicted, cost, float(np.linalg.norm(p)), float(np.linalg.norm(x)), ratio,
                                  ftol, xtol)
            if accepted:
                x, r, cost = x_new, r_new, cost_new
            if accepted or status is not None:
                break
        if status is None:
            J = prob.jacobian(x, r)
            x_at_J = x
            nit += 1
    if x_at_J is not x:
        J = prob.jacobian(x, r, count=False)
    return _result(prob, x, r, J, status, nit, cost_history=np.array(costs), lambda_history=np.array(lams),
                   accepted=np.array(accepted_log, dtype=bool))


def gauss_newton(fun: Callable, x0: Any, jac: Callable | None = None, *, args: tuple = (),
                 ftol: float = 1e-8, xtol: float = 1e-8, gtol: float = 1e-8,
                 max_nfev: int | None = None) -> OptimizeResult:
    """Minimize ``½‖r(x)‖²`` by undamped Gauss–Newton steps, refusing a rank-deficient Jacobian.

    Parameters
    ----------
    fun : callable
        ``fun(x, *args)`` returns the residual vector of shape (m,), m >= n.
    x0 : array_like of shape (n,)
        Starting point (never modified).
    jac : callable, optional
        ``jac(x, *args)`` returns the (m, n) Jacobian; None uses :func:`jacobian_2point`.
    args : tuple, optional
        Extra arguments passed to ``fun`` and ``jac``.
    ftol, xtol, gtol : float, default 1e-8
        The stopping rules of :func:`levenberg_marquardt` (SciPy's).
    max_nfev : int, optional
        Budget of function evaluations (finite-difference ones not counted); default ``100·n``.

    Returns
    -------
    OptimizeResult
        As :func:`levenberg_marquardt`, with ``cost_history`` (the cost after each step).

    Raises
    ------
    SingularMatrixError
        If a Jacobian has numerical rank below n (smallest singular value
        ``<= max(m, n)·ε·σ_max``): the Gauss–Newton step is then not determined.
    NotConvergedError
        If a step lands where the residuals are not finite (the undamped step overshot).

    Notes
    -----
    Each step solves the linearized problem ``min_p ‖r + J p‖`` by the SVD of J — the normal equations
    ``JᵀJ p = −Jᵀr`` without forming ``JᵀJ`` (which would square the condition number). Every step is
    taken, even one that raises the cost: that is what Levenberg–Marquardt's damping repairs.

    Examples
    --------
    >>> import numpy as np
    >>> from scipy.optimize import least_squares
    >>> from la4ml.optimize import gauss_newton
    >>> t = np.linspace(0, 2, 9)
    >>> y = 3.0 * np.exp(-1.4 * t)
    >>> fun = lambda p: p[0] * np.exp(-p[1] * t) - y
    >>> res = gauss_newton(fun, [2.5, 1.0])
    >>> np.allclose(res.x, least_squares(fun, [2.5, 1.0], method="lm").x, rtol=1e-6)
    True
    """
    prob = _Problem(fun, x0, jac, args, "gauss_newton")
    _check_tolerances(ftol, xtol, gtol, max_nfev)
    ftol, xtol, gtol = float(ftol), float(xtol), float(gtol)  # Python floats: ftol * cost may reach inf, quietly
    n, m = prob.n, prob.m
    if max_nfev is None:
        max_nfev = 100 * n
    x, r = prob.x0.copy(), prob.r0
    cost = 0.5 * float(r @ r)
    costs, status, nit = [], None, 0
    while status is None:
        J = prob.jacobian(x, r)
        nit += 1
        if _gtol_met(J, r, gtol):
            status = 1
            break
        if prob.nfev >= max_nfev:
            status = 0
            break
        U, s, Vt = np.linalg.svd(J, full_matrices=False)
        tol = max(m, n) * np.finfo(float).eps * s[0]
        rank = int(np.sum(s > tol))
        if rank < n:
            raise SingularMatrixError(
                f"gauss_newton: the Jacobian at x = {x} has rank {rank} < n = {n} (singular values "
                f"{np.array2string(s, precision=3)}, tolerance {tol:.3g}): the Gauss–Newton step is not "
                "determined, since some direction of the parameters does not change the residuals to first order. "
                "Use levenberg_marquardt (its damping makes every step well defined), or remove or fix a "
                "parameter that the data cannot identify")
        p = -(Vt.T @ ((U.T @ r) / s))
        x_new = x + p
        r_new = prob.residuals(x_new)
        if r_new is None:
            raise NotConvergedError(
                f"gauss_newton: the step from x = {x} to {x_new} gave non-finite residuals; the undamped step "
                "overshot. Start closer to the solution or use levenberg_marquardt")
        cost_new = _cost(r_new)
        if not np.isfinite(cost_new):
            raise NotConvergedError(
                f"gauss_newton: the step from x = {x} to {x_new} gave residuals whose cost ½‖r‖² overflows; the "
                "undamped step overshot. Start closer to the solution or use levenberg_marquardt")
        Jp = J @ p
        predicted = -float(r @ Jp) - 0.5 * float(Jp @ Jp)
        actual = cost - cost_new
        ratio = actual / predicted if predicted > 0 else (1.0 if actual > 0 else -1.0)
        status = _termination(actual, predicted, cost, float(np.linalg.norm(p)), float(np.linalg.norm(x)), ratio, ftol, xtol)
        x, r, cost = x_new, r_new, cost_new
        costs.append(cost)
    if status != 1:
        J = prob.jacobian(x, r, count=False)
    return _result(prob, x, r, J, status, nit, cost_history=np.array(costs))


def _model_params(f: Callable) -> tuple[list[str], int, int | None] | None:
    """The parameters ``f(xdata, *params)`` takes after xdata (SciPy reads the signature too): their names,
    how many are required (no default) and how many at most (None for ``*params``); None if unknown."""
    try:
        params = list(inspect.signature(f).parameters.values())
    except (TypeError, ValueError):
        return None
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)][1:]
    required = sum(p.default is p.empty for p in positional)
    most = None if any(p.kind == p.VAR_POSITIONAL for p in params) else len(positional)
    return [p.name for p in positional], required, most


def curve_fit(f: Callable, xdata: Any, ydata: Any, p0: Any = None, *, jac: Callable | None = None,
              **kwargs: Any) -> tuple[np.ndarray, np.ndarray]:
    """Fit ``ydata ≈ f(xdata, *p)`` by :func:`levenberg_marquardt`; return ``(popt, pcov)`` like SciPy.

    Parameters
    ----------
    f : callable
        The model ``f(xdata, *params)`` returning an array of ``ydata``'s length.
    xdata : array_like of shape (m,) or (k, m)
        The independent variable, passed to ``f`` as a float array (as SciPy does: a list becomes
        an array), one point per observation.
    ydata : array_like of shape (m,)
        The observations.
    p0 : array_like of shape (n,), optional
        Initial parameters; default all ones, n read from ``f``'s signature (as SciPy).
    jac : callable, optional
        ``jac(xdata, *params)`` returning the (m, n) Jacobian of ``f``; None uses finite differences.
    **kwargs
        Passed to :func:`levenberg_marquardt` (``ftol``, ``xtol``, ``gtol``, ``max_nfev``, ...).

    Returns
    -------
    popt : ndarray of shape (n,)
        The fitted parameters.
    pcov : ndarray of shape (n, n)
        Their estimated covariance ``s²·(JᵀJ)⁺`` with ``s² = ‖r‖²/(m − n)`` (SciPy's
        ``absolute_sigma=False``); the pseudo-inverse drops singular values of J at or below
        ``ε·max(m, n)·σ_max``. Filled with inf (and an ``OptimizeWarning``) when m == n.

    Raises
    ------
    NotConvergedError
        If the fit stops on its evaluation budget (a ``RuntimeError``, as in SciPy).
    ShapeError
        ``xdata`` and ``ydata`` of different lengths, ``p0`` of another length than the model's
        parameters (read from ``f``'s signature, as SciPy does), or a model output of the wrong shape.
    DTypeError, NonFiniteError
        ``f`` not callable, non-numeric or non-finite ``xdata``/``ydata``/``p0``, or a model that
        returns None, strings, complex or non-finite values at ``p0``.
    NumericOverflowError
        ``p0`` or the residuals at ``p0`` so large that the cost ``½‖r‖²`` overflows.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.optimize
    >>> from la4ml.optimize import curve_fit
    >>> rng = np.random.default_rng(0)
    >>> t = np.linspace(0, 3, 30)
    >>> y = 2.0 * np.exp(-1.4 * t) + 0.02 * rng.standard_normal(30)
    >>> model = lambda t, a, k: a * np.exp(-k * t)
    >>> popt, pcov = curve_fit(model, t, y, p0=[1.0, 1.0])
    >>> ref_popt, ref_pcov = scipy.optimize.curve_fit(model, t, y, p0=[1.0, 1.0])
    >>> np.allclose(popt, ref_popt, rtol=1e-6), np.allclose(pcov, ref_pcov, rtol=1e-4)
    (True, True)
    """
    if not callable(f):
        raise DTypeError(f"f must be a callable model f(xdata, *params), got {describe(f)}")
    ydata = check_vector(ydata, "ydata").astype(np.float64)
    m = ydata.size
    # xdata as SciPy takes it (a float array: a list or a tuple becomes one), the same length as ydata:
    # an M-vector or a (k, M) array of k predictors (or (M, k), one row per observation)
    xdata = as_float_array(xdata, "xdata")
    if not (xdata.ndim == 1 and xdata.shape[0] == m or xdata.ndim == 2 and m in xdata.shape):
        raise ShapeError(
            f"xdata must hold one point per observation, like ydata (length {m}): an array of shape ({m},), or "
            f"(k, {m}) for k predictors; got {describe(xdata)}")
    if not np.isfinite(xdata).all():
        raise NonFiniteError(f"xdata must contain only finite numbers, got {describe(xdata)} with NaN or inf; "
                             "drop those observations (and their ydata) first")
    model = _model_params(f)  # (names, required, at most) of the parameters after xdata; None if unknown
    if p0 is None:
        if model is None or not model[0]:
            raise InvalidParameterError("p0 was not given and f's signature has no parameters after xdata; pass p0")
        p0 = np.ones(len(model[0]))
    p0 = check_vector(p0, "p0")
    if model is not None and not (model[1] <= p0.size and (model[2] is None or p0.size <= model[2])):
        names, required, most = model
        takes = f"{required}" if most == required else (f"{required} to {most}" if most is not None
                                                        else f"at least {required}")
        raise ShapeError(f"p0 has {p0.size} entries but the model f takes {takes} parameters after xdata "
                         f"({', '.join(names) or 'none'}); pass one starting value per parameter")
    first = [True]

    def residual(p: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # a non-finite model value is
            out = f(xdata, *p)                                               # refused or rejected below
        if first:  # the first call, at p0: check what the model returns, naming f
            first.clear()
            out = _check_output(out, "f(xdata, *p0)", f"at p0 = {p}")
            if out.shape != (m,):
                raise ShapeError(f"f(xdata, *p0) returned shape {out.shape}, but ydata has shape ({m},); "
                                 "the model must give one value per observation")
            r0 = np.asarray(out, dtype=np.float64) - ydata
            _check_scale(r0, "f(xdata, *p0) - ydata", "curve_fit", "the residuals", "rescale ydata and the model's "
                         "output by a common constant (e.g. ydata / 1e300 and a model 1e300 times smaller)")
            return r0
        return np.asarray(out, dtype=np.float64) - ydata

    res_jac = None if jac is None else (lambda p: jac(xdata, *p))
    _check_scale(p0.astype(np.float64), "p0", "curve_fit", "the parameters",
                 "express the parameters in larger units (so that p0 is of moderate size)")
    res = levenberg_marquardt(residual, p0, res_jac, **kwargs)
    if not res.success:
        raise NotConvergedError("Optimal parameters not found: " + res.message
                                + " Raise max_nfev or start from a better p0.")
    m, n = res.jac.shape
    _, s, Vt = np.linalg.svd(res.jac, full_matrices=False)
    keep = s > np.finfo(float).eps * max(m, n) * s[0]
    pcov = (Vt[keep].T / s[keep] ** 2) @ Vt[keep]
    if m > n:
        pcov = pcov * (2.0 * res.cost / (m - n))
    else:
        pcov = np.full((n, n), np.inf)
        warnings.warn("Covariance of the parameters could not be estimated: as many parameters as data points",
                      OptimizeWarning, stacklevel=2)
    return res.x, pcov
