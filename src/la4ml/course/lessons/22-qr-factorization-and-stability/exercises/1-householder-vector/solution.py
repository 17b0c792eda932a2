"""Exercise 22.1 — A Householder reflector with the stable sign, from scratch (reference solution)."""

import numpy as np


def householder_vector(x):
    """Return ``(v, alpha)``: the reflector ``H = I - 2 v vᵀ`` maps ``x`` to ``alpha * e₁``.

    Parameters
    ----------
    x : ndarray of shape (n,)
        The vector to reflect onto the first axis. Do not modify it.

    Returns
    -------
    v : ndarray of shape (n,)
        A unit vector: ``u / ||u||`` with ``u = x + sign(x[0]) * ||x|| * e₁`` and ``sign(0) = +1``.
        For ``x = 0``, ``e₁``.
    alpha : float
        ``-sign(x[0]) * ||x||`` (``0.0`` for ``x = 0``): the first entry of ``H @ x``.
    """
    x = np.asarray(x, dtype=float)
    norm_x = np.linalg.norm(x)
    v = np.zeros_like(x)
    if norm_x == 0:
        v[0] = 1.0
        return v, 0.0
    sign = 1.0 if x[0] >= 0 else -1.0    # np.sign(0) would be 0: the first entry would get nothing
    v[:] = x                             # a copy: x itself is not modified
    v[0] += sign * norm_x                # a sum of two numbers of the same sign: no cancellation
    v /= np.linalg.norm(v)
    return v, float(-sign * norm_x)


if __name__ == "__main__":
    x = np.array([3.0, 4.0])
    v, alpha = householder_vector(x)
    H = np.eye(2) - 2 * np.outer(v, v)
    print("v =", v, " alpha =", alpha, " H @ x =", H @ x)
