"""Exercise 24.1 — The forward-difference Jacobian, from scratch.

Write ``jacobian_fd(fun, x)``: the (m, n) matrix of forward differences of the residual function
``fun`` at ``x``, with the step ``sqrt(eps) * max(1, |x_j|)``. Then run this file to check it on the
exponential-decay model against the analytic Jacobian.
"""

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
        One row per residual, one column per parameter: column ``j`` is
        ``(fun(x + h_j e_j) - fun(x)) / h_j`` with ``h_j = sqrt(eps) * max(1, |x_j|)`` and
        ``eps = np.finfo(float).eps`` (about 1.5e-8 for parameters of size up to 1).

    Examples
    --------
    >>> J = jacobian_fd(lambda x: np.array([x[0] ** 2, x[0] * x[1], x[1]]), np.array([3.0, 2.0]))
    >>> J.shape
    (3, 2)
    >>> np.allclose(J, [[6.0, 0.0], [2.0, 3.0], [0.0, 1.0]], rtol=1e-6)
    True
    """
    # TODO: evaluate r0 = fun(x) once; for each parameter j, perturb a COPY of x by h_j in
    #       coordinate j and fill column j of an (m, n) array with (fun(x_j) - r0) / h_j.
    raise NotImplementedError


if __name__ == "__main__":
    t = np.linspace(0.0, 3.0, 5)
    y = 2.0 * np.exp(-1.4 * t)
    fun = lambda p: p[0] * np.exp(-p[1] * t) - y
    x = np.array([1.8, 1.2])
    J_exact = np.column_stack([np.exp(-x[1] * t), -x[0] * t * np.exp(-x[1] * t)])
    J = jacobian_fd(fun, x)
    print("J =\n", J)
    print("max |J - J_exact| =", np.abs(J - J_exact).max())
