"""Exercise 24.3 — Levenberg–Marquardt from scratch.

Write ``levenberg_marquardt_fit(fun, jac, x0, lam=1e-3, max_iter=100, xtol=1e-10)``: damped
Gauss–Newton steps, accepted only when they lower the cost, with λ divided by 3 after an accepted
step and doubled after a rejected one. Then run this file to fit the lesson's decay data.
"""

import numpy as np


def levenberg_marquardt_fit(fun, jac, x0, lam=1e-3, max_iter=100, xtol=1e-10):
    """Minimize ``½‖fun(x)‖²`` by Levenberg's method with the adaptive damping λ.

    Parameters
    ----------
    fun : callable
        ``fun(x)`` returns the residuals, an ndarray of shape (m,).
    jac : callable
        ``jac(x)`` returns the Jacobian, an ndarray of shape (m, n).
    x0 : ndarray of shape (n,)
        Starting point. Must not be modified.
    lam : float, default 1e-3
        Initial damping λ.
    max_iter : int, default 100
        Maximum number of iterations (each solves one damped system).
    xtol : float, default 1e-10
        Stop after an iteration whose step has ``‖p‖ <= xtol * (xtol + ‖x‖)``.

    Returns
    -------
    x : ndarray of shape (n,)
        The final point.
    costs : list of float
        ``costs[0] = ½‖fun(x0)‖²``, then the cost at the current x after each iteration.
    lams : list of float
        λ after each iteration (``len(lams) == len(costs) - 1``).

    Examples
    --------
    >>> A = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]]); b = np.array([1.0, 2.0, 3.0])
    >>> x, costs, lams = levenberg_marquardt_fit(lambda x: A @ x - b, lambda x: A, np.zeros(2))
    >>> np.allclose(x, np.linalg.lstsq(A, b, rcond=None)[0])
    True
    """
    # TODO: loop at most max_iter times: solve the damped system for p; compare cost(x + p) with
    #       cost(x); accept (x += p, lam /= 3) or reject (lam *= 2); record the cost and lam; stop
    #       after the iteration where the step was shorter than xtol * (xtol + ||x||).
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    t = np.linspace(0.0, 3.0, 40)
    y = 2.0 * np.exp(-1.4 * t) + 0.05 * rng.standard_normal(t.size)
    fun = lambda p: p[0] * np.exp(-p[1] * t) - y
    jac = lambda p: np.column_stack([np.exp(-p[1] * t), -p[0] * t * np.exp(-p[1] * t)])
    x, costs, lams = levenberg_marquardt_fit(fun, jac, np.array([1.0, 0.5]))
    print("fitted (a, k) =", x, " iterations:", len(lams), " final cost:", costs[-1])
