"""Exercise 6.1 — Lp norms from scratch.

Write ``lp_norm(x, p=2)`` without np.linalg.norm, safe from overflow, then compare it with NumPy.
"""

import numpy as np


def lp_norm(x, p=2):
    """The Lp norm of the vector ``x``, computed without overflow or underflow.

    Parameters
    ----------
    x : ndarray of shape (n,)
        A nonempty vector of finite floats.
    p : float >= 1 or np.inf, default 2

    Returns
    -------
    float
        ``(sum |x_i|**p) ** (1/p)``, or ``max |x_i|`` when ``p`` is ``np.inf``; ``0.0`` for the
        zero vector. Computed as ``s * ||x / s||_p`` with ``s = max |x_i|``, so that no power of
        an entry overflows or underflows.

    Examples
    --------
    >>> x = np.array([3.0, -4.0])
    >>> lp_norm(x, 1), lp_norm(x, 2), lp_norm(x, np.inf)
    (7.0, 5.0, 4.0)
    >>> bool(np.isclose(lp_norm(np.array([3e200, 4e200])), 5e200))  # x**2 would overflow
    True
    """
    # TODO: take the ABSOLUTE values and their maximum s (return 0.0 if s is 0); handle
    #       p == np.inf separately; otherwise raise a / s to the power p, sum, take the p-th root,
    #       and multiply back by s.
    raise NotImplementedError


if __name__ == "__main__":
    x = np.array([3.0, -4.0])
    for p in (1, 2, 3, np.inf):
        print(f"p = {p}: mine {lp_norm(x, p):.6f}   numpy {np.linalg.norm(x, p):.6f}")
    big = np.array([3e200, 4e200])
    with np.errstate(over="ignore"):
        print(f"mine: {lp_norm(big):.6g}   np.linalg.norm: {np.linalg.norm(big):.6g}")  # 5e+200 and inf
