"""Exercise 26.3 — One epoch of SGD for biased matrix factorization, from scratch.

Write ``sgd_epoch``: visit the ratings one by one and move the user's and the item's bias and
factors against the gradient of that rating's regularized squared error.
"""

import numpy as np


def sgd_epoch(P, Q, bu, bi, mu, users, items, ratings, lr=0.005, reg=0.02, reg_bias=None):
    """Run one SGD epoch over the ratings, in the given order.

    Parameters
    ----------
    P : ndarray of shape (n_users, k)
        User factors ``p_u`` (rows).
    Q : ndarray of shape (n_items, k)
        Item factors ``q_i`` (rows).
    bu : ndarray of shape (n_users,)
        User biases.
    bi : ndarray of shape (n_items,)
        Item biases.
    mu : float
        Global mean rating (fixed).
    users, items : ndarray of int, shape (n_ratings,)
        User and item of each rating, visited in this order.
    ratings : ndarray of float, shape (n_ratings,)
    lr : float, default 0.005
        Learning rate.
    reg : float, default 0.02
        Penalty of the factors.
    reg_bias : float or None, default None
        Penalty of the biases; ``None`` means ``reg``.

    Returns
    -------
    P, Q, bu, bi : ndarray
        Updated copies (the inputs are not modified).

    Notes
    -----
    For each rating: ``e = r - (mu + bu[u] + bi[i] + P[u] @ Q[i])``, then
    ``bu[u] += lr * (e - reg_bias * bu[u])``, ``bi[i] += lr * (e - reg_bias * bi[i])``,
    ``P[u] += lr * (e * Q[i] - reg * P[u])`` and ``Q[i] += lr * (e * p_old - reg * Q[i])`` where
    ``p_old`` is ``P[u]`` before its update.

    Examples
    --------
    >>> P, Q = np.array([[1.0, 0.0]]), np.array([[2.0, 1.0]])
    >>> out = sgd_epoch(P, Q, np.zeros(1), np.zeros(1), 3.0, np.array([0]), np.array([0]),
    ...                 np.array([4.0]), lr=0.5, reg=0.0)
    >>> [a.tolist() for a in out]    # e = 4 - (3 + 0 + 0 + 2) = -1
    [[[0.0, -0.5]], [[1.5, 1.0]], [-0.5], [-0.5]]
    """
    P, Q = np.array(P, dtype=np.float64), np.array(Q, dtype=np.float64)
    bu, bi = np.array(bu, dtype=np.float64), np.array(bi, dtype=np.float64)
    reg_b = reg if reg_bias is None else reg_bias
    for u, i, r in zip(users, items, ratings):
        e = r - (mu + bu[u] + bi[i] + P[u] @ Q[i])
        bu[u] += lr * (e - reg_b * bu[u])
        bi[i] += lr * (e - reg_b * bi[i])
        p_old = P[u].copy()
        P[u] += lr * (e * Q[i] - reg * P[u])
        Q[i] += lr * (e * p_old - reg * Q[i])
    return P, Q, bu, bi


if __name__ == "__main__":
    P, Q = np.array([[1.0, 0.0]]), np.array([[2.0, 1.0]])
    out = sgd_epoch(P, Q, np.zeros(1), np.zeros(1), 3.0, np.array([0]), np.array([0]), np.array([4.0]), lr=0.5, reg=0.0)
    print("one rating, by hand:", [a.tolist() for a in out])
    rng = np.random.default_rng(0)
    n_users, n_items, k = 30, 20, 3
    truth = 3.0 + rng.standard_normal((n_users, k)) @ rng.standard_normal((k, n_items)) / 2
    users, items = np.nonzero(rng.random((n_users, n_items)) < 0.5)
    ratings = truth[users, items]
    P, Q = 0.1 * rng.standard_normal((n_users, k)), 0.1 * rng.standard_normal((n_items, k))
    bu, bi, mu = np.zeros(n_users), np.zeros(n_items), ratings.mean()
    for epoch in range(5):
        P, Q, bu, bi = sgd_epoch(P, Q, bu, bi, mu, users, items, ratings, lr=0.02)
        pred = mu + bu[users] + bi[items] + np.sum(P[users] * Q[items], axis=1)
        print(f"epoch {epoch + 1}: training RMSE {np.sqrt(np.mean((ratings - pred) ** 2)):.4f}")
