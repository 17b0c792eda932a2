"""Exercise 1.1 — A linear combination, from scratch (reference solution)."""

import numpy as np


def linear_combination(coeffs, vectors):
    """Return ``coeffs[0] * vectors[0] + ... + coeffs[k-1] * vectors[k-1]`` (rows of ``vectors``)."""
    coeffs = np.asarray(coeffs, dtype=float)
    vectors = np.asarray(vectors, dtype=float)
    k, n = vectors.shape  # k vectors of length n, one per row
    if coeffs.shape != (k,):
        raise ValueError(f"got {coeffs.size} coefficients for {k} vectors; give exactly one coefficient per row")
    total = np.zeros(n)
    for c, v in zip(coeffs, vectors):
        total = total + c * v  # scale, then add: the two operations of a vector space
    return total


if __name__ == "__main__":
    coeffs = np.array([2.0, -1.0, 0.5])
    V = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [2.0, 2.0, 0.0]])
    mine = linear_combination(coeffs, V)
    print("from scratch:", mine)
    print("coeffs @ V:  ", coeffs @ V, "-> same:", np.allclose(mine, coeffs @ V))
