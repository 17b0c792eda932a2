"""Exercise 3.1 — The matrix product four ways, from scratch (reference solution)."""

import numpy as np

VIEWS = ("entries", "columns", "rows", "outer")


def matmul(A, B, view="entries"):
    """Return the product ``A @ B``, computed by the chosen view of a matrix product."""
    if view not in VIEWS:
        raise ValueError(f"view must be one of {VIEWS}, got {view!r}")
    m, n = A.shape
    n_b, p = B.shape
    if n != n_b:
        raise ValueError(f"A has shape {A.shape} and B has shape {B.shape}: the inner sizes {n} and {n_b} differ")
    C = np.zeros((m, p))
    if view == "entries":
        for i in range(m):
            for j in range(p):
                C[i, j] = A[i, :] @ B[:, j]          # row i of A . column j of B
    elif view == "columns":
        for j in range(p):
            C[:, j] = A @ B[:, j]                    # A times column j of B
    elif view == "rows":
        for i in range(m):
            C[i, :] = A[i, :] @ B                    # row i of A times B
    else:
        for k in range(n):
            C += np.outer(A[:, k], B[k, :])          # column k of A times row k of B: a rank-1 layer
    return C


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    A, B = rng.standard_normal((2, 3)), rng.standard_normal((3, 4))
    for view in VIEWS:
        print(view, np.allclose(matmul(A, B, view), A @ B))
