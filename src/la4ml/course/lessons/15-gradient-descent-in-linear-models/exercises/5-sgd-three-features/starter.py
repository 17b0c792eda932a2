"""Exercise 15.5 — SGD on 100 samples with 3 features plus bias: learned vs true weights.

Write ``make_data(n_samples, seed)`` and ``sgd_epochs(X, y, lr, n_epochs, seed)``, then run this file.
"""

import numpy as np

TRUE_THETA = np.array([4.0, 2.0, -3.0, 1.5])  # [b, w1, w2, w3]


def make_data(n_samples=100, seed=0):
    """Seeded regression data with 3 standard-normal features and known weights.

    Parameters
    ----------
    n_samples : int, default 100
    seed : int, default 0

    Returns
    -------
    X : ndarray of shape (n_samples, 3)
        ``rng.standard_normal((n_samples, 3))``, drawn first.
    y : ndarray of shape (n_samples,)
        ``4 + X @ [2, -3, 1.5] + 0.1 * rng.standard_normal(n_samples)``, the noise drawn second.
    true_theta : ndarray of shape (4,)
        ``[4, 2, -3, 1.5]``, the bias first.

    Examples
    --------
    >>> X, y, true_theta = make_data(5)
    >>> X.shape, y.shape, true_theta
    ((5, 3), (5,), array([ 4. ,  2. , -3. ,  1.5]))
    """
    # TODO: rng = np.random.default_rng(seed); X first, then the noise; y = 4 + X @ w + 0.1 * noise.
    raise NotImplementedError


def sgd_epochs(X, y, lr=0.01, n_epochs=30, seed=0):
    """SGD on the MSE of ``y ≈ b + X w`` by epochs: every sample once per epoch, in a new order.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The features (no column of ones). Do not modify it.
    y : ndarray of shape (n_samples,)
    lr : float, default 0.01
    n_epochs : int, default 30
    seed : int, default 0
        Seed of ``rng = np.random.default_rng(seed)``, created once; ``rng.permutation(n_samples)``
        at the start of each epoch.

    Returns
    -------
    theta : ndarray of shape (n_features + 1,)
        ``[b, w₁, …]`` after ``n_epochs · n_samples`` updates ``θ ← θ - lr · 2 a_i (a_iᵀθ - y_i)``.
    losses : ndarray of shape (n_epochs + 1,)
        The MSE on all samples at ``θ = 0`` and after each epoch.
    """
    # TODO: A = [1 X]; for each epoch: for i in rng.permutation(n): step; then record the loss.
    raise NotImplementedError


if __name__ == "__main__":
    X, y, true_theta = make_data()
    theta, losses = sgd_epochs(X, y)
    print("true    θ =", true_theta)
    print("learned θ =", theta.round(4))
    print(f"largest error {np.abs(theta - true_theta).max():.4f}; loss {losses[0]:.3f} -> {losses[-1]:.5f}")
