"""Exercise 23.3 — The condition number of a matrix, from scratch, in three norms (reference solution).

Write ``condition_number(A, p=2)``, then run this file to compare it with ``np.linalg.cond``.
"""

import numpy as np


def condition_number(A, p=2):
    """Condition number kappa_p(A) = ||A||_p * ||A^-1||_p.

    Parameters
    ----------
    A : ndarray of shape (m, n)
        A real matrix; square unless ``p == 2``.
    p : {2, 1, np.inf}, default 2
        The norm. 2: sigma_max / sigma_min (any shape, over the min(m, n) singular values).
        1: largest absolute column sum of A times that of inv(A). np.inf: the same with row sums.

    Returns
    -------
    kappa : float
        >= 1, or ``np.inf`` for a singular matrix (smallest singular value exactly 0, or
        ``np.linalg.inv`` raising ``np.linalg.LinAlgError``). Equals ``np.linalg.cond(A, p)``.
    """
    A = np.asarray(A, dtype=float)
    if p == 2:
        s = np.linalg.svd(A, compute_uv=False)  # descending: s[0] = sigma_max, s[-1] = sigma_min
        return float(s[0] / s[-1]) if s[-1] > 0 else np.inf
    axis = 0 if p == 1 else 1  # p = 1: column sums (sum down the rows); p = inf: row sums
    try:
        A_inv = np.linalg.inv(A)
    except np.linalg.LinAlgError:
        return np.inf
    return float(np.abs(A).sum(axis=axis).max() * np.abs(A_inv).sum(axis=axis).max())


if __name__ == "__main__":
    H = 1.0 / (np.arange(6)[:, None] + np.arange(6)[None, :] + 1.0)   # the 6 × 6 Hilbert matrix
    for p in (2, 1, np.inf):
        print(f"p = {p}: {condition_number(H, p):.6g}   np.linalg.cond: {np.linalg.cond(H, p):.6g}")
