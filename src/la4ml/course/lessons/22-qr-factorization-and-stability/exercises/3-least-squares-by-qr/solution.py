"""Exercise 22.3 — Least squares by Householder QR, applying the reflectors to b (reference solution)."""

import numpy as np
import scipy.linalg

from la4ml.factorizations import householder_vector


def lstsq_householder(A, b):
    """Solve the least-squares problem ``min ||A x - b||`` by Householder QR, without forming Q.

    Parameters
    ----------
    A : ndarray of shape (m, n), with m >= n
        Independent columns. Not modified.
    b : ndarray of shape (m,)
        The right-hand side. Not modified.

    Returns
    -------
    x : ndarray of shape (n,)
        The least-squares solution.
    """
    R = np.array(A, dtype=float)          # copies: A and b are not modified
    y = np.array(b, dtype=float)
    m, n = R.shape
    if m < n:
        raise ValueError(f"A must have at least as many rows as columns, got shape {R.shape}")
    if y.shape != (m,):
        raise ValueError(f"b must have shape ({m},) to match A, got {y.shape}")
    for j in range(min(m - 1, n)):
        v, _ = householder_vector(R[j:, j])
        R[j:, j:] -= 2 * np.outer(v, v @ R[j:, j:])   # H_j R, without forming H_j
        y[j:] -= 2 * v * (v @ y[j:])                   # H_j y: y ends as Qᵀ b
    d = np.abs(np.diag(R))
    if d.min() <= max(m, n) * np.finfo(float).eps * d.max():
        j = int(np.argmin(d))
        raise np.linalg.LinAlgError(
            f"R[{j}, {j}] = {d[j]:.3g} is zero to working precision: the columns of A are dependent, "
            "so the least-squares solution is not unique")
    return scipy.linalg.solve_triangular(R[:n, :n], y[:n])   # reads only the upper triangle


if __name__ == "__main__":
    A = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    b = np.array([1.0, 2.0, 4.0])
    x = lstsq_householder(A, b)
    print("intercept, slope =", x)
    print("matches np.linalg.lstsq:", np.allclose(x, np.linalg.lstsq(A, b, rcond=None)[0]))
