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
    # TODO: take the rows Y[items], form the k x k Gram matrix plus the penalty on the diagonal
    #       (reg * n_u when weighted), and solve with np.linalg.solve.
    raise NotImplementedError


if __name__ == "__main__":
    Y = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    x = als_user_step(Y, np.array([0, 2]), np.array([4.0, 5.0]), reg=0.5, mu=3.0)
    print("x =", x)
