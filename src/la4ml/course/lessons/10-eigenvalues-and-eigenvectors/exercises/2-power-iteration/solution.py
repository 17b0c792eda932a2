"""Exercise 10.2 — Power iteration from scratch, with a stopping rule relative to ‖A‖ (reference solution)."""

import numpy as np


def power_iteration(A, x0, tol=1e-10, maxiter=1000):
    """The dominant eigenpair of ``A``: ``(λ, x, n_iter)``, stopped when ``‖Ax - λx‖ <= tol·‖A‖_F``."""
    A = np.asarray(A, dtype=float)
    x = np.asarray(x0, dtype=float) / np.linalg.norm(x0)   # a new array: x0 is untouched
    bound = tol * np.linalg.norm(A)                          # relative to the size of A
    for k in range(1, maxiter + 1):
        y = A @ x
        lam = x @ y                                          # Rayleigh quotient (‖x‖ = 1)
        if np.linalg.norm(y - lam * x) <= bound or k == maxiter:
            return float(lam), x, k
        x = y / np.linalg.norm(y)                            # normalize every step: no overflow


def eigvec_distance(u, v):
    """``min(‖û - v̂‖, ‖û + v̂‖)``: the distance between two directions, blind to sign."""
    nu, nv = np.linalg.norm(u), np.linalg.norm(v)
    if nu == 0 or nv == 0:
        raise ValueError("a zero vector has no direction: eigvec_distance needs two nonzero vectors")
    u, v = np.asarray(u, dtype=float) / nu, np.asarray(v, dtype=float) / nv
    return float(min(np.linalg.norm(u - v), np.linalg.norm(u + v)))


if __name__ == "__main__":
    import networkx as nx

    A = nx.to_numpy_array(nx.karate_club_graph(), weight=None)
    lam, v, n_iter = power_iteration(A, np.ones(len(A)))
    w, Q = np.linalg.eigh(A)
    print(f"power iteration: λ = {lam:.12f} after {n_iter} steps; eigh: {w[-1]:.12f}")
    print("distance to eigh's eigenvector (up to sign):", eigvec_distance(v, Q[:, -1]))
