"""Exercise 21.4 — Which solver when (reference solution)."""

import numpy as np


def choose_solver(A):
    """Return ``"cg"`` (SPD), ``"minres"`` (symmetric, not PD) or ``"gmres"`` (nonsymmetric)."""
    A = np.asarray(A, dtype=float)
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError(f"A must be square, got shape {A.shape}")
    n = A.shape[0]
    eps = np.finfo(float).eps
    scale = np.abs(A).max() if A.size else 0.0
    if np.abs(A - A.T).max(initial=0.0) > n * eps * scale:  # relative to A: units do not matter
        return "gmres"
    lam = np.linalg.eigvalsh(A)  # ascending; reads the lower triangle only, which is fine for symmetric A
    if lam[0] > n * eps * np.abs(lam).max():
        return "cg"
    return "minres"


if __name__ == "__main__":
    from la4ml.krylov import poisson2d

    A = poisson2d(4).toarray()
    print("Poisson:", choose_solver(A))
    print("shifted Poisson:", choose_solver(A - 1.0 * np.eye(16)))
    print("with upwind convection:", choose_solver(A + np.diag(-np.ones(15), -1)))
