"""Exercise 24.1 — The forward-difference Jacobian, from scratch (reference solution)."""

import numpy as np


def jacobian_fd(fun, x):
    """Forward-difference Jacobian ``J[i, j] ≈ ∂r_i/∂x_j`` of ``r = fun(x)``.

    Parameters
    ----------
    fun : callable
        ``fun(x)`` takes an ndarray of shape (n,) and returns the residuals, shape (m,).
    x : ndarray of shape (n,)
        The point at which to differentiate (floats). Must not be modified.

    Returns
    -------
    J : ndarray of shape (m, n)
        Column ``j`` is ``(fun(x + h_j e_j) - fun(x)) / h_j`` with ``h_j = sqrt(eps) * max(1, |x_j|)``.
    """
    x = np.asarray(x, dtype=float)
    r0 = np.asarray(fun(x), dtype=float)
    h = np.sqrt(np.finfo(float).eps) * np.maximum(1.0, np.abs(x))  # balances truncation against rounding
    J = np.empty((r0.size, x.size))  # (m, n): one row per residual
    for j in range(x.size):
        xj = x.copy()  # never touch the caller's x
        xj[j] += h[j]
        J[:, j] = (np.asarray(fun(xj), dtype=float) - r0) / h[j]
    return J


if __name__ == "__main__":
    t = np.linspace(0.0, 3.0, 5)
    y = 2.0 * np.exp(-1.4 * t)
    fun = lambda p: p[0] * np.exp(-p[1] * t) - y
    x = np.array([1.8, 1.2])
    J_exact = np.column_stack([np.exp(-x[1] * t), -x[0] * t * np.exp(-x[1] * t)])
    J = jacobian_fd(fun, x)
    print("J =\n", J)
    print("max |J - J_exact| =", np.abs(J - J_exact).max())
