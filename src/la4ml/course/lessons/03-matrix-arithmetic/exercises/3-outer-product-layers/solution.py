"""Exercise 3.3 — A product as a sum of rank-1 layers (reference solution)."""

import numpy as np


def outer_product_terms(A, B):
    """Return the rank-1 layers of ``A @ B``, one per column of ``A``."""
    n = A.shape[1]
    return np.stack([np.outer(A[:, k], B[k, :]) for k in range(n)], axis=0)   # (n, m, p)


def partial_sum_ranks(A, B):
    """Return the ranks of the sums of the first 1, 2, ..., n layers of ``A @ B``."""
    partial_sums = np.cumsum(outer_product_terms(A, B), axis=0)                # (n, m, p)
    return [int(np.linalg.matrix_rank(S)) for S in partial_sums]


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    A, B = rng.standard_normal((5, 3)), rng.standard_normal((3, 4))
    terms = outer_product_terms(A, B)
    print("layers:", terms.shape, "sum equals A @ B:", np.allclose(terms.sum(axis=0), A @ B))
    print("ranks of the partial sums:", partial_sum_ranks(A, B))
    A[:, 1] = A[:, 0]
    print("with two equal columns of A:", partial_sum_ranks(A, B))
