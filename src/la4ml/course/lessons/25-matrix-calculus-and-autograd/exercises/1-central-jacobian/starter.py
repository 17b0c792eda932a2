"""Exercise 25.1 — The central-difference Jacobian, from scratch.

Write ``central_jacobian(f, x)``: the (m, n) matrix of central differences of ``f`` at ``x``, with
the step ``eps ** (1/3) * max(1, |x_j|)``. Then run this file to check it on a tanh layer against
the formula diag(1 - tanh²(Wx)) W.
"""

import numpy as np


def central_jacobian(f, x):
    """Central-difference Jacobian ``J[i, j] ≈ ∂f_i/∂x_j``.

    Parameters
    ----------
    f : callable
        ``f(x)`` takes an ndarray of shape (n,) and returns an ndarray of shape (m,).
    x : ndarray of shape (n,)
        The point at which to differentiate (floats). Must not be modified.

    Returns
    -------
    J : ndarray of shape (m, n)
        One row per output, one column per input: column ``j`` is
        ``(f(x + h_j e_j) - f(x - h_j e_j)) / (2 h_j)`` with ``h_j = eps ** (1/3) * max(1, |x_j|)``
        and ``eps = np.finfo(float).eps``.

    Examples
    --------
    >>> J = central_jacobian(lambda x: np.array([x[0] ** 2, x[0] * x[1], x[1]]), np.array([3.0, 2.0]))
    >>> J.shape
    (3, 2)
    >>> np.allclose(J, [[6.0, 0.0], [2.0, 3.0], [0.0, 1.0]], rtol=1e-9)
    True
    """
    # TODO: for each input j, evaluate f at a COPY of x moved by +h_j and by -h_j in coordinate j,
    #       and fill column j of an (m, n) array with the difference divided by 2 h_j.
    raise NotImplementedError


if __name__ == "__main__":
    W = np.array([[1.0, -2.0, 0.5], [0.3, 0.0, -1.0]])
    x = np.array([0.2, -0.1, 0.4])
    J = central_jacobian(lambda v: np.tanh(W @ v), x)
    J_exact = np.diag(1 - np.tanh(W @ x) ** 2) @ W
    print("J =\n", J)
    print("max |J - J_exact| =", np.abs(J - J_exact).max())
