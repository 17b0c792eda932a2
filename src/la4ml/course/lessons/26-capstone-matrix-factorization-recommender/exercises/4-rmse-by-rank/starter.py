"""Exercise 26.4 — Held-out RMSE against rank, with la4ml.recsys.ALS.

Fit ALS at several ranks on the training ratings only, measure the RMSE on the training pairs and
on the held-out pairs, and pick the rank the held-out data prefers.
"""

import numpy as np

from la4ml.recsys import ALS, Ratings, make_streamrec


def rmse_by_rank(users, items, ratings, test_mask, n_users, n_items, ranks, reg=0.01, max_iter=10):
    """Training and held-out RMSE of ALS for each rank.

    Parameters
    ----------
    users, items : ndarray of int, shape (n_ratings,)
        User and item of each rating (indices ``0 .. n_users - 1`` and ``0 .. n_items - 1``).
    ratings : ndarray of float, shape (n_ratings,)
    test_mask : ndarray of bool, shape (n_ratings,)
        ``True`` for the held-out ratings; the models are fitted on the others only.
    n_users, n_items : int
        Sizes of the rating matrix.
    ranks : sequence of int
        The ranks ``k`` to try.
    reg : float, default 0.01
        ALS's regularization (weighted, ALS-WR).
    max_iter : int, default 10
        ALS iterations.

    Returns
    -------
    train_rmse, test_rmse : ndarray of float, shape (len(ranks),)
        RMSE of ``model.predict(users, items)`` over the training pairs and over the test pairs.

    Notes
    -----
    Fit ``ALS(n_components=k, reg=reg, max_iter=max_iter, random_state=0, dtype=np.float64,
    solver="torch", device="cpu")`` on ``Ratings(users[train], items[train], ratings[train],
    n_users=n_users, n_items=n_items)``.
    """
    # TODO: build the training Ratings once; for each k fit ALS and compute the two RMSEs
    #       with model.predict on the training pairs and on the test pairs.
    raise NotImplementedError


def best_rank(ranks, test_rmse):
    """The rank with the lowest held-out RMSE (the smallest such rank on a tie).

    Examples
    --------
    >>> int(best_rank([2, 4, 6, 8], [0.9, 0.5, 0.5, 0.7]))
    4
    """
    # TODO: the position of the smallest test RMSE (the first one on a tie), then the rank there.
    raise NotImplementedError


if __name__ == "__main__":
    R = make_streamrec(300, 200, n_ratings=9000, rank=3, noise=0.3, random_state=0)
    rng = np.random.default_rng(0)
    test_mask = np.zeros(R.rating.size, dtype=bool)          # a per-user split: 20% of each user's ratings
    for a, b in zip(R.indptr[:-1], R.indptr[1:]):
        test_mask[a + rng.choice(b - a, size=min(int(0.2 * (b - a)), b - a - 1), replace=False)] = True
    ranks = [1, 2, 3, 4, 5, 6]
    train_rmse, test_rmse = rmse_by_rank(R.user, R.item, R.rating, test_mask, 300, 200, ranks)
    print("train RMSE:", np.round(train_rmse, 3))
    print("test RMSE: ", np.round(test_rmse, 3))
    print("best rank on held-out data:", best_rank(ranks, test_rmse))
