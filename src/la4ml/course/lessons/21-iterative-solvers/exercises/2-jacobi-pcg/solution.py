"""Exercise 21.2 — Jacobi-preconditioned conjugate gradients (reference solution)."""

import numpy as np


def jacobi_pcg(A, b, x0=None, rtol=1e-8, maxiter=None):
    """Solve SPD ``A x = b`` by CG preconditioned with ``M = diag(A)⁻¹``; return ``(x, info)``."""
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    n = len(b)
    d = np.diag(A).copy()
    zero = np.flatnonzero(d == 0)
    if zero.size:
        raise ValueError(f"A[{zero[0]}, {zero[0]}] is zero: the Jacobi preconditioner divides by the diagonal")
    x = np.zeros(n) if x0 is None else np.array(x0, dtype=float)
    if maxiter is None:
        maxiter = 10 * n
    b_norm = np.linalg.norm(b)
    if b_norm == 0:
        return np.zeros(n), 0
    tol = rtol * b_norm
    r = b - A @ x
    z = r / d  # M r = D⁻¹ r: divide by the diagonal
    p = z.copy()
    rz = r @ z
    for _ in range(maxiter):
        if np.linalg.norm(r) < tol:
            return x, 0
        Ap = A @ p
        pAp = p @ Ap
        if pAp <= 0:
            return x, -1
        alpha = rz / pAp
        x = x + alpha * p
        r = r - alpha * Ap
        z = r / d
        rz_new = r @ z
        p = z + (rz_new / rz) * p
        rz = rz_new
    return x, maxiter


if __name__ == "__main__":
    from la4ml.krylov import poisson2d

    A = poisson2d(16).toarray()
    s = np.logspace(-2, 2, 256)
    B = s[:, None] * A * s[None, :]  # the same system in badly scaled units
    b = np.ones(256)
    for name, solver in (("Jacobi-PCG", jacobi_pcg),):
        x, info = solver(B, b)
        print(name, "info", info, "relative residual", np.linalg.norm(b - B @ x) / np.linalg.norm(b))
