"""Exercise 25.1 — The central-difference Jacobian, from scratch (reference solution)."""

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
        Column ``j`` is ``(f(x + h_j e_j) - f(x - h_j e_j)) / (2 h_j)`` with
        ``h_j = eps ** (1/3) * max(1, |x_j|)``.
    """
    x = np.asarray(x, dtype=float)
    h = np.finfo(float).eps ** (1 / 3) * np.maximum(1.0, np.abs(x))  # balances h² truncation against eps/h rounding
    columns = []
    for j in range(x.size):
        up, down = x.copy(), x.copy()  # never touch the caller's x
        up[j] += h[j]
        down[j] -= h[j]
        columns.append((np.asarray(f(up), dtype=float) - np.asarray(f(down), dtype=float)) / (2 * h[j]))
    return np.column_stack(columns)  # (m, n): one row per output, one column per input


if __name__ == "__main__":
    W = np.array([[1.0, -2.0, 0.5], [0.3, 0.0, -1.0]])
    x = np.array([0.2, -0.1, 0.4])
    J = central_jacobian(lambda v: np.tanh(W @ v), x)
    J_exact = np.diag(1 - np.tanh(W @ x) ** 2) @ W
    print("J =\n", J)
    print("max |J - J_exact| =", np.abs(J - J_exact).max())
