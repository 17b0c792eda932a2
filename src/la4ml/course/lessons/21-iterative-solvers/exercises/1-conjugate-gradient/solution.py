"""Exercise 21.1 — Conjugate gradients from scratch, in SciPy's dialect (reference solution)."""

import numpy as np


def conjugate_gradient(A, b, x0=None, rtol=1e-5, atol=0.0, maxiter=None):
    """Solve ``A x = b`` for SPD ``A``; return ``(x, info)`` with SciPy's stopping rule and ``info``."""
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    n = len(b)
    x = np.zeros(n) if x0 is None else np.array(x0, dtype=float)  # a copy: x0 is never modified
    if maxiter is None:
        maxiter = 10 * n
    b_norm = np.linalg.norm(b)
    if b_norm == 0:
        return np.zeros(n), 0
    tol = max(atol, rtol * b_norm)  # relative to ||b||: the units of b do not matter
    r = b - A @ x
    p = r.copy()
    rr = r @ r
    for _ in range(maxiter):
        if np.sqrt(rr) < tol:
            return x, 0
        Ap = A @ p
        pAp = p @ Ap
        if pAp <= 0:  # a direction of non-positive curvature: A is not positive definite
            return x, -1
        alpha = rr / pAp
        x = x + alpha * p
        r = r - alpha * Ap
        rr_new = r @ r
        p = r + (rr_new / rr) * p
        rr = rr_new  # the current r·r, for the next alpha and beta
    return x, maxiter


if __name__ == "__main__":
    A = np.array([[4.0, 1.0], [1.0, 3.0]])
    x, info = conjugate_gradient(A, np.array([1.0, 2.0]))
    print("x =", x, "info =", info, " exact:", np.linalg.solve(A, [1.0, 2.0]))
    print("indefinite diag(1, -1, 2):", conjugate_gradient(np.diag([1.0, -1.0, 2.0]), np.ones(3)))
