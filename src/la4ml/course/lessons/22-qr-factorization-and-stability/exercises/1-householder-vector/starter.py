"""Exercise 22.1 — A Householder reflector with the stable sign, from scratch.

Write ``householder_vector(x)``: the unit vector ``v`` and the number ``alpha`` with
``(I - 2 v vᵀ) x = alpha e₁``.
"""

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
        A unit vector (``np.linalg.norm(v) == 1`` up to rounding): ``u / ||u||`` with
        ``u = x + sign(x[0]) * ||x|| * e₁`` and ``sign(0) = +1``. For ``x = 0`` return ``e₁``.
    alpha : float
        ``-sign(x[0]) * ||x||`` (``0.0`` for ``x = 0``): the first entry of ``H @ x``.

    Notes
    -----
    The sign makes the first entry of ``u`` a sum of two numbers of the same sign, so nothing
    cancels. ``u = x - ||x|| e₁`` also works in exact arithmetic, but for ``x`` close to ``e₁``
    its first entry ``x[0] - ||x||`` loses all its digits. Build ``u`` from a copy of ``x``.

    Examples
    --------
    >>> v, alpha = householder_vector(np.array([3.0, 4.0]))
    >>> alpha
    -5.0
    >>> v  # (8, 4) / sqrt(80)
    array([0.89442719, 0.4472136 ])
    """
    # TODO: copy x, add sign(x[0]) * ||x|| to the first entry (sign(0) = +1), normalize,
    #       and return (v, alpha) with alpha = -sign(x[0]) * ||x||; handle x = 0 first.
    raise NotImplementedError


if __name__ == "__main__":
    x = np.array([3.0, 4.0])
    v, alpha = householder_vector(x)
    H = np.eye(2) - 2 * np.outer(v, v)
    print("v =", v, " alpha =", alpha, " H @ x =", H @ x)
