"""Exercise 6.1 — Lp norms from scratch (reference solution)."""

import numpy as np


def lp_norm(x, p=2):
    """The Lp norm of the vector ``x``.

    Parameters
    ----------
    x : ndarray of shape (n,)
    p : float >= 1 or np.inf, default 2

    Returns
    -------
    float
    """
    a = np.abs(np.asarray(x, dtype=float))  # absolute values first: -4 counts as much as 4
    if p == np.inf:
        return float(np.max(a))
    if p == 1:
        return float(np.sum(a))  # L1: the sum of sizes, no root
    return float(np.sum(a**p) ** (1.0 / p))  # p = 2 is the Euclidean length


if __name__ == "__main__":
    x = np.array([3.0, -4.0])
    for p in (1, 2, 3, np.inf):
        print(f"p = {p}: mine {lp_norm(x, p):.6f}   numpy {np.linalg.norm(x, p):.6f}")
