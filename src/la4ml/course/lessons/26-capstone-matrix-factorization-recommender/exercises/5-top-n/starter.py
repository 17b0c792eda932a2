"""Exercise 26.5 — Top-N recommendations that skip what the user has already rated."""

import numpy as np


def top_n(user_factors, item_factors, user, seen_items, n=10):
    """Indices of the ``n`` best-scored items the user has not rated, best first.

    Parameters
    ----------
    user_factors : ndarray of shape (n_users, k)
    item_factors : ndarray of shape (n_items, k)
    user : int
        Row of ``user_factors``.
    seen_items : array_like of int
        Items the user has already rated (may be empty, in any order).
    n : int, default 10
        How many items to return (fewer if fewer are unseen).

    Returns
    -------
    items : ndarray of int, shape (min(n, number of unseen items),)
        Unseen item indices sorted by score ``item_factors @ user_factors[user]``, highest first;
        equal scores in increasing item order.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0]])
    >>> Y = np.array([[3.0, 0.0], [1.0, 5.0], [2.0, 0.0], [2.0, 1.0], [0.5, 0.0]])
    >>> top_n(X, Y, 0, seen_items=[0], n=3)
    array([2, 3, 1])
    """
    # TODO: scores = item_factors @ user_factors[user]; exclude seen_items; sort by score,
    #       highest first, ties by the smaller index (a stable sort of -scores).
    raise NotImplementedError


if __name__ == "__main__":
    X = np.array([[1.0, 0.0]])
    Y = np.array([[3.0, 0.0], [1.0, 5.0], [2.0, 0.0], [2.0, 1.0], [0.5, 0.0]])
    print(top_n(X, Y, 0, seen_items=[0], n=3))
