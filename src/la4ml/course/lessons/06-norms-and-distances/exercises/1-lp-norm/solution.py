"""Exercise 6.1 — Lp norms from scratch (reference solution)."""

import numpy as np


def lp_norm(x, p=2):
    """The Lp norm of the vector ``x``, computed as ``s * ||x / s||_p`` with ``s = max |x_i|``.

    Parameters
    ----------
    x : ndarray of shape (n,)
    p : float >= 1 or np.inf, default 2

    Returns
    -------
    float
    """
    a = np.abs(np.asarray(x, dtype=float))  # absolute values first: -4 counts as much as 4
    s = a.max()
    if s == 0 or p == np.inf:
        return float(s)  # the zero vector (no 0/0 below), or the L∞ norm: the largest size
    return float(s * np.sum((a / s) ** p) ** (1.0 / p))  # every a / s is in [0, 1]: no overflow


if __name__ == "__main__":
    x = np.array([3.0, -4.0])
    for p in (1, 2, 3, np.inf):
        print(f"p = {p}: mine {lp_norm(x, p):.6f}   numpy {np.linalg.norm(x, p):.6f}")
    big = np.array([3e200, 4e200])
    with np.errstate(over="ignore"):
        print(f"mine: {lp_norm(big):.6g}   np.linalg.norm: {np.linalg.norm(big):.6g}")  # 5e+200 and inf
