"""Exercise 25.5 — The logistic-regression gradient, checked on real data.

Write ``logistic_gradient(X, y, w)``: the gradient of the mean logistic loss. Then run this file: it
checks the gradient on scikit-learn's breast-cancer data against central differences and trains
the classifier by gradient descent.
"""

import numpy as np
from scipy.special import expit


def logistic_gradient(X, y, w):
    """Gradient of ``L(w) = mean(log(1 + exp(X @ w)) - y * (X @ w))``.

    Parameters
    ----------
    X : ndarray of shape (n, d)
        One row per sample.
    y : ndarray of shape (n,)
        Labels 0 or 1.
    w : ndarray of shape (d,)
        The weights.

    Returns
    -------
    g : ndarray of shape (d,)
        The gradient of ``L`` at ``w``; finite even for scores ``|X @ w|`` of 1000.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]])
    >>> logistic_gradient(X, np.array([1.0, 0.0, 1.0]), np.zeros(2))   # p = ½ everywhere
    array([-0.33333333,  0.16666667])
    """
    # TODO: scores z = X @ w, probabilities p = sigmoid(z) (stable: scipy.special.expit),
    #       then the mean over the n samples of (p - y) times each sample's row.
    raise NotImplementedError


if __name__ == "__main__":
    from sklearn.datasets import load_breast_cancer

    from la4ml.calculus import gradient_check

    data = load_breast_cancer()
    X = (data.data - data.data.mean(0)) / data.data.std(0)
    X = np.column_stack([X, np.ones(len(X))])  # an intercept column
    y = data.target.astype(float)
    loss = lambda w: np.mean(np.logaddexp(0.0, X @ w) - y * (X @ w))
    w = np.zeros(X.shape[1])
    print("gradient_check at w = 0:", gradient_check(loss, lambda v: logistic_gradient(X, y, v), w))
    for _ in range(200):
        w = w - 0.5 * logistic_gradient(X, y, w)
    print(f"after 200 steps: loss {loss(w):.4f}, training accuracy {np.mean((X @ w > 0) == y):.3f}")
    print("gradient_check there:", gradient_check(loss, lambda v: logistic_gradient(X, y, v), w))
