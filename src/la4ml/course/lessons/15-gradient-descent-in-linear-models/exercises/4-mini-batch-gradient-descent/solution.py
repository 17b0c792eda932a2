"""Exercise 15.4 — Mini-batches of 5 for 200 iterations, compared with batch and stochastic descent (reference solution)."""

import numpy as np


def epoch_batches(n_samples, batch_size, rng):
    """The mini-batches of one epoch: a fresh random order cut into consecutive slices.

    Parameters
    ----------
    n_samples : int
        The number of samples.
    batch_size : int
        The size of every batch but possibly the last.
    rng : numpy.random.Generator
        The source of the order; ``rng.permutation(n_samples)`` is called exactly once.

    Returns
    -------
    batches : list of ndarray of int
        ``[order[0:batch_size], order[batch_size:2 batch_size], …]``: every index in
        ``0 … n_samples - 1`` exactly once.

    Examples
    --------
    >>> [len(b) for b in epoch_batches(7, 3, np.random.default_rng(0))]
    [3, 3, 1]
    """
    order = rng.permutation(n_samples)
    return [order[start:start + batch_size] for start in range(0, n_samples, batch_size)]


def minibatch_gd(X, y, lr=0.1, n_iters=200, batch_size=5, seed=0):
    """Mini-batch gradient descent on the MSE of ``y ≈ b + X w``, reshuffled every epoch.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The features (no column of ones). Do not modify it.
    y : ndarray of shape (n_samples,)
    lr : float, default 0.1
    n_iters : int, default 200
        The number of updates (one batch each).
    batch_size : int, default 5
    seed : int, default 0
        Seed of ``rng = np.random.default_rng(seed)``, created once and passed to
        ``epoch_batches`` at the start of every epoch.

    Returns
    -------
    theta : ndarray of shape (n_features + 1,)
        ``[b, w₁, …]`` after ``n_iters`` updates ``θ ← θ - lr (2/|B|) A_Bᵀ(A_Bθ - y_B)``.
    losses : ndarray of shape (n_iters + 1,)
        The MSE on all samples before each update and after the last.
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n = X.shape[0]
    A = np.column_stack([np.ones(n), X])  # the bias column first
    theta = np.zeros(A.shape[1])
    rng = np.random.default_rng(seed)
    pending, losses = [], []
    for _ in range(n_iters):
        losses.append(np.mean((A @ theta - y) ** 2))  # before the update
        if not pending:
            pending = epoch_batches(n, batch_size, rng)  # a new epoch, a new order
        batch = pending.pop(0)
        A_b, y_b = A[batch], y[batch]
        theta = theta - lr * (2 / len(batch)) * (A_b.T @ (A_b @ theta - y_b))
    losses.append(np.mean((A @ theta - y) ** 2))
    return theta, np.array(losses)


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = 2 * rng.random((40, 1))
    y = 4 + 3 * X[:, 0] + rng.standard_normal(40)
    A = np.column_stack([np.ones(40), X])
    theta, losses = minibatch_gd(X, y)
    theta_batch = np.zeros(2)
    for _ in range(100):  # exercise 15.1
        theta_batch = theta_batch - 0.1 * (2 / 40) * A.T @ (A @ theta_batch - y)
    theta_sgd, order_rng = np.zeros(2), np.random.default_rng(0)
    for t in range(500):  # exercise 15.2
        if t % 40 == 0:
            order = order_rng.permutation(40)
        i = order[t % 40]
        theta_sgd = theta_sgd - 0.05 * 2 * A[i] * (A[i] @ theta_sgd - y[i])
    for name, th in (("mini-batch (200 × 5)", theta), ("batch (100 × 40)", theta_batch), ("SGD (500 × 1)", theta_sgd),
                     ("least squares", np.linalg.lstsq(A, y, rcond=None)[0])):
        print(f"{name:21s} θ = {th}, loss {np.mean((A @ th - y) ** 2):.4f}")
