"""Exercise 21.3 — Restarted GMRES(m) from scratch (reference solution)."""

import numpy as np


def gmres_restarted(A, b, restart=20, rtol=1e-8, maxiter=None):
    """GMRES(restart): return ``(x, info)``; ``maxiter`` counts restart cycles."""
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    n = len(b)
    if maxiter is None:
        maxiter = 10 * n
    b_norm = np.linalg.norm(b)
    x = np.zeros(n)
    if b_norm == 0:
        return x, 0
    tol = rtol * b_norm
    k = min(restart, n)
    eps = np.finfo(float).eps
    for _ in range(maxiter):
        r = b - A @ x
        beta = np.linalg.norm(r)
        if beta < tol or beta == 0:  # converged (or solved exactly: no direction to build on)
            return x, 0
        V = np.zeros((n, k + 1))  # at most k + 1 basis vectors, whatever the number of cycles
        H = np.zeros((k + 1, k))
        V[:, 0] = r / beta
        steps = k
        for j in range(k):
            w = A @ V[:, j]
            w_norm0 = np.linalg.norm(w)
            for i in range(j + 1):  # modified Gram-Schmidt
                H[i, j] = V[:, i] @ w
                w = w - H[i, j] * V[:, i]
            H[j + 1, j] = np.linalg.norm(w)
            if H[j + 1, j] <= n * eps * w_norm0:  # happy breakdown: the solution is in this space
                steps = j + 1
                break
            V[:, j + 1] = w / H[j + 1, j]
        e1 = np.zeros(steps + 1)
        e1[0] = beta
        y = np.linalg.lstsq(H[: steps + 1, :steps], e1, rcond=None)[0]
        x = x + V[:, :steps] @ y
    info = 0 if np.linalg.norm(b - A @ x) < tol else maxiter
    return x, info


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    n = 60
    A = np.eye(n) * 3 + rng.standard_normal((n, n)) / np.sqrt(n)
    b = rng.standard_normal(n)
    for m in (5, 20, 60):
        x, info = gmres_restarted(A, b, restart=m)
        print(f"GMRES({m}): info {info}, relative residual {np.linalg.norm(b - A @ x) / np.linalg.norm(b):.1e}")
