"""Exercise 15.2 — Stochastic gradient descent for 500 iterations, shuffled every epoch.

Write ``sgd(X, y, lr, n_iters, seed)``, then run this file on the 40 samples of exercise 15.1.
"""

import matplotlib

matplotlib.use("Agg")  # draw to files, no window needed
import matplotlib.pyplot as plt
import numpy as np


def sgd(X, y, lr=0.05, n_iters=500, seed=0):
    """Stochastic gradient descent on the MSE of ``y ≈ b + X w``: one sample per update, reshuffled each epoch.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The features (no column of ones). Do not modify it.
    y : ndarray of shape (n_samples,)
        The targets.
    lr : float, default 0.05
        The learning rate.
    n_iters : int, default 500
        The number of updates (one sample each).
    seed : int, default 0
        Seed of ``rng = np.random.default_rng(seed)``, created once; a new ``rng.permutation(n_samples)``
        is drawn at iterations ``0, n_samples, 2 n_samples, …``.

    Returns
    -------
    theta : ndarray of shape (n_features + 1,)
        ``[b, w₁, …]`` after ``n_iters`` updates ``θ ← θ - lr · 2 a_i (a_iᵀθ - y_i)``.
    losses : ndarray of shape (n_iters + 1,)
        The MSE on all samples, ``mean((Aθ - y)²)``, before each update and after the last.

    Examples
    --------
    >>> theta, losses = sgd(np.array([[0.0], [1.0]]), np.array([1.0, 1.0]), lr=0.25, n_iters=2)
    >>> losses.shape
    (3,)
    """
    # TODO: A = [1 X]; theta = zeros; rng = np.random.default_rng(seed); for t in range(n_iters):
    #       record the loss; if t % n == 0: order = rng.permutation(n); i = order[t % n]; step.
    #       Record the loss once more after the loop.
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = 2 * rng.random((40, 1))
    y = 4 + 3 * X[:, 0] + rng.standard_normal(40)
    A = np.column_stack([np.ones(40), X])
    theta, losses = sgd(X, y)
    theta_batch = np.zeros(2)
    for _ in range(100):  # 100 steps of batch gradient descent (exercise 15.1)
        theta_batch = theta_batch - 0.1 * (2 / 40) * A.T @ (A @ theta_batch - y)
    print("SGD (500 iterations) θ =", theta, f"loss {losses[-1]:.4f}")
    print("batch (100 steps)    θ =", theta_batch)
    print("least squares        θ =", np.linalg.lstsq(A, y, rcond=None)[0])
    fig, ax = plt.subplots()
    ax.plot(losses)
    ax.set_yscale("log")
    ax.set_xlabel("SGD iteration")
    ax.set_ylabel("MSE on all 40 samples")
    fig.savefig("sgd_loss.png")
