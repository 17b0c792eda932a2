"""Exercise 1.3 — Random vectors in high dimension are nearly orthogonal (reference solution)."""

import numpy as np


def mean_abs_cosine(dims, n_vectors=100, random_state=0):
    """Mean ``|cos(u, v)|`` over pairs of different standard normal vectors, for each dimension."""
    rng = np.random.default_rng(random_state)
    out = []
    for d in dims:
        X = rng.standard_normal((n_vectors, d))  # (n_vectors, d): one random vector per row
        U = X / np.linalg.norm(X, axis=1, keepdims=True)  # each row scaled to length 1
        C = U @ U.T  # (n_vectors, n_vectors): every cosine at once
        upper = np.triu_indices(n_vectors, k=1)  # pairs i < j: no vector paired with itself
        out.append(np.abs(C[upper]).mean())
    return np.array(out)


if __name__ == "__main__":
    dims = [2, 10, 100, 1000, 10000]
    for d, m in zip(dims, mean_abs_cosine(dims)):
        print(f"d = {d:>5}: mean |cos| = {m:.4f}   1/sqrt(d) = {1 / np.sqrt(d):.4f}")
