"""Exercise 6.1 — Lp norms from scratch.

Write ``lp_norm(x, p=2)`` without np.linalg.norm, then compare it with np.linalg.norm.
"""

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
        ``(sum |x_i|**p) ** (1/p)``, or ``max |x_i|`` when ``p`` is ``np.inf``.

    Examples
    --------
    >>> x = np.array([3.0, -4.0])
    >>> lp_norm(x, 1), lp_norm(x, 2), lp_norm(x, np.inf)
    (7.0, 5.0, 4.0)
    """
    # TODO: handle p == np.inf separately; otherwise raise the ABSOLUTE values to the power p,
    #       sum them and take the p-th root.
    raise NotImplementedError


if __name__ == "__main__":
    x = np.array([3.0, -4.0])
    for p in (1, 2, 3, np.inf):
        print(f"p = {p}: mine {lp_norm(x, p):.6f}   numpy {np.linalg.norm(x, p):.6f}")
