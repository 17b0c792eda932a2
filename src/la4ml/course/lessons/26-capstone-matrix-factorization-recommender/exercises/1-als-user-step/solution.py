"""Exercise 26.1 — One ALS half-step for one user, from scratch.

Write ``als_user_step``: with the items' factors fixed, a user's factors are the solution of a
small ridge regression of the user's ratings on the factors of the items they rated.
"""

import numpy as np


def als_user_step(Y, items, ratings, reg, mu=0.0, weighted=True):
    """Return the user's factors ``x`` with the item factors ``Y`` fixed.

    Parameters
    ----------
    Y : ndarray of shape (n_items, k)
        Factors of every item, one row per item (fixed during this step).
    items : ndarray of int, shape (n_u,)
        The items this user rated (row indices into ``Y``), ``n_u >= 1``.
    ratings : ndarray of shape (n_u,)
        The user's ratings of those items, in the same order.
    reg : float
        The regularization ``λ > 0``.
    mu : float, default 0.0
        The mean rating, subtracted from the ratings before fitting.
    weighted : bool, default True
        ALS-WR: the penalty is ``reg * n_u`` (scaled by the user's number of ratings);
        ``False``: the penalty is ``reg``.

    Returns
    -------
    x : ndarray of shape (k,), float64
        The solution of ``(Y_u^T Y_u + λ_u I) x = Y_u^T (ratings - mu)`` with ``Y_u = Y[items]``.

    Examples
    --------
    >>> Y = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    >>> als_user_step(Y, np.array([0, 2]), np.array([4.0, 5.0]), reg=0.5, mu=3.0)
    array([0.8, 0.6])
    """
    Y = np.asarray(Y, dtype=np.float64)
    items = np.asarray(items)
    Yu = Y[items]                                         # (n_u, k)
    lam = reg * len(items) if weighted else reg
    A = Yu.T @ Yu + lam * np.eye(Y.shape[1])              # (k, k), symmetric positive definite
    b = Yu.T @ (np.asarray(ratings, dtype=np.float64) - mu)
    return np.linalg.solve(A, b)


if __name__ == "__main__":
    Y = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    x = als_user_step(Y, np.array([0, 2]), np.array([4.0, 5.0]), reg=0.5, mu=3.0)
    print("x =", x)
    Yu, lam = Y[[0, 2]], 0.5 * 2
    stacked = np.vstack([Yu, np.sqrt(lam) * np.eye(2)])
    x_ref = np.linalg.lstsq(stacked, np.r_[np.array([4.0, 5.0]) - 3.0, 0.0, 0.0], rcond=None)[0]
    print("lstsq on the stacked system:", x_ref, " agree:", np.allclose(x, x_ref))
