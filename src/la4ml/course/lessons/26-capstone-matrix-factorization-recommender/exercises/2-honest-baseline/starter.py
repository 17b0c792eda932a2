"""Exercise 26.2 — An honest evaluation: a per-user split and a baseline that never sees the test set.

Write ``per_user_split`` (which ratings to hide) and ``item_mean_rmse`` (the held-out RMSE of the
item-mean baseline, with every mean estimated from the training ratings only).
"""

import numpy as np


def per_user_split(users, test_size=0.2, seed=0):
    """Choose test ratings per user.

    Parameters
    ----------
    users : ndarray of int, shape (n_ratings,)
        The user of each rating (any order).
    test_size : float, default 0.2
        Fraction of each user's ratings to hide, ``0 < test_size < 1``.
    seed : int, default 0
        Seed of ``np.random.default_rng``, which picks the hidden ratings.

    Returns
    -------
    test_mask : ndarray of bool, shape (n_ratings,)
        ``True`` for test ratings: exactly ``min(floor(test_size * n_u), n_u - 1)`` of user ``u``'s
        ``n_u`` ratings, so every user keeps at least one training rating.

    Examples
    --------
    >>> mask = per_user_split(np.array([0, 0, 0, 0, 0, 1, 1, 2]), test_size=0.4)
    >>> [int(mask[:5].sum()), int(mask[5:7].sum()), int(mask[7:].sum())]
    [2, 0, 0]
    """
    # TODO: for each user, find the positions of its ratings (np.flatnonzero(users == u)), pick
    #       min(floor(test_size * n_u), n_u - 1) of them with rng.choice(..., replace=False).
    raise NotImplementedError


def item_mean_rmse(users, items, ratings, test_mask, n_items):
    """RMSE on the test ratings of the item-mean baseline fitted on the training ratings.

    Parameters
    ----------
    users, items : ndarray of int, shape (n_ratings,)
        User and item of each rating (``users`` is not needed by this baseline, but kept for the
        same signature as the other models).
    ratings : ndarray of float, shape (n_ratings,)
    test_mask : ndarray of bool, shape (n_ratings,)
        ``True`` for the held-out ratings.
    n_items : int
        Number of items (``items`` are in ``0 .. n_items - 1``).

    Returns
    -------
    rmse : float
        ``sqrt(mean((ratings[test] - prediction[test]) ** 2))`` with prediction = the item's mean
        TRAINING rating, or the mean of all TRAINING ratings for an item with none.

    Examples
    --------
    >>> users = np.array([0, 0, 1, 1, 2])
    >>> items = np.array([0, 1, 0, 1, 2])
    >>> ratings = np.array([4.0, 2.0, 2.0, 3.0, 5.0])
    >>> float(item_mean_rmse(users, items, ratings, np.array([False, False, True, False, True]), 3))
    2.0
    """
    # TODO: means from ratings[~test_mask] only (np.bincount with weights), a fallback for items
    #       without training ratings, then the RMSE over the test ratings only.
    raise NotImplementedError


if __name__ == "__main__":
    users = np.array([0, 0, 1, 1, 2])
    items = np.array([0, 1, 0, 1, 2])
    ratings = np.array([4.0, 2.0, 2.0, 3.0, 5.0])
    print(item_mean_rmse(users, items, ratings, np.array([False, False, True, False, True]), 3))
