"""Exercise 15.1 — The MSE gradient, and batch gradient descent on 40 samples.

Write ``mse_gradient(A, y, theta)`` and ``batch_gradient_descent(X, y, lr, n_iters)``, then run this
file on the 40 samples below.
"""

import numpy as np


def mse_gradient(A, y, theta):
    """The gradient of ``MSE(θ) = mean((Aθ - y)²)``.

    Parameters
    ----------
    A : ndarray of shape (n_samples, n_weights)
        The design matrix (a column of ones included if the model has a bias).
    y : ndarray of shape (n_samples,)
        The targets.
    theta : ndarray of shape (n_weights,)
        The weights.

    Returns
    -------
    grad : ndarray of shape (n_weights,)
        ``(2 / n_samples) Aᵀ(Aθ - y)``.

    Examples
    --------
    >>> mse_gradient(np.array([[1.0, 2.0]]), np.array([1.0]), np.array([0.0, 0.0]))
    array([-2., -4.])
    """
    # TODO: residual r = A @ theta - y; return (2 / n) * A.T @ r with n = the number of rows of A.
    raise NotImplementedError


def batch_gradient_descent(X, y, lr=0.1, n_iters=100):
    """Full-batch gradient descent on the MSE of ``y ≈ b + X w``, from ``θ = 0``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The features (no column of ones). Do not modify it.
    y : ndarray of shape (n_samples,)
        The targets.
    lr : float, default 0.1
        The learning rate.
    n_iters : int, default 100
        The number of gradient steps.

    Returns
    -------
    theta : ndarray of shape (n_features + 1,)
        ``[b, w₁, …]`` after ``n_iters`` steps, the bias first.
    losses : ndarray of shape (n_iters + 1,)
        ``mean((Aθ - y)²)`` at ``θ_0 = 0, θ_1, …, θ_n_iters``, ``A = [1 X]``.

    Examples
    --------
    >>> theta, losses = batch_gradient_descent(np.array([[0.0], [1.0]]), np.array([1.0, 1.0]), lr=0.5, n_iters=1)
    >>> theta, losses
    (array([1. , 0.5]), array([1.   , 0.125]))
    """
    # TODO: A = np.column_stack([np.ones(n), X]); theta = zeros; loop n_iters + 1 times:
    #       record the loss, then (except on the last pass) step.
    raise NotImplementedError


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = 2 * rng.random((40, 1))
    y = 4 + 3 * X[:, 0] + rng.standard_normal(40)
    theta, losses = batch_gradient_descent(X, y)
    A = np.column_stack([np.ones(40), X])
    print(f"loss {losses[0]:.4f} at θ = 0, {losses[-1]:.4f} after 100 iterations")
    print("gradient descent θ =", theta)
    print("least squares    θ =", np.linalg.lstsq(A, y, rcond=None)[0])
